import { describe, expect, it } from 'vitest';
import { APP, container, inject, podOf, render } from './fixtures.js';

describe('istioPreset', () => {
  it('is deterministic and leaves its input alone', () => {
    const input = podOf({ annotations: { 'prometheus.io/port': '9100' } });
    const copy = structuredClone(input);
    expect(render(input)).toEqual(render(input));
    expect(input).toEqual(copy);
  });

  it('writes new containers with conventional key order', () => {
    const proxy = container(inject(podOf(), { istio: { nativeSidecars: true } }), 'istio-proxy');
    expect(Object.keys(proxy)).toEqual([
      'name', 'image', 'restartPolicy', 'args', 'env', 'ports', 'lifecycle', 'startupProbe', 'readinessProbe', 'resources', 'securityContext', 'volumeMounts',
    ]);
    expect(Object.keys(container(inject(podOf()), 'istio-init'))).toEqual(['name', 'image', 'args', 'resources', 'securityContext']);
  });

  it('refuses a pod whose keyed list items lack their merge key, as Istio\'s strategic merge does', () => {
    const out = render(podOf({ spec: { volumes: [{ emptyDir: {} } as never] } }));
    expect(out.pod).toBeNull();
    expect(out.results.map((r) => r.code)).toContain('invalid-pod-spec');
  });

  it('writes emptyDir: {} for the socket and cert volumes', () => {
    const pod = inject(podOf());
    expect(pod.spec.volumes!.slice(0, 3)).toEqual([
      { name: 'workload-socket', emptyDir: {} },
      { name: 'credential-socket', emptyDir: {} },
      { name: 'workload-certs', emptyDir: {} },
    ]);
  });

  it('replaces configured resources entirely with any resource annotation', () => {
    const pod = inject(podOf({ annotations: { 'sidecar.istio.io/proxyMemoryLimit': '2Gi' } }));
    expect(container(pod, 'istio-proxy').resources).toEqual({ limits: { memory: '2Gi' } });
    expect(container(pod, 'istio-init').resources).toEqual({ limits: { memory: '2Gi' } });
  });

  it('drops null entries of configured resources', () => {
    const pod = inject(podOf(), { istio: { proxyResources: { requests: { cpu: null, memory: '64Mi' }, limits: { cpu: null } } } });
    expect(container(pod, 'istio-proxy').resources).toEqual({ requests: { memory: '64Mi' } });
  });

  it('honours log level annotations', () => {
    const args = container(inject(podOf({
      annotations: { 'sidecar.istio.io/logLevel': 'debug', 'sidecar.istio.io/componentLogLevel': 'misc:info', 'sidecar.istio.io/agentLogLevel': 'default:warn' },
    })), 'istio-proxy').args;
    expect(args).toEqual(expect.arrayContaining(['--proxyLogLevel=debug', '--proxyComponentLogLevel=misc:info', '--log_output_level=default:warn']));
  });

  it('honours readiness annotations and drops proxy probes for status port 0', () => {
    const tuned = container(inject(podOf({
      annotations: { 'readiness.status.sidecar.istio.io/initialDelaySeconds': '10', 'readiness.status.sidecar.istio.io/periodSeconds': '20', 'readiness.status.sidecar.istio.io/failureThreshold': '30' },
    })), 'istio-proxy');
    expect(tuned.readinessProbe).toMatchObject({ initialDelaySeconds: 10, periodSeconds: 20, failureThreshold: 30 });
    const off = container(inject(podOf({ annotations: { 'status.sidecar.istio.io/port': '0' } })), 'istio-proxy');
    expect(off.readinessProbe).toBeUndefined();
    expect(off.startupProbe).toBeUndefined();
  });

  it('runs the proxy as root with NET_BIND_SERVICE for capNetBindService', () => {
    const proxy = container(inject(podOf({ annotations: { 'sidecar.istio.io/capNetBindService': 'true' } })), 'istio-proxy');
    expect(proxy.securityContext).toMatchObject({ runAsUser: 0, runAsNonRoot: false, capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] } });
  });

  it('runs the proxy as root with NET_ADMIN for TPROXY', () => {
    const pod = inject(podOf({ annotations: { 'sidecar.istio.io/interceptionMode': 'TPROXY' } }));
    const proxy = container(pod, 'istio-proxy');
    expect(proxy.securityContext).toMatchObject({ runAsUser: 0, runAsGroup: 1337, capabilities: { add: ['NET_ADMIN'] } });
    expect(proxy.env!.find((e) => e.name === 'ISTIO_META_INTERCEPTION_MODE')!.value).toBe('TPROXY');
  });

  it('warns when dnsPolicy is not ClusterFirst', () => {
    const out = render(podOf({ spec: { dnsPolicy: 'Default' } }));
    expect(out.pod).not.toBeNull();
    expect(out.results).toMatchObject([{ severity: 'warning', code: 'dns-policy-not-cluster-first', field: { path: 'spec.template.spec.dnsPolicy' } }]);
  });

  it('refuses templates other than sidecar', () => {
    const out = render(podOf({ annotations: { 'inject.istio.io/templates': 'sidecar, gateway' } }));
    expect(out.pod).toBeNull();
    expect(out.results).toMatchObject([{ severity: 'error', code: 'template-error' }]);
    expect(render(podOf({ annotations: { 'inject.istio.io/templates': 'sidecar,sidecar' } })).pod).not.toBeNull();
  });

  it('refuses a pod template without containers', () => {
    const out = render({ metadata: {}, spec: {} as never });
    expect(out.results).toMatchObject([{ code: 'invalid-pod-spec' }]);
  });

  it('reads annotation values written as unquoted numbers', () => {
    const pod = podOf();
    pod.metadata.annotations = { 'sidecar.istio.io/proxyCPU': 2 as unknown as string };
    expect(container(inject(pod), 'istio-proxy').resources).toEqual({ requests: { cpu: '2' } });
  });

  it('keeps the user containers untouched apart from probes', () => {
    const pod = inject(podOf());
    expect(container(pod, 'app')).toEqual(APP);
  });
});
