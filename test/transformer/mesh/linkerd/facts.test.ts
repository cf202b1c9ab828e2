import { describe, expect, it } from 'vitest';
import { linkerdPodFacts } from '../../../../transformer/mesh/linkerd/index.js';
import { pod, values } from './fixtures.js';
import type { PodTemplate } from '../../../../transformer/mesh/types.js';

const facts = (p: PodTemplate, requireOptIn = false, namespaceAnnotations?: Record<string, string>, v = values()) =>
  linkerdPodFacts({ pod: p, owner: { kind: 'Deployment', name: 'web', namespace: 'a' }, values: v, createdBy: 'x', requireOptIn, ...(namespaceAnnotations ? { namespaceAnnotations } : {}) });

describe('linkerdPodFacts', () => {
  it('a plain pod has no finding', () => {
    expect(facts(pod())).toEqual({ hostNetwork: false, sidecar: false, udp: false, injectDisabled: false, injectDisabledReason: '', automountServiceAccountTokenFalse: false });
  });

  it('hostNetwork, UDP ports, sidecars by name or image', () => {
    expect(facts(pod({}, { hostNetwork: true })).hostNetwork).toBe(true);
    expect(facts(pod({}, { containers: [{ name: 'dns', ports: [{ containerPort: 53, protocol: 'UDP' }] }] })).udp).toBe(true);
    expect(facts(pod({}, { containers: [{ name: 'x', image: 'gcr.io/istio-release/proxyv2:1.0' }] })).sidecar).toBe(true);
    expect(facts(pod({}, { initContainers: [{ name: 'istio-init' }] })).sidecar).toBe(true);
    expect(facts(pod({}, { containers: [{ name: 'istio-init' }] })).sidecar).toBe(false);
  });

  it('automountServiceAccountToken: false only matters without token projection', () => {
    const p = pod({}, { automountServiceAccountToken: false });
    expect(facts(p).automountServiceAccountTokenFalse).toBe(false);
    expect(facts(p, false, undefined, values((v) => (v.identity.serviceAccountTokenProjection = false))).automountServiceAccountTokenFalse).toBe(true);
  });

  it('linkerd inject (no opt-in needed): only the pod disabling itself', () => {
    expect(facts(pod({ 'linkerd.io/inject': 'disabled' }))).toMatchObject({ injectDisabled: true, injectDisabledReason: 'pod has the annotation "linkerd.io/inject:disabled"' });
    expect(facts(pod({ 'linkerd.io/inject': 'bogus' })).injectDisabled).toBe(false);
  });

  it('the proxy injector truth table (opt-in at namespace or pod)', () => {
    const table: [Record<string, string> | undefined, Record<string, string>, string][] = [
      [{ 'linkerd.io/inject': 'enabled' }, {}, ''],
      [{ 'linkerd.io/inject': 'enabled' }, { 'linkerd.io/inject': 'disabled' }, 'pod has the annotation "linkerd.io/inject:disabled"'],
      [{ 'linkerd.io/inject': 'disabled' }, { 'linkerd.io/inject': 'enabled' }, ''],
      [undefined, { 'linkerd.io/inject': 'ingress' }, ''],
      [undefined, {}, 'neither the namespace nor the pod have the annotation "linkerd.io/inject:enabled"'],
      [{ 'linkerd.io/inject': 'disabled' }, {}, 'neither the namespace nor the pod have the annotation "linkerd.io/inject:enabled"'],
      [{ 'linkerd.io/inject': 'yes' }, { 'linkerd.io/inject': 'enabled' }, 'invalid value for annotation "linkerd.io/inject" at namespace'],
      [{}, { 'linkerd.io/inject': 'yes' }, 'invalid value for annotation "linkerd.io/inject" at workload'],
    ];
    for (const [ns, own, reason] of table) {
      const f = facts(pod(own), true, ns);
      expect([f.injectDisabled, f.injectDisabledReason], JSON.stringify([ns, own])).toEqual([reason !== '', reason]);
    }
  });
});
