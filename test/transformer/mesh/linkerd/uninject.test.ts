import { describe, expect, it } from 'vitest';
import { uninjectLinkerdPod } from '../../../../transformer/mesh/linkerd/index.js';
import { injected, pod, values } from './fixtures.js';

describe('uninjectLinkerdPod', () => {
  it('gives back the pristine pod of a native and of a classic injection', () => {
    for (const native of [true, false]) {
      const original = pod({ 'config.linkerd.io/proxy-log-level': 'debug' }, { initContainers: [{ name: 'migrate', image: 'm' }], volumes: [{ name: 'data', emptyDir: {} }] });
      const out = uninjectLinkerdPod(injected(original, values((v) => (v.proxy.nativeSidecar = native))));
      expect(out.pod).toEqual(original);
      expect([out.removedProxy, out.removedProxyInit]).toEqual([true, true]);
    }
  });

  it('drops emptied lists and maps, keeps linkerd.io/inject: disabled and config.linkerd.io/*', () => {
    const out = uninjectLinkerdPod({
      metadata: { annotations: { 'linkerd.io/inject': 'disabled', 'linkerd.io/created-by': 'x', 'config.linkerd.io/admin-port': '1' }, labels: { 'linkerd.io/workload-ns': 'a' } },
      spec: { initContainers: [{ name: 'linkerd-init' }], containers: [{ name: 'linkerd-proxy' }, { name: 'app' }], volumes: [{ name: 'linkerd-identity-token' }] },
    } as never);
    expect(out.pod).toEqual({ metadata: { annotations: { 'linkerd.io/inject': 'disabled', 'config.linkerd.io/admin-port': '1' } }, spec: { containers: [{ name: 'app' }] } });
  });

  it('an enabled linkerd.io/inject annotation alone counts as removed proxy (Linkerd reports it uninjected)', () => {
    const out = uninjectLinkerdPod({ metadata: { annotations: { 'linkerd.io/inject': 'enabled' } }, spec: { containers: [{ name: 'app' }] } } as never);
    expect([out.removedProxy, out.removedProxyInit]).toEqual([true, false]);
    expect(out.pod.metadata).toEqual({});
  });

  it('control-plane pods keep their linkerd.io metadata', () => {
    const meta = { labels: { 'linkerd.io/control-plane-component': 'tap', 'linkerd.io/control-plane-ns': 'linkerd' }, annotations: { 'linkerd.io/created-by': 'x' } };
    expect(uninjectLinkerdPod({ metadata: meta, spec: { containers: [] } } as never).pod.metadata).toEqual(meta);
  });

  it('leaves linkerd-debug and the network validator as Linkerd does, unless complete', () => {
    const p = injected(pod({ 'config.linkerd.io/enable-debug-sidecar': 'true' }), values((v) => (v.cniEnabled = true)));
    const kept = uninjectLinkerdPod(p).pod;
    expect(kept.spec.containers.map((c) => c.name)).toEqual(['web', 'linkerd-debug']);
    expect(kept.spec.initContainers!.map((c) => c.name)).toEqual(['linkerd-network-validator']);
    const all = uninjectLinkerdPod(p, { complete: true }).pod;
    expect(all.spec.containers.map((c) => c.name)).toEqual(['web']);
    expect(all.spec.initContainers).toBeUndefined();
  });

  it('does not change its input', () => {
    const p = injected(pod());
    const before = JSON.stringify(p);
    uninjectLinkerdPod(p);
    expect(JSON.stringify(p)).toBe(before);
  });
});
