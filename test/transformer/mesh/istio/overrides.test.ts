import { describe, expect, it } from 'vitest';
import type { Container } from 'kubernetes-types/core/v1.js';
import { APP, container, envValue, inject, names, podOf } from './fixtures.js';

const userProxy: Container = {
  name: 'istio-proxy',
  image: 'auto',
  resources: { limits: { cpu: '3' } },
  securityContext: { runAsUser: 1234, runAsGroup: 2345 },
  volumeMounts: [{ name: 'certs', mountPath: '/etc/certs' }],
};

function iptablesUid(pod: ReturnType<typeof inject>, init = 'istio-init'): string {
  const args = container(pod, init).args!;
  return args[args.indexOf('-u') + 1]!;
}

describe('user overrides of injected containers', () => {
  it('merges the user istio-proxy on top: user fields win, image auto keeps ours', () => {
    const pod = inject(podOf({ containers: [APP, userProxy] }));
    const proxy = container(pod, 'istio-proxy');
    expect(proxy.image).toBe('registry.istio.io/testing/proxyv2:latest');
    expect(proxy.resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '3', memory: '1Gi' } });
    expect(proxy.securityContext).toMatchObject({ runAsUser: 1234, runAsGroup: 2345, readOnlyRootFilesystem: true });
    expect(proxy.volumeMounts!.at(-1)).toEqual({ name: 'certs', mountPath: '/etc/certs' });
    expect(envValue(proxy, 'ISTIO_META_APP_CONTAINERS')).toBe('app');
  });

  it('moves a user istio-proxy into initContainers for native sidecars', () => {
    const pod = inject(podOf({ containers: [APP, userProxy] }), { istio: { nativeSidecars: true } });
    expect(names(pod.spec.containers)).toEqual(['app']);
    expect(names(pod.spec.initContainers)).toEqual(['istio-init', 'istio-proxy']);
  });

  it('keeps a user image other than auto', () => {
    const pod = inject(podOf({ containers: [APP, { name: 'istio-proxy', image: 'foo/bar' }] }));
    expect(container(pod, 'istio-proxy').image).toBe('foo/bar');
  });

  it('records the user containers in proxy.istio.io/overrides like Istio', () => {
    const init: Container = { name: 'istio-init', image: 'fake/custom', args: ['my', 'args'] };
    const pod = inject(podOf({ containers: [APP, userProxy], initContainers: [init] }), { istio: { nativeSidecars: false } });
    expect(JSON.parse(pod.metadata.annotations!['proxy.istio.io/overrides']!)).toEqual({
      containers: [{ name: 'istio-proxy', resources: { limits: { cpu: '3' } }, volumeMounts: [{ name: 'certs', mountPath: '/etc/certs' }], securityContext: { runAsUser: 1234, runAsGroup: 2345 } }],
      initContainers: [{ name: 'istio-init', image: 'fake/custom', args: ['my', 'args'], resources: {} }],
    });
    expect(pod.metadata.annotations!['proxy.istio.io/overrides']).toMatch(/^\{"containers":\[\{"name":"istio-proxy","resources"/);
    expect(container(pod, 'istio-init').args).toEqual(['my', 'args']);
    expect(container(pod, 'istio-init').image).toBe('fake/custom');
  });

  it('writes no overrides annotation without user containers', () => {
    expect(inject(podOf()).metadata.annotations).not.toHaveProperty('proxy.istio.io/overrides');
  });

  it('carries the user proxy uid to iptables -u', () => {
    expect(iptablesUid(inject(podOf({ containers: [APP, userProxy] })))).toBe('1234');
  });

  it('runs istio-validation as the user proxy uid/gid with CNI', () => {
    const pod = inject(podOf({ containers: [APP, userProxy] }), { istio: { cni: true } });
    expect(container(pod, 'istio-validation').securityContext).toMatchObject({ runAsUser: 1234, runAsGroup: 2345 });
    expect(iptablesUid(pod, 'istio-validation')).toBe('1234');
  });

  it('forces the proxy back to uid 0 in TPROXY mode', () => {
    const pod = inject(podOf({ containers: [APP, userProxy], annotations: { 'sidecar.istio.io/interceptionMode': 'TPROXY' } }));
    expect(container(pod, 'istio-proxy').securityContext).toMatchObject({ runAsUser: 0, runAsGroup: 2345 });
    expect(container(pod, 'istio-proxy').securityContext!.capabilities!.add).toEqual(['NET_ADMIN']);
  });

  it('does not put uid 0 into -u', () => {
    const root = { ...userProxy, securityContext: { runAsUser: 0 } };
    expect(iptablesUid(inject(podOf({ containers: [APP, root] })))).toBe('1337');
  });
});

describe('user overrides, Go omitempty semantics', () => {
  it('ignores empty lists and strings in the user container', () => {
    const pod = inject(podOf({ containers: [APP, { name: 'istio-proxy', image: '', args: [], env: [] }] }));
    const proxy = container(pod, 'istio-proxy');
    expect(proxy.args![0]).toBe('proxy');
    expect(proxy.image).toBe('registry.istio.io/testing/proxyv2:latest');
    expect(JSON.parse(pod.metadata.annotations!['proxy.istio.io/overrides']!)).toEqual({ initContainers: [{ name: 'istio-proxy', resources: {} }] });
  });

  it('takes no patch directive from the user container (not a field of a Go Container)', () => {
    const user = { name: 'istio-proxy', image: 'auto', $patch: 'replace', resources: { limits: { cpu: '3' } } } as unknown as Container;
    const proxy = container(inject(podOf({ containers: [APP, user] })), 'istio-proxy');
    expect(proxy.args![0]).toBe('proxy');
    expect(proxy.resources!.limits).toEqual({ cpu: '3', memory: '1Gi' });
  });

  it('records the user container in Go field order, map keys sorted, as json.Marshal writes it', () => {
    const user = {
      name: 'istio-proxy',
      image: 'auto',
      env: [{ name: 'TOKEN', valueFrom: { secretKeyRef: { key: 'token', name: 'creds' } } }],
      resources: { limits: { memory: '1Gi', cpu: '3' } },
    } as Container;
    const pod = inject(podOf({ containers: [APP, user] }));
    expect(pod.metadata.annotations!['proxy.istio.io/overrides']).toBe(
      '{"initContainers":[{"name":"istio-proxy","env":[{"name":"TOKEN","valueFrom":{"secretKeyRef":{"name":"creds","key":"token"}}}],"resources":{"limits":{"cpu":"3","memory":"1Gi"}}}]}',
    );
  });
});
