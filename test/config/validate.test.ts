import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../config/defaults.js';
import { parseConfigYaml, validateConfig, type ConfigResult } from '../../config/index.js';

const FILE = '/repo/.mesh-injectrc';

/** Parse and validate rc text as load.ts does. */
function check(text: string, filepath = FILE): ConfigResult {
  const parsed = parseConfigYaml(text, filepath);
  expect(parsed.errors).toEqual([]);
  return validateConfig(parsed.raw, { filepath, doc: parsed.doc, lineCounter: parsed.lineCounter });
}

const at = (line: number, column: number) => ({ severity: 'error', code: 'config-invalid', file: { path: FILE, line, column } });

describe('validateConfig: error positions', () => {
  it.each([
    ['a wrong enum value', 'mesh: consul\n', [at(1, 7)]],
    ['a value of the wrong type', 'istio:\n  cni: "true"\n', [at(2, 8)]],
    ['a number where a string is expected', 'istio:\n  tag: 1.30\n', [at(2, 8)]],
    ['an invalid union value', 'istio:\n  hub: docker.io/istio\n  nativeSidecars: maybe\n', [at(3, 19)]],
    ['an invalid quantity', 'istio:\n  proxyResources:\n    limits:\n      memory: 1GB\n', [at(4, 15)]],
    ['an empty value (points at its key)', 'namespaces:\n  inject:\n', [at(2, 3)]],
    ['a list item', 'namespaces:\n  inject: ["a", 7]\n', [at(2, 17)]],
    ['a missing required key (points at the enclosing mapping)', 'sidecars:\n  - name: logs\n    containers:\n      - name: shipper\n', [at(4, 9)]],
    ['a malformed kubernetesVersion', 'kubernetesVersion: v1.33\n', [at(1, 20)]],
    ['a root that is not a mapping', '- mesh: none\n', [at(1, 1)]],
    ['an unknown key (points at the key)', 'istio:\n  tagg: "1.32.0"\n', [at(2, 3)]],
    ['an unknown top-level key', 'mesh: none\n$import: [./evil.cjs]\n', [at(2, 1)]],
  ])('%s', (_name, text, expected) => {
    const result = check(text);
    expect(result.config).toBeUndefined();
    expect(result.errors).toMatchObject(expected);
  });

  it('reports every problem, in document order', () => {
    const result = check('istio:\n  tagg: x\n  cni: 1\nmesh: consul\n');
    expect(result.errors.map((e) => [e.file?.line, e.file?.column])).toEqual([
      [2, 3],
      [3, 8],
      [4, 7],
    ]);
  });

  it('names the key path in the message', () => {
    const [error] = check('istio:\n  nativeSidecars: "yes"\n').errors;
    expect(error?.message).toMatch(/^istio\.nativeSidecars: /);
  });

  it('gives no file without a source, and no position without a document', () => {
    expect(validateConfig({ mesh: 'consul' }).errors).toEqual([expect.not.objectContaining({ file: expect.anything() })]);
    expect(validateConfig({ mesh: 'consul' }, { filepath: FILE }).errors).toMatchObject([{ file: { path: FILE } }]);
    expect(validateConfig({ mesh: 'consul' }, { filepath: FILE }).errors[0]?.file?.line).toBeUndefined();
  });
});

describe('validateConfig: unknown keys', () => {
  it.each([
    ['istio:\n  tagg: x\n', 'istio.tag'],
    ['istio:\n  nativeSidecar: true\n', 'istio.nativeSidecars'],
    ['istio:\n  imagepullpolicy: Always\n', 'istio.imagePullPolicy'],
    ['tag: "1.32.0"\n', 'istio.tag'],
    ['inject: ["*"]\n', 'namespaces.inject'],
    ['sidecars:\n  - name: a\n    selecter: {}\n', 'sidecars[0].selector'],
  ])('suggests the close key for %j', (text, suggestion) => {
    const [error] = check(text).errors;
    expect(error?.code).toBe('config-invalid');
    expect(error?.message).toContain(`did you mean "${suggestion}"?`);
  });

  it('makes no suggestion when nothing is close', () => {
    const [error] = check('istio:\n  completelyDifferent: 1\n').errors;
    expect(error?.message).not.toContain('did you mean');
  });

  it('checks the keys of sidecar selectors strictly but passes container fields through', () => {
    const result = check(
      'sidecars:\n  - name: a\n    containers:\n      - name: c\n        image: i\n        args: ["-v"]\n        securityContext: {runAsNonRoot: true}\n',
    );
    expect(result.errors).toEqual([]);
    expect(result.config?.sidecars[0]?.containers[0]).toEqual({ name: 'c', image: 'i', args: ['-v'], securityContext: { runAsNonRoot: true } });
  });
});

describe('validateConfig: normalization', () => {
  it('fills every default for an empty, null or missing config', () => {
    for (const raw of [{}, null, undefined]) expect(validateConfig(raw)).toEqual({ config: DEFAULT_CONFIG, errors: [], warnings: [] });
  });

  it('returns a config that does not share state with the defaults', () => {
    const { config } = validateConfig({});
    config!.namespaces.inject.push('x');
    config!.istio.proxyResources.requests!.cpu = '1';
    expect(DEFAULT_CONFIG.namespaces.inject).toEqual(['*']);
    expect(validateConfig({}).config?.istio.proxyResources.requests?.cpu).toBe('100m');
  });

  it('accepts kubernetesVersion as a number, keeps it as written and warns', () => {
    const result = check('kubernetesVersion: 1.30\n');
    expect(result.config?.kubernetesVersion).toBe('1.30');
    expect(result.warnings).toMatchObject([{ severity: 'warning', code: 'config-invalid', file: { line: 1, column: 20 } }]);
  });

  it('reads YAML 1.1 booleans as Kubernetes does', () => {
    expect(check('istio:\n  cni: yes\n  rewriteAppHTTPProbe: off\n').config?.istio).toMatchObject({ cni: true, rewriteAppHTTPProbe: false });
  });

  it('merges proxyResources over the default key by key; null drops', () => {
    const result = check('istio:\n  proxyResources:\n    requests:\n      cpu: 50m\n      memory: null\n      ephemeral-storage: 1Gi\n    limits: null\n');
    expect(result.config?.istio.proxyResources).toEqual({ requests: { cpu: '50m', memory: null, 'ephemeral-storage': '1Gi' } });
  });

  it('turns quantities written as numbers into strings', () => {
    expect(check('istio:\n  proxyResources:\n    limits: {cpu: 2}\n').config?.istio.proxyResources.limits).toEqual({ cpu: '2', memory: '1Gi' });
  });

  it('resolves istio file paths against the config file directory', () => {
    const result = check('istio:\n  injector: istio/injector.yaml\n  meshConfig: /etc/istio/mesh.yaml\n', '/repo/apps/.mesh-injectrc');
    expect(result.config?.istio).toMatchObject({ injector: '/repo/apps/istio/injector.yaml', meshConfig: '/etc/istio/mesh.yaml' });
    expect(result.config?.istio).not.toHaveProperty('values');
    expect(validateConfig({ istio: { values: 'v.json' } }).config?.istio.values).toBe('v.json');
    expect(validateConfig({ istio: { values: 'v.json' } }, { baseDir: '/base' }).config?.istio.values).toBe('/base/v.json');
  });

  it('ignores $schema', () => {
    const result = check('$schema: ./schemas/mesh-injectrc.schema.json\n');
    expect(result).toEqual({ config: DEFAULT_CONFIG, errors: [], warnings: [] });
  });

  it('never throws and returns either a config or errors, whatever the input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.dictionary(fc.constantFrom('mesh', 'istio', 'sidecars', 'namespaces', 'x'), fc.jsonValue())), (raw) => {
        const result = validateConfig(raw, { filepath: FILE });
        expect(result.config === undefined).toBe(result.errors.length > 0);
        for (const r of [...result.errors, ...result.warnings]) expect(r.code).toBe('config-invalid');
      }),
    );
  });
});

describe('validateConfig: cross-field rules', () => {
  const sidecar = (name: string, containers: string[], extra = '') =>
    `  - name: ${name}\n    containers:\n${containers.map((c) => `      - {name: ${c}, image: img}\n`).join('')}${extra}`;

  it('rejects duplicate container names across sidecars, at the second name', () => {
    const result = check(`mesh: none\nsidecars:\n${sidecar('a', ['shipper'])}${sidecar('b', ['shipper'])}`);
    expect(result.errors).toMatchObject([at(8, 16)]);
  });

  it('rejects duplicate sidecar names', () => {
    expect(check(`mesh: none\nsidecars:\n${sidecar('a', ['c1'])}${sidecar('a', ['c2'])}`).errors).toMatchObject([at(6, 11)]);
  });

  it('rejects Istio container names for custom sidecars only when mesh is istio', () => {
    const text = `sidecars:\n${sidecar('a', ['istio-proxy', 'istio-init', 'istio-validation'])}`;
    expect(check(`mesh: istio\n${text}`).errors).toMatchObject([at(5, 16), at(6, 16), at(7, 16)]);
    expect(check(`mesh: none\n${text}`).errors).toEqual([]);
  });

  it('rejects duplicate workload kinds, at the second entry', () => {
    const w = '  - {apiVersion: argoproj.io/v1alpha1, kind: Rollout}\n';
    expect(check(`workloads:\n${w}${w}`).errors).toMatchObject([at(3, 5)]);
  });

  it('warns when native sidecars are forced on a cluster older than 1.29', () => {
    const result = check(`kubernetesVersion: "1.28"\nistio:\n  nativeSidecars: true\nsidecars:\n${sidecar('a', ['x'], '    native: true\n')}`);
    expect(result.config).toBeDefined();
    expect(result.warnings).toMatchObject([
      { severity: 'warning', file: { line: 3, column: 19 } },
      { severity: 'warning', file: { line: 8, column: 13 } },
    ]);
  });

  it('keeps istio files inside rootDir', () => {
    const parsed = parseConfigYaml('istio:\n  values: ../../values.json\n', FILE);
    const result = validateConfig(parsed.raw, { filepath: '/repo/apps/.mesh-injectrc', rootDir: '/repo', doc: parsed.doc, lineCounter: parsed.lineCounter });
    expect(result.errors).toMatchObject([{ code: 'config-invalid', file: { line: 2, column: 11 } }]);
  });
});
