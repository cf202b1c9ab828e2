import { afterEach, describe, expect, it } from 'vitest';
import { createConfigResolver } from '../../config/index.js';
import { DEFAULT_CONFIG } from '../../config/defaults.js';
import { markerScript, tempRepo, type TempRepo } from './temp-repo.js';

const repos: TempRepo[] = [];
function repo(files: Record<string, string> = {}): TempRepo {
  const r = tempRepo(files);
  repos.push(r);
  return r;
}
afterEach(() => {
  for (const r of repos.splice(0)) r.cleanup();
});

describe('discovery', () => {
  it('uses the rc file nearest to each file', async () => {
    const r = repo({
      '.mesh-injectrc.yaml': 'defaultNamespace: root\n',
      'apps/web/.mesh-injectrc': 'defaultNamespace: web\n',
    });
    const resolver = createConfigResolver({ stopDir: r.root });
    const web = await resolver.resolveFor(r.at('apps/web/deploy.yaml'));
    const other = await resolver.resolveFor(r.at('apps/other/deploy.yaml'));
    expect(web).toMatchObject({ source: 'file', filepath: r.at('apps/web/.mesh-injectrc'), errors: [] });
    expect(web.config?.defaultNamespace).toBe('web');
    expect(other).toMatchObject({ source: 'file', filepath: r.at('.mesh-injectrc.yaml') });
    expect(other.config?.defaultNamespace).toBe('root');
  });

  it('falls back to the embedded defaults when no rc file exists', async () => {
    const r = repo({ 'apps/deploy.yaml': '' });
    const loaded = await createConfigResolver({ stopDir: r.root }).resolveFor(r.at('apps/deploy.yaml'));
    expect(loaded).toEqual({ config: DEFAULT_CONFIG, errors: [], warnings: [], source: 'defaults' });
  });

  it('does not search above stopDir', async () => {
    const r = repo({ '.mesh-injectrc': 'mesh: none\n' });
    const loaded = await createConfigResolver({ stopDir: r.at('repo') }).resolveFor(r.at('repo/apps/deploy.yaml'));
    expect(loaded.source).toBe('defaults');
  });

  it('reads the "mesh-inject" key of package.json and skips a package.json without it', async () => {
    const r = repo({
      'package.json': JSON.stringify({ name: 'root', 'mesh-inject': { mesh: 'none' } }, null, 2),
      'apps/package.json': JSON.stringify({ name: 'apps' }),
    });
    const loaded = await createConfigResolver({ stopDir: r.root }).resolveFor(r.at('apps/deploy.yaml'));
    expect(loaded).toMatchObject({ filepath: r.at('package.json'), errors: [] });
    expect(loaded.config?.mesh).toBe('none');
  });

  it('points errors in package.json at the key inside "mesh-inject"', async () => {
    const r = repo({ 'package.json': '{\n  "name": "x",\n  "mesh-inject": {\n    "mesh": "consul"\n  }\n}\n' });
    const loaded = await createConfigResolver({ stopDir: r.root }).resolveFor(r.at('deploy.yaml'));
    expect(loaded.config).toBeUndefined();
    expect(loaded.errors).toMatchObject([
      { severity: 'error', code: 'config-invalid', file: { path: r.at('package.json'), line: 4, column: 13 } },
    ]);
  });

  it.each([
    ['.mesh-injectrc', 'YAML', 'mesh: none\nistio:\n  tag: "1.32.1"\n'],
    ['.mesh-injectrc', 'JSON', '{"mesh": "none", "istio": {"tag": "1.32.1"}}'],
    ['.mesh-injectrc.json', 'JSON', '{"mesh": "none", "istio": {"tag": "1.32.1"}}'],
    ['.mesh-injectrc.yaml', 'YAML', 'mesh: none\nistio: {tag: "1.32.1"}\n'],
    ['.mesh-injectrc.yml', 'YAML', 'mesh: none\nistio: {tag: "1.32.1"}\n'],
  ])('reads %s written as %s', async (name, _format, content) => {
    const r = repo({ [name]: content });
    const loaded = await createConfigResolver({ stopDir: r.root }).resolveFor(r.at('deploy.yaml'));
    expect(loaded).toMatchObject({ filepath: r.at(name), errors: [], warnings: [] });
    expect(loaded.config).toMatchObject({ mesh: 'none', istio: { tag: '1.32.1' } });
  });

  it('prefers .mesh-injectrc.yaml over mesh-inject.config.js in the same directory', async () => {
    const r = repo({ '.mesh-injectrc.yaml': 'mesh: none\n' });
    r.write('mesh-inject.config.js', markerScript(r.at('marker')));
    const loaded = await createConfigResolver({ stopDir: r.root }).resolveFor(r.at('deploy.yaml'));
    expect(loaded).toMatchObject({ filepath: r.at('.mesh-injectrc.yaml'), errors: [] });
    expect(r.exists('marker')).toBe(false);
  });

  it('treats an empty rc file as all defaults and stops there', async () => {
    const r = repo({ '.mesh-injectrc': 'mesh: none\n', 'apps/.mesh-injectrc.yaml': '' });
    const loaded = await createConfigResolver({ stopDir: r.root }).resolveFor(r.at('apps/deploy.yaml'));
    expect(loaded).toEqual({ config: DEFAULT_CONFIG, errors: [], warnings: [], filepath: r.at('apps/.mesh-injectrc.yaml'), source: 'file' });
  });

  it('caches per directory and per config file', async () => {
    const r = repo({ '.mesh-injectrc': 'mesh: none\n' });
    const resolver = createConfigResolver({ stopDir: r.root });
    const a = await resolver.resolveFor(r.at('a/x.yaml'));
    const b = await resolver.resolveFor(r.at('a/y.yaml'));
    const c = await resolver.resolveFor(r.at('b/z.yaml'));
    expect(b).toBe(a);
    expect(c).toBe(a);
  });

  it('reports YAML syntax errors with their position', async () => {
    const r = repo({ '.mesh-injectrc': 'mesh: none\nistio:\n  tag: a\n  tag: b\n' });
    const loaded = await createConfigResolver({ stopDir: r.root }).resolveFor(r.at('deploy.yaml'));
    expect(loaded.config).toBeUndefined();
    expect(loaded.errors).toMatchObject([{ code: 'config-invalid', file: { path: r.at('.mesh-injectrc'), line: 4, column: 3 } }]);
  });

  it('resolves istio file paths against the rc file and keeps them inside stopDir', async () => {
    const r = repo({
      'apps/.mesh-injectrc.yaml': 'istio:\n  injector: istio/injector.yaml\n',
      'apps/istio/injector.yaml': 'templates: {}\n',
      'evil/.mesh-injectrc.yaml': 'istio:\n  meshConfig: ../../outside/mesh.yaml\n',
    });
    const resolver = createConfigResolver({ stopDir: r.root });
    const apps = await resolver.resolveFor(r.at('apps/deploy.yaml'));
    expect(apps.config?.istio.injector).toBe(r.at('apps/istio/injector.yaml'));
    const evil = await resolver.resolveFor(r.at('evil/deploy.yaml'));
    expect(evil.errors).toMatchObject([{ code: 'config-invalid', file: { path: r.at('evil/.mesh-injectrc.yaml'), line: 2, column: 15 } }]);
  });

  it('reads the istio file paths into istio.cluster, and names a missing one', async () => {
    const r = repo({
      'apps/.mesh-injectrc.yaml': 'istio:\n  injector: istio/injector.yaml\n  meshConfig: istio/mesh.yaml\n',
      'apps/istio/injector.yaml': 'policy: enabled\n',
      'apps/istio/mesh.yaml': 'trustDomain: example.org\n',
      'missing/.mesh-injectrc.yaml': 'istio:\n  injector: istio/injector.yaml\n  values: istio/values.json\n',
      'missing/istio/injector.yaml': 'policy: enabled\n',
      'orphan/.mesh-injectrc.yaml': 'istio:\n  values: values.json\n',
    });
    const resolver = createConfigResolver({ stopDir: r.root });
    const apps = await resolver.resolveFor(r.at('apps/deploy.yaml'));
    expect(apps.errors).toEqual([]);
    expect(apps.config?.istio.cluster).toEqual({
      injector: { path: r.at('apps/istio/injector.yaml'), text: 'policy: enabled\n' },
      meshConfig: { path: r.at('apps/istio/mesh.yaml'), text: 'trustDomain: example.org\n' },
    });
    const missing = await resolver.resolveFor(r.at('missing/deploy.yaml'));
    expect(missing.config).toBeUndefined();
    expect(missing.errors).toMatchObject([{ code: 'config-invalid', file: { path: r.at('missing/.mesh-injectrc.yaml') } }]);
    expect(missing.errors[0]!.message).toContain('istio.values');
    expect(missing.errors[0]!.message).toContain(r.at('missing/istio/values.json'));
    const orphan = await resolver.resolveFor(r.at('orphan/deploy.yaml'));
    expect(orphan.errors).toMatchObject([{ code: 'config-invalid' }]);
    expect(orphan.errors[0]!.message).toContain('istio.injector');
  });
});

describe('JavaScript configs', () => {
  it.each(['mesh-inject.config.js', 'mesh-inject.config.cjs', 'mesh-inject.config.mjs'])(
    'refuses %s without allowJs and never runs it',
    async (name) => {
      const r = repo();
      r.write(name, markerScript(r.at('marker'), '{ mesh: "none" }', name.endsWith('.mjs') ? 'esm' : 'cjs'));
      const loaded = await createConfigResolver({ stopDir: r.root }).resolveFor(r.at('apps/deploy.yaml'));
      expect(loaded.config).toBeUndefined();
      expect(loaded).toMatchObject({ filepath: r.at(name), errors: [{ severity: 'error', code: 'config-invalid', file: { path: r.at(name) } }] });
      expect(r.exists('marker')).toBe(false);
    },
  );

  it.each(['mesh-inject.config.js', 'mesh-inject.config.cjs', 'mesh-inject.config.mjs'])('loads %s with allowJs', async (name) => {
    const r = repo();
    r.write(name, markerScript(r.at('marker'), '{ mesh: "none", istio: { tag: "1.32.2" } }', name.endsWith('.mjs') ? 'esm' : 'cjs'));
    const loaded = await createConfigResolver({ stopDir: r.root, allowJs: true }).resolveFor(r.at('deploy.yaml'));
    expect(loaded).toMatchObject({ filepath: r.at(name), errors: [] });
    expect(loaded.config).toMatchObject({ mesh: 'none', istio: { tag: '1.32.2' } });
    expect(r.exists('marker')).toBe(true);
  });

  it('reports an ES module config without a default export', async () => {
    const r = repo({ 'mesh-inject.config.mjs': 'export const mesh = "none";\n' });
    const loaded = await createConfigResolver({ stopDir: r.root, allowJs: true }).resolveFor(r.at('deploy.yaml'));
    expect(loaded.config).toBeUndefined();
    expect(loaded.errors).toMatchObject([{ code: 'config-invalid', file: { path: r.at('mesh-inject.config.mjs') } }]);
  });

  it('refuses an explicit --config JS file without allowJs', async () => {
    const r = repo();
    const file = r.write('ci/mesh-inject.config.cjs', markerScript(r.at('marker')));
    const loaded = await createConfigResolver({ stopDir: r.root, explicitPath: file }).resolveFor(r.at('deploy.yaml'));
    expect(loaded.errors).toMatchObject([{ code: 'config-invalid', file: { path: file } }]);
    expect(r.exists('marker')).toBe(false);
  });

  it('never executes cosmiconfig meta config (.config/config.js) or $import targets, even with allowJs', async () => {
    const r = repo();
    r.write('.config/config.js', markerScript(r.at('meta-marker')));
    r.write('.config/mesh-injectrc.js', markerScript(r.at('config-dir-marker')));
    r.write('evil.cjs', markerScript(r.at('import-marker')));
    r.write('.mesh-injectrc.yaml', 'mesh: none\n$import: ["./evil.cjs"]\n');
    const previousCwd = process.cwd();
    process.chdir(r.root); // cosmiconfig looks for its meta config in the cwd
    try {
      const loaded = await createConfigResolver({ stopDir: r.root, allowJs: true }).resolveFor(r.at('apps/deploy.yaml'));
      expect(loaded.config).toBeUndefined();
      expect(loaded.errors).toMatchObject([{ code: 'config-invalid', file: { path: r.at('.mesh-injectrc.yaml'), line: 2, column: 1 } }]);
    } finally {
      process.chdir(previousCwd);
    }
    expect(r.exists('meta-marker')).toBe(false);
    expect(r.exists('config-dir-marker')).toBe(false);
    expect(r.exists('import-marker')).toBe(false);
  });
});

describe('explicit --config', () => {
  it('uses the given file for every input, wherever it is', async () => {
    const r = repo({ '.mesh-injectrc': 'mesh: istio\n', 'ci/mesh.yaml': 'mesh: none\n' });
    const resolver = createConfigResolver({ stopDir: r.root, explicitPath: r.at('ci/mesh.yaml') });
    const a = await resolver.resolveFor(r.at('deploy.yaml'));
    const b = await resolver.resolveFor(r.at('apps/deep/deploy.yaml'));
    expect(a).toMatchObject({ filepath: r.at('ci/mesh.yaml'), source: 'file', errors: [] });
    expect(a.config?.mesh).toBe('none');
    expect(b).toBe(a);
  });

  it('reports a missing file', async () => {
    const r = repo();
    const loaded = await createConfigResolver({ stopDir: r.root, explicitPath: r.at('nope.yaml') }).resolveFor(r.at('x.yaml'));
    expect(loaded.config).toBeUndefined();
    expect(loaded.errors).toMatchObject([{ severity: 'error', code: 'config-invalid', file: { path: r.at('nope.yaml') } }]);
  });

  it('reports a package.json without the "mesh-inject" key', async () => {
    const r = repo({ 'package.json': '{"name": "x"}' });
    const loaded = await createConfigResolver({ stopDir: r.root, explicitPath: r.at('package.json') }).resolveFor(r.at('x.yaml'));
    expect(loaded.errors).toMatchObject([{ code: 'config-invalid' }]);
  });
});
