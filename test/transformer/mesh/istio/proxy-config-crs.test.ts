import { describe, expect, it } from 'vitest';
import { isProxyConfigObject, readProxyConfigResource, type ProxyConfigResource } from '../../../../transformer/mesh/istio/proxy-config-crs.js';

function cr(spec: unknown, metadata: Record<string, unknown> = { name: 'pc', namespace: 'shop' }): Record<string, unknown> {
  return { apiVersion: 'networking.istio.io/v1beta1', kind: 'ProxyConfig', metadata, spec };
}

function valid(resource: ProxyConfigResource) {
  if (!resource.valid) throw new Error(resource.message);
  return resource;
}

describe('ProxyConfig CRs: which objects', () => {
  it.each([
    ['networking.istio.io/v1beta1', true],
    ['networking.istio.io/v1', true],
    ['networking.istio.io/v1alpha3', true],
    ['example.com/v1', false],
    ['v1', false],
  ])('%s is a ProxyConfig: %s', (apiVersion, expected) => {
    expect(isProxyConfigObject({ ...cr({}), apiVersion })).toBe(expected);
  });

  it('another kind of the group is not', () => {
    expect(isProxyConfigObject({ ...cr({}), kind: 'Sidecar' })).toBe(false);
  });
});

describe('ProxyConfig CRs: the fields Istio takes (toMeshConfigProxyConfig)', () => {
  it('concurrency, environmentVariables as proxyMetadata, image; unknown fields dropped as the CRD prunes them', () => {
    const read = valid(readProxyConfigResource(cr({ concurrency: 3, environmentVariables: { a: 'b', c: 'd' }, image: { imageType: 'debug' }, unknown: 1 })));
    expect(read.overlay).toEqual({ concurrency: 3, proxyMetadata: { a: 'b', c: 'd' }, image: { imageType: 'debug' } });
    expect(read).toMatchObject({ name: 'pc', namespace: 'shop', matchLabels: undefined });
  });

  it('concurrency 0 is set (a wrapper), null is not', () => {
    expect(valid(readProxyConfigResource(cr({ concurrency: 0 }))).overlay).toEqual({ concurrency: 0 });
    expect(valid(readProxyConfigResource(cr({ concurrency: null }))).overlay).toEqual({});
  });

  it('an empty or missing spec sets nothing and selects the whole namespace', () => {
    expect(valid(readProxyConfigResource(cr(undefined)))).toMatchObject({ overlay: {}, matchLabels: undefined });
    expect(valid(readProxyConfigResource(cr(null)))).toMatchObject({ overlay: {}, matchLabels: undefined });
  });

  it('an image without imageType is an empty image', () => {
    expect(valid(readProxyConfigResource(cr({ image: {} }))).overlay).toEqual({ image: {} });
  });

  it('a selector keeps its labels; a selector without labels is kept empty (it selects no pod)', () => {
    expect(valid(readProxyConfigResource(cr({ selector: { matchLabels: { app: 'web' } } }))).matchLabels).toEqual({ app: 'web' });
    expect(valid(readProxyConfigResource(cr({ selector: {} }))).matchLabels).toEqual({});
    expect(valid(readProxyConfigResource(cr({ selector: null }))).matchLabels).toBeUndefined();
  });

  it('without metadata.namespace the namespace is left to the run (defaultNamespace)', () => {
    expect(valid(readProxyConfigResource(cr({}, { name: 'pc' }))).namespace).toBeUndefined();
  });
});

describe('ProxyConfig CRs: what the API server or Istio rejects', () => {
  it.each([
    ['negative concurrency', { concurrency: -1 }, 'spec.concurrency'],
    ['fractional concurrency', { concurrency: 1.5 }, 'spec.concurrency'],
    ['quoted concurrency', { concurrency: '2' }, 'spec.concurrency'],
    ['concurrency over int32', { concurrency: 2 ** 31 }, 'spec.concurrency'],
    ['environmentVariables not a map', { environmentVariables: ['A=1'] }, 'spec.environmentVariables'],
    ['an unquoted number in environmentVariables', { environmentVariables: { A: 1 } }, 'spec.environmentVariables.A'],
    ['an environment value over 2048 characters', { environmentVariables: { A: 'x'.repeat(2049) } }, 'spec.environmentVariables.A'],
    ['image not a map', { image: 'distroless' }, 'spec.image'],
    ['imageType not a string', { image: { imageType: 1 } }, 'spec.image'],
    ['selector not a map', { selector: 'app=web' }, 'spec.selector'],
    ['a wildcard label value', { selector: { matchLabels: { app: 'web-*' } } }, 'spec.selector.matchLabels.app'],
    ['a wildcard label key', { selector: { matchLabels: { 'app*': 'web' } } }, 'spec.selector.matchLabels.app*'],
    ['an empty label key', { selector: { matchLabels: { '': 'web' } } }, 'spec.selector.matchLabels'],
    ['spec not a map', 'concurrency: 2', 'spec'],
  ])('%s', (_, spec, field) => {
    const read = readProxyConfigResource(cr(spec));
    expect(read.valid).toBe(false);
    if (!read.valid) expect(read.field.join('.')).toBe(field);
  });

  it('a ProxyConfig without a name', () => {
    expect(readProxyConfigResource(cr({}, { namespace: 'shop' }))).toMatchObject({ valid: false, field: ['metadata', 'name'] });
  });
});
