import { describe, expect, it } from 'vitest';
import { configFromFunctionConfig, DEFAULT_CONFIG, parseConfigYaml } from '../../config/index.js';

const FILE = '/pkg/fn-config.yaml';

/** Parse a functionConfig file and read it as the KRM function would. */
function fromYaml(text: string) {
  const parsed = parseConfigYaml(text, FILE);
  expect(parsed.errors).toEqual([]);
  return configFromFunctionConfig(parsed.raw, { filepath: FILE, doc: parsed.doc, lineCounter: parsed.lineCounter });
}

describe('configFromFunctionConfig', () => {
  it('uses the defaults when there is no functionConfig', () => {
    for (const fc of [undefined, null]) expect(configFromFunctionConfig(fc)).toEqual({ config: DEFAULT_CONFIG, errors: [], warnings: [] });
  });

  it('uses the defaults for the empty ConfigMap kpt sends without config', () => {
    const kpt = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'function-input' }, data: {} };
    expect(configFromFunctionConfig(kpt)).toEqual({ config: DEFAULT_CONFIG, errors: [], warnings: [] });
    expect(configFromFunctionConfig({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }).config).toEqual(DEFAULT_CONFIG);
  });

  describe('MeshInject', () => {
    it('reads spec as an rc file and ignores metadata', () => {
      const result = fromYaml(`apiVersion: mesh-inject.dev/v1alpha1
kind: MeshInject
metadata:
  name: mesh-inject
  annotations:
    config.kubernetes.io/function: |
      container:
        image: ghcr.io/example/mesh-inject:v0.1.0
    config.kubernetes.io/local-config: "true"
spec:
  mesh: istio
  istio:
    tag: "1.32.1"
    cni: true
  namespaces:
    skip: [legacy]
`);
      expect(result.errors).toEqual([]);
      expect(result.config).toMatchObject({ mesh: 'istio', istio: { tag: '1.32.1', cni: true }, namespaces: { inject: ['*'], skip: ['legacy'] } });
    });

    it('uses the defaults without spec', () => {
      expect(configFromFunctionConfig({ apiVersion: 'mesh-inject.dev/v1alpha1', kind: 'MeshInject', metadata: { name: 'm' } }).config).toEqual(
        DEFAULT_CONFIG,
      );
    });

    it('reports spec errors at their position, with spec. in the key path and the object as resourceRef', () => {
      const result = fromYaml('apiVersion: mesh-inject.dev/v1alpha1\nkind: MeshInject\nmetadata: {name: mi}\nspec:\n  istio:\n    nativeSidecars: sometimes\n');
      expect(result.config).toBeUndefined();
      expect(result.errors).toMatchObject([
        {
          code: 'config-invalid',
          resourceRef: { apiVersion: 'mesh-inject.dev/v1alpha1', kind: 'MeshInject', name: 'mi' },
          file: { path: FILE, line: 6, column: 21 },
        },
      ]);
      expect(result.errors[0]?.message).toMatch(/^spec\.istio\.nativeSidecars: /);
    });

    it('rejects unknown top-level keys', () => {
      const result = fromYaml('apiVersion: mesh-inject.dev/v1alpha1\nkind: MeshInject\nspecs:\n  mesh: none\n');
      expect(result.errors).toMatchObject([{ code: 'config-invalid', file: { line: 3, column: 1 } }]);
      expect(result.errors[0]?.message).toContain('did you mean "spec"?');
    });

    it('finds positions when the functionConfig sits inside a ResourceList', () => {
      const text = 'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\nfunctionConfig:\n  apiVersion: mesh-inject.dev/v1alpha1\n  kind: MeshInject\n  spec:\n    mesh: consul\n';
      const parsed = parseConfigYaml(text, 'stdin');
      const list = parsed.raw as { functionConfig: unknown };
      const result = configFromFunctionConfig(list.functionConfig, {
        filepath: 'stdin',
        doc: parsed.doc,
        lineCounter: parsed.lineCounter,
        docPath: ['functionConfig'],
      });
      expect(result.errors).toMatchObject([{ code: 'config-invalid', file: { path: 'stdin', line: 8, column: 11 } }]);
    });
  });

  describe('ConfigMap with dotted keys (kpt fn eval -- key=value)', () => {
    it('converts each string to the type the schema expects', () => {
      const result = configFromFunctionConfig({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'function-input', annotations: { 'config.kubernetes.io/local-config': 'true' } },
        data: {
          mesh: 'istio',
          kubernetesVersion: '1.31',
          'istio.tag': '1.32.1',
          'istio.cni': 'true',
          'istio.holdApplicationUntilProxyStarts': 'False',
          'istio.nativeSidecars': 'auto',
          'istio.imagePullSecrets': 'a, b',
          'istio.proxyResources.requests.cpu': '50m',
          'istio.proxyResources.limits': '{memory: 2Gi}',
          'namespaces.inject': 'team-*,apps',
          'namespaces.skip': '[legacy]',
          'files.exclude': '',
          workloads: '[{apiVersion: argoproj.io/v1alpha1, kind: Rollout}]',
        },
      });
      expect(result.errors).toEqual([]);
      expect(result.config).toMatchObject({
        mesh: 'istio',
        kubernetesVersion: '1.31',
        istio: {
          tag: '1.32.1',
          cni: true,
          holdApplicationUntilProxyStarts: false,
          nativeSidecars: 'auto',
          imagePullSecrets: ['a', 'b'],
          proxyResources: { requests: { cpu: '50m', memory: '128Mi' }, limits: { cpu: '2', memory: '2Gi' } },
        },
        namespaces: { inject: ['team-*', 'apps'], skip: ['legacy'] },
        files: { exclude: [] },
        workloads: [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', podTemplate: 'spec.template' }],
      });
    });

    it('reads "true"/"false" as booleans where the schema allows them', () => {
      const fc = { apiVersion: 'v1', kind: 'ConfigMap', data: { 'istio.nativeSidecars': 'true', mesh: 'none' } };
      expect(configFromFunctionConfig(fc).config?.istio.nativeSidecars).toBe(true);
    });

    it('points an unknown dotted key at the data key', () => {
      const result = fromYaml('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: function-input\ndata:\n  mesh: none\n  istio.tagg: "1.32.1"\n');
      expect(result.errors).toMatchObject([
        { code: 'config-invalid', resourceRef: { kind: 'ConfigMap', name: 'function-input' }, file: { line: 7, column: 3 } },
      ]);
      expect(result.errors[0]?.message).toContain('did you mean "istio.tag"?');
    });

    it('points a bad value at the data value', () => {
      const result = fromYaml('apiVersion: v1\nkind: ConfigMap\ndata:\n  istio.proxyResources.limits.cpu: lots\n  mesh: consul\n');
      expect(result.errors).toMatchObject([
        { code: 'config-invalid', file: { line: 4, column: 36 } },
        { code: 'config-invalid', file: { line: 5, column: 9 } },
      ]);
    });

    it('reports a structured value that is not YAML', () => {
      const result = fromYaml('apiVersion: v1\nkind: ConfigMap\ndata:\n  sidecars: "[{name: a"\n');
      expect(result.errors).toMatchObject([{ code: 'config-invalid', file: { line: 4, column: 13 } }]);
    });

    it('reports a dotted key that conflicts with a shallower one', () => {
      const result = configFromFunctionConfig({ apiVersion: 'v1', kind: 'ConfigMap', data: { istio: 'x', 'istio.tag': '1' } });
      expect(result.errors).toMatchObject([{ code: 'config-invalid' }]);
    });
  });

  describe('ConfigMap holding a whole rc file (--fn-config)', () => {
    it.each(['config', '.mesh-injectrc'])('reads data[%j] as an rc document', (key) => {
      const result = configFromFunctionConfig({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'mesh-inject-config', annotations: { 'config.kubernetes.io/index': '0', 'internal.config.kubernetes.io/seqindent': 'compact' } },
        data: { [key]: 'mesh: none\nsidecars:\n  - name: logs\n    containers: [{name: fluent-bit, image: fluent/fluent-bit:3.2}]\n' },
      });
      expect(result.errors).toEqual([]);
      expect(result.config).toMatchObject({ mesh: 'none', sidecars: [{ name: 'logs', containers: [{ name: 'fluent-bit' }] }] });
    });

    it('maps positions inside a block scalar to the outer file', () => {
      const result = fromYaml('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  config: |\n    mesh: none\n    istio:\n      tagg: x\n');
      expect(result.errors).toMatchObject([{ code: 'config-invalid', file: { path: FILE, line: 9, column: 7 } }]);
    });

    it('maps YAML syntax errors inside the block scalar too', () => {
      const result = fromYaml('apiVersion: v1\nkind: ConfigMap\ndata:\n  config: |\n    mesh: none\n    mesh: istio\n');
      expect(result.errors).toMatchObject([{ code: 'config-invalid', file: { path: FILE, line: 6, column: 5 } }]);
    });

    it('rejects other data keys next to it', () => {
      const result = configFromFunctionConfig({ apiVersion: 'v1', kind: 'ConfigMap', data: { config: 'mesh: none\n', 'istio.tag': '1' } });
      expect(result.errors).toMatchObject([{ code: 'config-invalid' }]);
    });
  });

  describe('other objects', () => {
    it.each([
      ['a Deployment', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } }],
      ['MeshInject of another version', { apiVersion: 'mesh-inject.dev/v1', kind: 'MeshInject', spec: {} }],
      ['a ConfigMap of another apiVersion', { apiVersion: 'v2', kind: 'ConfigMap', data: {} }],
      ['a string', 'mesh: none'],
      ['a list', [{ kind: 'ConfigMap' }]],
    ])('rejects %s, naming the accepted kinds', (_name, fc) => {
      const result = configFromFunctionConfig(fc);
      expect(result.config).toBeUndefined();
      expect(result.errors).toMatchObject([{ severity: 'error', code: 'config-invalid' }]);
      expect(result.errors[0]?.message).toContain('MeshInject');
    });
  });
});
