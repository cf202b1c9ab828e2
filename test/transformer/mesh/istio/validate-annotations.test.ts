import { describe, expect, it } from 'vitest';
import { validateAnnotations } from '../../../../transformer/mesh/istio/validate-annotations.js';
import { isIPv6, isPrefix } from '../../../../transformer/mesh/istio/value-checks.js';
import { podOf, render } from './fixtures.js';

const INVALID: ReadonlyArray<[string, string]> = [
  ['sidecar.istio.io/interceptionMode', 'IPTABLES'],
  ['status.sidecar.istio.io/port', '70000'],
  ['readiness.status.sidecar.istio.io/initialDelaySeconds', '-1'],
  ['readiness.status.sidecar.istio.io/periodSeconds', '1.5'],
  ['readiness.status.sidecar.istio.io/failureThreshold', 'x'],
  ['traffic.sidecar.istio.io/includeOutboundIPRanges', 'bad'],
  ['traffic.sidecar.istio.io/excludeOutboundIPRanges', '*'],
  ['traffic.sidecar.istio.io/includeInboundPorts', 'bad'],
  ['traffic.sidecar.istio.io/excludeInboundPorts', '*'],
  ['traffic.sidecar.istio.io/excludeOutboundPorts', '1,,2'],
  ['traffic.sidecar.istio.io/excludeInterfaces', 'averyveryverylongname'],
  ['traffic.sidecar.istio.io/kubevirtInterfaces', '1net'],
  ['istio.io/reroute-virtual-interfaces', 'a,,b'],
  ['prometheus.istio.io/merge-metrics', 'yes'],
  ['proxy.istio.io/config', 'drainDuration: 1.5s'],
  ['sidecar.istio.io/proxyCPU', '100 m'],
  ['sidecar.istio.io/proxyMemory', '1GB'],
  ['sidecar.istio.io/proxyCPULimit', '1\n'],
  ['sidecar.istio.io/proxyMemoryLimit', ''],
  ['sidecar.istio.io/userVolume', '[]'],
  ['sidecar.istio.io/userVolumeMount', '{"a": 1}'],
];

const VALID: ReadonlyArray<[string, string]> = [
  ['sidecar.istio.io/interceptionMode', 'NONE'],
  ['status.sidecar.istio.io/port', '0'],
  ['readiness.status.sidecar.istio.io/periodSeconds', '4294967295'],
  ['traffic.sidecar.istio.io/includeOutboundIPRanges', '*'],
  ['traffic.sidecar.istio.io/includeOutboundIPRanges', ''],
  ['traffic.sidecar.istio.io/excludeOutboundIPRanges', '10.0.0.0/8,fd00::/8,::ffff:10.0.0.1/128'],
  ['traffic.sidecar.istio.io/includeInboundPorts', '*'],
  ['traffic.sidecar.istio.io/excludeInboundPorts', ' 80, 443 '],
  ['traffic.sidecar.istio.io/excludeInterfaces', 'eth0,net1.2'],
  ['prometheus.istio.io/merge-metrics', 'F'],
  ['proxy.istio.io/config', 'concurrency: 2\nterminationDrainDuration: 10s'],
  ['sidecar.istio.io/proxyCPU', '1.5'],
  ['sidecar.istio.io/proxyMemory', '512Mi'],
  ['sidecar.istio.io/proxyMemoryLimit', '1e9'],
];

describe('annotation validation', () => {
  it.each(INVALID)('refuses %s=%j', (name, value) => {
    const results = validateAnnotations({ [name]: value }, 'spec.template');
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({
      severity: 'error',
      code: 'invalid-annotation',
      field: { path: `spec.template.metadata.annotations.${name}` },
    });
    expect(results[0]!.message).toContain(name);
    expect(results[0]!.message).toContain(`'${value}'`);
    expect(results[0]!.message).toMatch(/; use /);
  });

  it.each(VALID)('accepts %s=%j', (name, value) => {
    expect(validateAnnotations({ [name]: value }, 'spec.template')).toEqual([]);
  });

  it('names Istio\'s parameter in traffic errors', () => {
    const [result] = validateAnnotations({ 'traffic.sidecar.istio.io/excludeOutboundIPRanges': '*' }, '');
    expect(result!.message.toLowerCase()).toContain('excludeipranges invalid');
    expect(result!.field).toEqual({ path: 'metadata.annotations.traffic.sidecar.istio.io/excludeOutboundIPRanges' });
  });

  it('makes the preset refuse the pod', () => {
    const out = render(podOf({ annotations: { 'traffic.sidecar.istio.io/excludeInboundPorts': '*', 'sidecar.istio.io/proxyCPU': 'lots' } }));
    expect(out.pod).toBeNull();
    expect(out.results.map((r) => r.code)).toEqual(['invalid-annotation', 'invalid-annotation']);
  });

  it('warns about loose values Istio silently accepts', () => {
    expect(validateAnnotations({ 'sidecar.istio.io/nativeSidecar': 'yes', 'sidecar.istio.io/rewriteAppHTTPProbers': 'maybe' }, '')).toMatchObject([
      { severity: 'warning', code: 'unknown-annotation-value' },
      { severity: 'warning', code: 'unknown-annotation-value' },
    ]);
  });

  it('parses IP prefixes like Go netip', () => {
    expect(isPrefix('10.0.0.0/33')).toBe(false);
    expect(isPrefix('010.0.0.0/8')).toBe(false);
    expect(isPrefix('10.0.0.0')).toBe(false);
    expect(isPrefix('::/0')).toBe(true);
    expect(isIPv6('1:2:3:4:5:6:7:8')).toBe(true);
    expect(isIPv6('1:2:3:4:5:6:7:8:9')).toBe(false);
    expect(isIPv6('1::2::3')).toBe(false);
  });
});
