import { describe, expect, it } from 'vitest';
import { BUILTIN_LINKERD_VERSION, defaultLinkerdValues, readLinkerdValues } from '../../../../transformer/mesh/linkerd/index.js';

describe('readLinkerdValues', () => {
  it('fills what a values file leaves out with the chart defaults, merging maps key by key', () => {
    const { values, results } = readLinkerdValues('proxy:\n  ports:\n    admin: 9990\n  logLevel: debug\ncniEnabled: true\n', 'values.yaml');
    expect(results).toEqual([]);
    expect(values!.proxy.ports).toEqual({ admin: 9990, control: 4190, inbound: 4143, outbound: 4140 });
    expect(values!.proxy.logLevel).toBe('debug');
    expect(values!.cniEnabled).toBe(true);
    expect(values!.proxy.image.name).toBe('cr.l5d.io/linkerd/proxy');
    expect(values!.linkerdVersion).toBe(BUILTIN_LINKERD_VERSION);
  });

  it('replaces proxy.inbound / proxy.outbound whole', () => {
    const { values } = readLinkerdValues('proxy:\n  inbound:\n    scope:\n      proto:\n        a: 1\n', 'values.yaml');
    expect(values!.proxy.inbound).toEqual({ scope: { proto: { a: 1 } } });
    expect(values!.proxy.outbound).toEqual({ server: { http2: { keepAliveInterval: '10s', keepAliveTimeout: '3s' } } });
  });

  it('reads the linkerd-config ConfigMap (values under data.values)', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: linkerd-config\n  namespace: l5d\ndata:\n  values: |\n    linkerdVersion: edge-1.2.3\n    identityTrustDomain: example.org\n';
    const { values, results } = readLinkerdValues(text, 'cm.yaml');
    expect(results).toEqual([]);
    expect(values!.linkerdVersion).toBe('edge-1.2.3');
    expect(values!.identityTrustDomain).toBe('example.org');
    expect(values!.linkerdNamespace).toBe('l5d');
  });

  it('a key of the wrong type is an error at its line and column', () => {
    const { values, results } = readLinkerdValues('proxy:\n  uid: 2102\n  ports:\n    admin: "x"\n', 'values.yaml');
    expect(values).toBeUndefined();
    expect(results.map((r) => [r.code, r.file?.line, r.file?.column])).toEqual([['config-invalid', 4, 5]]);
    expect(results[0]!.message).toContain('proxy.ports.admin');
  });

  it('bad YAML, a ConfigMap without data.values, a document that is not a map: errors', () => {
    expect(readLinkerdValues('proxy: [\n', 'v.yaml').results.map((r) => r.severity)).toEqual(['error']);
    expect(readLinkerdValues('kind: ConfigMap\ndata: {}\n', 'cm.yaml').results.map((r) => r.code)).toEqual(['config-invalid']);
    expect(readLinkerdValues('- a\n', 'v.yaml').results.map((r) => r.code)).toEqual(['config-invalid']);
  });

  it('null keeps a typed key at its default, and sets a nullable one', () => {
    const { values } = readLinkerdValues('proxy:\n  image: null\n  logLevel: null\n  cores: null\n  runtime:\n    workers:\n      maximumCPURatio: 0.5\n', 'v.yaml');
    expect(values!.proxy.image.name).toBe('cr.l5d.io/linkerd/proxy');
    expect(values!.proxy.logLevel).toBe('warn,linkerd=info,hickory=error');
    expect(values!.proxy.runtime.workers).toEqual({ minimum: 1, maximumCPURatio: 0.5 });
  });

  it('an empty document is the defaults', () => {
    expect(readLinkerdValues('', 'v.yaml').values).toEqual(defaultLinkerdValues({ identityTrustAnchorsPEM: '' }));
  });
});

describe('defaultLinkerdValues', () => {
  it('sets the version the images default to and the trust anchors', () => {
    const v = defaultLinkerdValues({ version: 'edge-9', identityTrustAnchorsPEM: 'PEM' });
    expect([v.linkerdVersion, v.identityTrustAnchorsPEM, v.proxy.nativeSidecar]).toEqual(['edge-9', 'PEM', true]);
  });
});
