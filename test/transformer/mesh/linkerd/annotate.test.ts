import { describe, expect, it } from 'vitest';
import { annotateLinkerdPod } from '../../../../transformer/mesh/linkerd/index.js';
import { pod, values } from './fixtures.js';

const owner = { kind: 'Deployment', name: 'web', namespace: 'shop' };

describe('annotateLinkerdPod (linkerd inject without --manual)', () => {
  it('adds the flags annotations and linkerd.io/inject: enabled, nothing else', () => {
    const p = pod({ team: 'a' });
    const out = annotateLinkerdPod({ pod: p, owner, values: values(), createdBy: 'x', cliAnnotations: { 'config.linkerd.io/admin-port': '1234' } });
    expect(out.pod).toEqual({ ...p, metadata: { ...p.metadata, annotations: { team: 'a', 'config.linkerd.io/admin-port': '1234', 'linkerd.io/inject': 'enabled' } } });
  });

  it('in ingress mode keeps the flags linkerd.io/inject: ingress', () => {
    const out = annotateLinkerdPod({ pod: pod(), owner, values: values((v) => (v.proxy.isIngress = true)), createdBy: 'x', cliAnnotations: { 'linkerd.io/inject': 'ingress' } });
    expect(out.pod!.metadata.annotations).toEqual({ 'linkerd.io/inject': 'ingress' });
  });

  it('refuses what injectLinkerdPod refuses', () => {
    expect(annotateLinkerdPod({ pod: pod({ 'linkerd.io/inject': 'disabled' }), owner, values: values(), createdBy: 'x' }).results.map((r) => r.code)).toEqual(['skipped-pod-opt-out']);
    expect(annotateLinkerdPod({ pod: pod({}, { hostNetwork: true }), owner, values: values(), createdBy: 'x' }).results.map((r) => r.code)).toEqual(['not-injectable']);
  });
});
