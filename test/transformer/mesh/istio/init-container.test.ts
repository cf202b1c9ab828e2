import { describe, expect, it } from 'vitest';
import { initContainer, iptablesArgs } from '../../../../transformer/mesh/istio/init-container.js';
import { excludeInboundPort } from '../../../../transformer/mesh/istio/traffic.js';
import { container, contextOf, inject, names, podOf } from './fixtures.js';

function argAfter(args: string[], flag: string): string | undefined {
  const at = args.indexOf(flag);
  return at < 0 ? undefined : args[at + 1];
}

describe('istio-init', () => {
  it('captures everything by default and excludes the agent ports', () => {
    expect(iptablesArgs(contextOf(podOf()))).toEqual([
      'istio-iptables', '-p', '15001', '-z', '15006', '-u', '1337', '-m', 'REDIRECT', '-i', '*', '-x', '',
      '-b', '*', '-d', '15090,15021,15020', '--log_output_level=default:info',
    ]);
  });

  it('runs privileged with NET_ADMIN and NET_RAW', () => {
    const init = initContainer(contextOf(podOf()))!;
    expect(init.name).toBe('istio-init');
    expect(init.securityContext).toMatchObject({ runAsUser: 0, runAsNonRoot: false, capabilities: { add: ['NET_ADMIN', 'NET_RAW'], drop: ['ALL'] } });
  });

  it('passes TPROXY interception mode to iptables', () => {
    const args = iptablesArgs(contextOf(podOf({ annotations: { 'sidecar.istio.io/interceptionMode': 'TPROXY' } })));
    expect(argAfter(args, '-m')).toBe('TPROXY');
    expect(argAfter(args, '-u')).toBe('1337');
  });

  it('turns traffic annotations into -i -x -b -d -q -o -k -c', () => {
    const args = iptablesArgs(contextOf(podOf({
      annotations: {
        'traffic.sidecar.istio.io/includeOutboundIPRanges': '10.0.0.0/8',
        'traffic.sidecar.istio.io/excludeOutboundIPRanges': '10.1.0.0/16',
        'traffic.sidecar.istio.io/includeInboundPorts': '80,443',
        'traffic.sidecar.istio.io/excludeInboundPorts': '9000',
        'traffic.sidecar.istio.io/includeOutboundPorts': '5432',
        'traffic.sidecar.istio.io/excludeOutboundPorts': '6379',
        'traffic.sidecar.istio.io/kubevirtInterfaces': 'net1',
        'traffic.sidecar.istio.io/excludeInterfaces': 'eth9',
      },
    })));
    expect(argAfter(args, '-i')).toBe('10.0.0.0/8');
    expect(argAfter(args, '-x')).toBe('10.1.0.0/16');
    expect(argAfter(args, '-b')).toBe('80,443');
    expect(argAfter(args, '-d')).toBe('15090,15021,9000,15020');
    expect(argAfter(args, '-q')).toBe('5432');
    expect(argAfter(args, '-o')).toBe('6379');
    expect(argAfter(args, '-k')).toBe('net1');
    expect(argAfter(args, '-c')).toBe('eth9');
  });

  it('prefers istio.io/reroute-virtual-interfaces over kubevirtInterfaces', () => {
    const args = iptablesArgs(contextOf(podOf({
      annotations: { 'traffic.sidecar.istio.io/kubevirtInterfaces': 'old', 'istio.io/reroute-virtual-interfaces': 'new' },
    })));
    expect(argAfter(args, '-k')).toBe('new');
  });

  it('uses the status port annotation in -d, and drops it for port 0', () => {
    expect(argAfter(iptablesArgs(contextOf(podOf({ annotations: { 'status.sidecar.istio.io/port': '123' } }))), '-d')).toBe('15090,15021,123');
    expect(argAfter(iptablesArgs(contextOf(podOf({ annotations: { 'status.sidecar.istio.io/port': '0' } }))), '-d')).toBe('15090,15021');
  });

  it('uses sidecar.istio.io/agentLogLevel', () => {
    expect(iptablesArgs(contextOf(podOf({ annotations: { 'sidecar.istio.io/agentLogLevel': 'default:debug' } })))).toContain('--log_output_level=default:debug');
  });

  it('is istio-validation, unprivileged and validate-only with CNI', () => {
    const init = initContainer(contextOf(podOf(), { istio: { cni: true } }))!;
    expect(init.name).toBe('istio-validation');
    expect(init.args!.slice(-2)).toEqual(['--run-validation', '--skip-rule-apply']);
    expect(init.securityContext).toEqual({
      allowPrivilegeEscalation: false, privileged: false, capabilities: { drop: ['ALL'] },
      readOnlyRootFilesystem: true, runAsGroup: 1337, runAsUser: 1337, runAsNonRoot: true,
    });
  });

  it('copies traffic settings into pod annotations for the CNI plugin', () => {
    const pod = inject(podOf({ annotations: { 'traffic.sidecar.istio.io/excludeOutboundPorts': '6379' } }), { istio: { cni: true } });
    expect(pod.metadata.annotations).toMatchObject({
      'sidecar.istio.io/interceptionMode': 'REDIRECT',
      'traffic.sidecar.istio.io/includeOutboundIPRanges': '*',
      'traffic.sidecar.istio.io/includeInboundPorts': '*',
      'traffic.sidecar.istio.io/excludeInboundPorts': '15020',
      'traffic.sidecar.istio.io/excludeOutboundPorts': '6379',
    });
    expect(pod.metadata.annotations).not.toHaveProperty('traffic.sidecar.istio.io/excludeOutboundIPRanges');
  });

  it('is absent with interception mode NONE and a classic proxy', () => {
    const pod = inject(podOf({ annotations: { 'sidecar.istio.io/interceptionMode': 'NONE' } }), { istio: { nativeSidecars: false } });
    expect(pod.spec.initContainers).toBeUndefined();
    expect(names(pod.spec.containers)).toEqual(['app', 'istio-proxy']);
  });

  it('is absent with interception mode NONE, leaving the native proxy first', () => {
    const pod = inject(podOf({ annotations: { 'sidecar.istio.io/interceptionMode': 'NONE' }, initContainers: [{ name: 'setup', image: 'busybox' }] }));
    expect(names(pod.spec.initContainers)).toEqual(['istio-proxy', 'setup']);
  });

  it('gets the ProxyConfig proxyMetadata as env', () => {
    const pod = inject(podOf({ annotations: { 'proxy.istio.io/config': 'proxyMetadata: {B: "2", A: "1"}' } }));
    expect(container(pod, 'istio-init').env).toEqual([{ name: 'A', value: '1' }, { name: 'B', value: '2' }]);
  });
});

describe('excludeInboundPort', () => {
  it.each([
    ['appends the port', '15020', '', '15020'],
    ['appends after existing ports, trimmed', '15020', ' 4, 5 ', '4,5,15020'],
    ['keeps the list when already present', '15020', '1,15020', '1,15020'],
    ['ignores port 0', '0', '4', '4'],
  ])('%s', (_, port, list, expected) => {
    expect(excludeInboundPort(port, list)).toBe(expected);
  });
});
