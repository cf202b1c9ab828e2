/**
 * Template mode through the engine: `presetFor` picks it when the config carries cluster inputs,
 * the injector config's policy joins the decision, and in a KRM ResourceList the cluster's
 * local-config ConfigMaps are the inputs and leave the output.
 */
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { InjectConfig } from '../../../../transformer/inject-config.js';
import { presetFor, transformResourceList, transformText } from '../../../../transformer/index.js';
import { istioPreset } from '../../../../transformer/mesh/istio/index.js';
import type { ClusterInputs } from '../../../../transformer/mesh/istio-templates/index.js';
import { defaultTestConfig } from '../../../helpers/default-config.js';
import { ISTIO_CORPUS } from '../../../helpers/shared-data.js';
import { clusterInputsFor } from './corpus-inputs.js';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: web:1
`;

const SMALL_CONFIG = `policy: POLICY
alwaysInjectSelector:
- matchLabels: {mesh: always}
templates:
  sidecar: |
    spec:
      containers:
      - name: istio-proxy
        image: {{ .ProxyImage }}
`;

function smallInputs(policy: string): ClusterInputs {
  return { injector: { path: 'injector.yaml', text: SMALL_CONFIG.replace('POLICY', policy) }, values: { path: 'values.json', text: '{"global": {"hub": "example.io", "tag": "1"}}' } };
}

function configWith(cluster: ClusterInputs | undefined): InjectConfig {
  const config = defaultTestConfig({ namespaces: { inject: ['*'], skip: [] } });
  return cluster ? { ...config, istio: { ...config.istio, cluster } } : config;
}

function inject(text: string, config: InjectConfig) {
  return transformText(text, { mode: 'inject', config, preset: presetFor(config), verify: true });
}

describe('template mode in the engine', () => {
  it('is what presetFor gives when the config has cluster inputs', () => {
    expect(presetFor(configWith(undefined))).toBe(istioPreset);
    const preset = presetFor(configWith(smallInputs('enabled')));
    expect(preset).toBeDefined();
    expect(preset).not.toBe(istioPreset);
  });

  it("injects with the cluster's templates, as minimal edits", () => {
    const out = inject(DEPLOYMENT, configWith(smallInputs('enabled')));
    expect(out.results.filter((r) => r.severity === 'error')).toEqual([]);
    const doc = parse(out.text) as { spec: { template: { spec: { containers: { name: string; image: string }[] } } } };
    expect(doc.spec.template.spec.containers).toEqual([{ name: 'web', image: 'web:1' }, { name: 'istio-proxy', image: 'example.io/proxyv2:1' }]);
    // Every original line is still there, in order.
    const lines = out.text.split('\n');
    let at = 0;
    for (const line of DEPLOYMENT.split('\n')) {
      at = lines.indexOf(line, at);
      expect(at, `original line ${JSON.stringify(line)} kept, in order`).toBeGreaterThanOrEqual(0);
      at++;
    }
    expect(lines.length).toBeGreaterThan(DEPLOYMENT.split('\n').length);
  });

  it.skipIf(!ISTIO_CORPUS.found)("runs Istio's own sidecar template through the engine", () => {
    const out = inject(DEPLOYMENT, configWith(clusterInputsFor('configs/default')));
    expect(out.results.filter((r) => r.severity === 'error')).toEqual([]);
    expect(out.text).toContain('image: registry.istio.io/testing/proxyv2:latest');
    expect(out.text).toContain('ISTIO_META_OWNER');
  });

  it("the injector config's policy and selectors decide, after the pod's own opt-in", () => {
    const disabled = configWith(smallInputs('disabled'));
    const skipped = inject(DEPLOYMENT, disabled);
    expect(skipped.changed).toBe(false);
    expect(skipped.workloads).toMatchObject([{ action: 'skipped', code: 'skipped-policy-disabled' }]);
    const always = inject(DEPLOYMENT.replace('app: web', 'app: web\n        mesh: always'), disabled);
    expect(always.workloads).toMatchObject([{ action: 'injected' }]);
    const optIn = inject(DEPLOYMENT.replace('app: web', 'app: web\n        sidecar.istio.io/inject: "true"'), disabled);
    expect(optIn.workloads).toMatchObject([{ action: 'injected' }]);
  });

  it('a template error fails the file with template-error', () => {
    const broken: ClusterInputs = { injector: { path: 'injector.yaml', text: 'policy: enabled\ntemplates:\n  sidecar: "{{ .Values.global.x }}"\n' }, values: { path: 'v.json', text: '{"global": null}' } };
    const out = inject(DEPLOYMENT, configWith(broken));
    expect(out.changed).toBe(false);
    expect(out.results).toMatchObject([{ severity: 'error', code: 'template-error' }]);
  });
});

describe('KRM: the cluster ConfigMaps in the ResourceList', () => {
  const configMap = (name: string, data: Record<string, string>, local = true) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: 'istio-system', ...(local ? { annotations: { 'config.kubernetes.io/local-config': 'true' } } : {}) },
    data,
  });
  const list = (items: unknown[]) =>
    stringify({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items, functionConfig: { apiVersion: 'mesh-inject.dev/v1alpha1', kind: 'MeshInject', metadata: { name: 'x' }, spec: { namespaces: { inject: ['*'] } } } });
  const request = (revision = '') => ({
    mode: 'inject' as const,
    resolveConfig: () => {
      const config = configWith(undefined);
      return { config: { ...config, istio: { ...config.istio, revision } }, results: [] };
    },
    presetFor,
  });
  const deployment = parse(DEPLOYMENT) as unknown;

  it('uses local-config istio-sidecar-injector / istio ConfigMaps as the inputs and removes them from the items', () => {
    const items = [
      configMap('istio-sidecar-injector', { config: SMALL_CONFIG.replace('POLICY', 'enabled'), values: '{"global": {"hub": "from.cm", "tag": "2"}}' }),
      deployment,
      configMap('istio', { mesh: 'trustDomain: example.org\n' }),
      configMap('unrelated', { a: 'b' }),
    ];
    const out = transformResourceList(list(items), request());
    expect(out.results.filter((r) => r.severity === 'error')).toEqual([]);
    const result = parse(out.text) as { items: { kind: string; metadata: { name: string }; spec?: { template: { spec: { containers: { image: string }[] } } } }[] };
    expect(result.items.map((i) => `${i.kind}/${i.metadata.name}`)).toEqual(['Deployment/web', 'ConfigMap/unrelated']);
    expect(result.items[0]!.spec!.template.spec.containers.map((c) => c.image)).toEqual(['web:1', 'from.cm/proxyv2:2']);
  });

  it('takes the ConfigMaps of the configured revision only, and only local-config ones', () => {
    const data = { config: SMALL_CONFIG.replace('POLICY', 'enabled'), values: '{"global": {"hub": "h", "tag": "1"}}' };
    const items = [configMap('istio-sidecar-injector', data), deployment];
    const otherRevision = parse(transformResourceList(list(items), request('canary')).text) as { items: unknown[] };
    expect(otherRevision.items).toHaveLength(2);
    const canary = [configMap('istio-sidecar-injector-canary', data), deployment];
    expect((parse(transformResourceList(list(canary), request('canary')).text) as { items: unknown[] }).items).toHaveLength(1);
    const notLocal = [configMap('istio-sidecar-injector', data, false), deployment];
    expect((parse(transformResourceList(list(notLocal), request()).text) as { items: unknown[] }).items).toHaveLength(2);
  });

  it('warns that a functionConfig naming files is not read (no ConfigMaps in the list)', () => {
    const out = transformResourceList(list([deployment]), {
      ...request(),
      resolveConfig: () => {
        const config = configWith(undefined);
        return { config: { ...config, istio: { ...config.istio, injector: '/repo/istio/injector.yaml' } }, results: [] };
      },
    });
    expect(out.results).toMatchObject([{ severity: 'warning', code: 'config-invalid' }]);
    expect(out.results[0]!.message).toContain('istio.injector');
  });

  it("reports a template error at the ConfigMap's line in the ResourceList, and changes nothing", () => {
    const text = list([configMap('istio-sidecar-injector', { config: 'templates:\n  sidecar: |\n    spec: {{ nosuch }}\n' }), deployment]);
    const out = transformResourceList(text, request());
    const error = out.results.find((r) => r.code === 'template-error')!;
    const line = text.split('\n').findIndex((l) => l.includes('spec: {{ nosuch }}')) + 1;
    expect(error.message).toMatch(new RegExp(`^ResourceList \\(stdin\\):${line}:\\d+: templates\\.sidecar: template: inject:1: function "nosuch" not defined`));
    expect((parse(out.text) as { items: unknown[] }).items).toHaveLength(2);
  });
});
