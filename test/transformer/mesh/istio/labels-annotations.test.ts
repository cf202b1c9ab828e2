import { describe, expect, it } from 'vitest';
import { canonicalName } from '../../../../transformer/mesh/istio/labels-annotations.js';
import { contextOf, DEPLOYMENT, inject, podOf } from './fixtures.js';

describe('labels and annotations', () => {
  it('adds tlsMode, canonical name and revision', () => {
    const pod = inject(podOf({ labels: { version: 'v2' } }));
    expect(pod.metadata.labels).toMatchObject({
      app: 'web',
      'security.istio.io/tlsMode': 'istio',
      'service.istio.io/canonical-name': 'web',
      'service.istio.io/canonical-revision': 'v2',
    });
  });

  it('keeps user identity labels', () => {
    const pod = inject(podOf({
      labels: {
        'security.istio.io/tlsMode': 'disabled',
        'service.istio.io/canonical-name': 'mine',
        'service.istio.io/canonical-revision': 'r1',
        'app.kubernetes.io/version': 'v9',
      },
    }));
    expect(pod.metadata.labels).toMatchObject({
      'security.istio.io/tlsMode': 'disabled',
      'service.istio.io/canonical-name': 'mine',
      'service.istio.io/canonical-revision': 'r1',
    });
  });

  it('prefers app.kubernetes.io/name over app, and falls back to the workload name', () => {
    expect(canonicalName(contextOf(podOf({ labels: { 'app.kubernetes.io/name': 'kname' } })))).toBe('kname');
    const noApp = podOf();
    noApp.metadata.labels = {};
    expect(canonicalName(contextOf(noApp, {}, { ...DEPLOYMENT, name: 'from-workload' }))).toBe('from-workload');
  });

  it('cuts the canonical name to 63 characters and trims -_. at both ends', () => {
    const long = `${'a'.repeat(61)}--b`;
    expect(canonicalName(contextOf(podOf({ labels: { app: long } })))).toBe('a'.repeat(61));
    expect(canonicalName(contextOf(podOf({ labels: { app: '_.web-' } })))).toBe('web');
  });

  it('names the first app container as default container, unless the user did', () => {
    const pod = inject(podOf({ containers: [{ name: 'one', image: 'a' }, { name: 'two', image: 'b' }] }));
    expect(pod.metadata.annotations).toMatchObject({
      'kubectl.kubernetes.io/default-container': 'one',
      'kubectl.kubernetes.io/default-logs-container': 'one',
      'istio.io/rev': 'default',
    });
    const kept = inject(podOf({ annotations: { 'kubectl.kubernetes.io/default-container': 'two' }, containers: [{ name: 'one', image: 'a' }, { name: 'two', image: 'b' }] }));
    expect(kept.metadata.annotations!['kubectl.kubernetes.io/default-container']).toBe('two');
    expect(kept.metadata.annotations!['kubectl.kubernetes.io/default-logs-container']).toBe('one');
  });

  it('adds the HBONE tunnel label when proxyMetadata enables it', () => {
    const pod = inject(podOf({ annotations: { 'proxy.istio.io/config': 'proxyMetadata: {ISTIO_META_ENABLE_HBONE: "true"}' } }));
    expect(pod.metadata.labels!['networking.istio.io/tunnel']).toBe('http');
  });
});
