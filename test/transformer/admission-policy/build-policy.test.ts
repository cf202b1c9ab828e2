import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../config/index.js';
import { admissionPolicy, policyText, type PolicyObjects } from '../../../transformer/admission-policy/index.js';
import type { InjectConfig } from '../../../transformer/inject-config.js';
import { presetFor } from '../../../transformer/mesh/preset-for.js';

type Obj = Record<string, any>;

function generate(config: InjectConfig, mode: 'Deny' | 'Warn' | 'Audit' = 'Deny'): PolicyObjects {
  return admissionPolicy({ config, preset: presetFor(config)!, namespaces: new Map(), mode });
}

function objects(config: InjectConfig, mode: 'Deny' | 'Warn' | 'Audit' = 'Deny'): [Obj, Obj] {
  const generated = generate(config, mode);
  if ('results' in generated) throw new Error(JSON.stringify(generated.results));
  return generated.objects;
}

const variable = (policy: Obj, name: string): string => policy.spec.variables.find((v: Obj) => v.name === name).expression;

describe('admissionPolicy', () => {
  it('binds the policy with the chosen validation action', () => {
    for (const mode of ['Deny', 'Warn', 'Audit'] as const) {
      const [policy, binding] = objects(defaultConfig(), mode);
      expect([policy.kind, binding.kind, binding.spec.policyName, binding.spec.validationActions]).toEqual(['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', policy.metadata.name, [mode]]);
      expect([policy.apiVersion, binding.apiVersion]).toEqual(['admissionregistration.k8s.io/v1', 'admissionregistration.k8s.io/v1']);
    }
  });

  it('checks pod CREATE only', () => {
    const [policy] = objects(defaultConfig());
    expect(policy.spec.matchConstraints.resourceRules).toEqual([{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['pods'] }]);
  });

  it('takes the expected images from the preset (hub and tag for Istio)', () => {
    const config = defaultConfig();
    config.istio.hub = 'registry.example/mirror';
    config.istio.tag = '1.31.4';
    const [policy] = objects(config);
    expect(variable(policy, 'expectedImages')).toContain("'istio-proxy': 'registry.example/mirror/proxyv2:1.31.4'");
  });

  it('leaves system namespaces and plain skip names to the namespace selector, skip globs to a match condition', () => {
    const config = defaultConfig();
    config.namespaces.skip = ['legacy', 'tmp-*'];
    const [policy] = objects(config);
    expect(policy.spec.matchConstraints.namespaceSelector.matchExpressions[0].values).toEqual(expect.arrayContaining(['kube-system', 'legacy']));
    expect(policy.spec.matchConditions.map((c: Obj) => c.name)).toContain('namespace-not-skipped');
    expect(policy.spec.matchConditions.find((c: Obj) => c.name === 'namespace-not-skipped').expression).toBe("!(request.namespace.startsWith('tmp-'))");
  });

  it('writes an Istio revision into the rows that compare revisions', () => {
    const config = defaultConfig();
    config.istio.revision = 'canary';
    expect(variable(objects(config)[0], 'injectionRequired')).toContain("variables.namespaceRevision == 'canary'");
  });

  it('gives back the preset\'s error when it cannot render a proxy (Linkerd without trust anchors)', () => {
    const config = defaultConfig();
    config.mesh = 'linkerd';
    const generated = generate(config);
    expect('results' in generated && generated.results.map((r) => [r.severity, r.code])).toEqual([['error', 'config-invalid']]);
  });
});

describe('policyText', () => {
  it('prints YAML documents, or a JSON List, of the same objects', () => {
    const pair = objects(defaultConfig());
    const text = (format: 'yaml' | 'json') => {
      const printed = policyText(pair, format);
      if ('results' in printed) throw new Error(JSON.stringify(printed.results));
      return printed.text;
    };
    const docs = parseAllDocuments(text('yaml'));
    expect(docs.map((d) => d.errors)).toEqual([[], []]);
    expect(docs.map((d) => d.toJS())).toEqual(pair);
    expect(JSON.parse(text('json'))).toEqual({ apiVersion: 'v1', kind: 'List', items: pair });
  });

  it('prints nothing when the text would not read back as the objects', () => {
    const printed = policyText([{ kind: 'X', spec: { ratio: Number.NaN } }], 'yaml');
    expect('results' in printed && printed.results.map((r) => r.code)).toEqual(['verify-failed']);
  });
});
