/**
 * The Helm post-renderer contract end to end, the way Helm calls it (no Helm binary is packaged
 * here: test/e2e/helm-call.ts reproduces its call): Helm 4 loads plugin/helm/plugin.yaml from its
 * plugins directory (`helm plugin install <dir>` links the directory there) and runs its
 * platformCommand; Helm 3 runs the executable named by `--post-renderer`. Both append
 * `--post-renderer-args`. With a `helm` on PATH the real thing runs too.
 */
import { chmodSync, copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { HELM3_RELEASE, HELM4_RELEASE, LINKERD_CA, containerNames, sourceComments } from '../plugin/helm/release-fixtures.js';
import { readPluginManifest, runExecutableAsHelm3, runPluginAsHelm4 } from './helm-call.js';
import { MESH_INJECT_BIN, REPO, missingTool, onPath, run, tempDir, writeTree } from './kustomize-tools.js';

const PLUGIN_SOURCE = join(REPO, 'plugin/helm');
const LAUNCHER = join(PLUGIN_SOURCE, 'post-renderer');
const FILENAME = 'postrenderer.helm.sh/postrender-filename';

/** What Helm 4 does with the output (splitAndDeannotate): every document parses and still names its template. */
function helm4Files(stdout: string): string[] {
  expect(stdout.trim()).not.toBe(''); // "post-renderer produced empty output"
  return parseAllDocuments(stdout).map((doc) => {
    expect(doc.errors).toEqual([]);
    return (doc.toJS() as { metadata: { annotations: Record<string, string> } }).metadata.annotations[FILENAME] ?? '';
  });
}

describe('Helm post-renderer, called as Helm calls it', () => {
  const tmp = tempDir('helm');
  afterAll(tmp.cleanup);
  // The user's repository (Helm runs in it) and Helm's plugins directory with the plugin installed.
  const repo = join(tmp.dir, 'repo');
  const plugins = join(tmp.dir, 'helm-plugins');
  const installed = join(plugins, 'mesh-inject');
  writeTree(repo, {
    '.mesh-injectrc': 'mesh: istio\n',
    'linkerd/.mesh-injectrc': 'mesh: linkerd\nlinkerd:\n  identityTrustAnchorsFile: ca.crt\nnamespaces:\n  inject: [web]\n',
    'linkerd/ca.crt': LINKERD_CA,
  });
  mkdirSync(plugins);
  symlinkSync(PLUGIN_SOURCE, installed);

  it('ships a plugin.yaml Helm 4 loads: apiVersion v1, postrenderer/v1, subprocess, only known keys, the package version', () => {
    const manifest = readPluginManifest(PLUGIN_SOURCE);
    expect(manifest).toMatchObject({ apiVersion: 'v1', type: 'postrenderer/v1', runtime: 'subprocess', name: 'mesh-inject' });
    expect(manifest.name).toMatch(/^[A-Za-z0-9_-]+$/);
    // Helm decodes plugin.yaml v1 strictly (KnownFields): an unknown key fails the install.
    expect(Object.keys(manifest).every((k) => ['apiVersion', 'name', 'type', 'runtime', 'version', 'sourceURL', 'config', 'runtimeConfig'].includes(k))).toBe(true);
    expect(manifest.version).toBe((JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version);
    expect(manifest.runtimeConfig.platformCommand.length).toBeGreaterThan(0);
  });

  it('Helm 4: --post-renderer mesh-inject injects the release and keeps the annotation Helm splits it by', () => {
    if (missingTool()) return;
    const result = runPluginAsHelm4(installed, [], HELM4_RELEASE, repo);
    expect(result.code).toBe(0);
    expect(helm4Files(result.stdout)).toEqual(helm4Files(HELM4_RELEASE));
    expect(containerNames(result.stdout, 'Deployment')).toContain('istio-proxy');
    expect(containerNames(result.stdout, 'Job')).toContain('istio-proxy');
  });

  it('Helm 4: --post-renderer-args reach the command (--config, --namespace), for Linkerd', () => {
    if (missingTool()) return;
    const result = runPluginAsHelm4(installed, ['--config', 'linkerd/.mesh-injectrc', '--namespace=web'], HELM4_RELEASE, repo);
    expect(result.code).toBe(0);
    expect(containerNames(result.stdout, 'Deployment')).toContain('linkerd-proxy');
  });

  it('Helm 4: a refused workload exits non-zero with nothing on stdout', () => {
    if (missingTool()) return;
    const result = runPluginAsHelm4(installed, [], HELM4_RELEASE.replace('containerPort: 80', 'containerPort: 15001'), repo);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('demo/templates/deployment.yaml');
  });

  it('Helm 3: --post-renderer <plugin dir>/post-renderer keeps the # Source: framing, the hidden Secret included', () => {
    if (missingTool()) return;
    const result = runExecutableAsHelm3(join(installed, 'post-renderer'), [], HELM3_RELEASE, join(repo, 'linkerd'));
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(HELM3_RELEASE); // namespace "default" is not meshed there
    const meshed = runExecutableAsHelm3(LAUNCHER, ['--namespace', 'web'], HELM3_RELEASE, join(repo, 'linkerd'));
    expect(meshed.code).toBe(0);
    expect(containerNames(meshed.stdout, 'Deployment')).toContain('linkerd-proxy');
    expect(sourceComments(meshed.stdout)).toEqual(sourceComments(HELM3_RELEASE));
  });

  it('Helm 3: --post-renderer mesh-inject --post-renderer-args plugin --post-renderer-args helm (the npm bin)', () => {
    if (missingTool()) return;
    const result = runExecutableAsHelm3(MESH_INJECT_BIN, ['plugin', 'helm'], HELM3_RELEASE, repo);
    expect(result.code).toBe(0);
    expect(containerNames(result.stdout, 'Deployment')).toContain('istio-proxy');
    const bad = runExecutableAsHelm3(MESH_INJECT_BIN, ['plugin', 'helm', '--config', 'missing.yaml'], HELM3_RELEASE, repo);
    expect(bad).toMatchObject({ code: 2, stdout: '' });
  });

  it('a copied plugin directory (outside a mesh-inject checkout) runs mesh-inject from PATH', () => {
    if (missingTool()) return;
    const copy = join(tmp.dir, 'copied-plugin');
    const bin = join(tmp.dir, 'bin');
    mkdirSync(copy);
    mkdirSync(bin);
    for (const file of ['plugin.yaml', 'post-renderer']) copyFileSync(join(PLUGIN_SOURCE, file), join(copy, file));
    chmodSync(join(copy, 'post-renderer'), 0o755);
    symlinkSync(MESH_INJECT_BIN, join(bin, 'mesh-inject'));
    const env = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` };
    const result = runPluginAsHelm4(copy, [], HELM4_RELEASE, repo, env);
    expect(result.code).toBe(0);
    expect(containerNames(result.stdout, 'Deployment')).toContain('istio-proxy');
    const systemPath = '/usr/bin:/bin';
    if (onPath('mesh-inject', systemPath)) return; // a global install would be found: nothing to show
    const without = runPluginAsHelm4(copy, [], HELM4_RELEASE, repo, { ...process.env, PATH: systemPath });
    expect(without.code).toBe(2);
    expect(without.stdout).toBe('');
  });
});

describe('Helm post-renderer under the real helm', () => {
  it('helm template --post-renderer injects a chart', () => {
    if (!onPath('helm')) {
      console.log('skipped: helm not found');
      return;
    }
    if (missingTool()) return;
    const tmp = tempDir('helm-real');
    try {
      const home = { HELM_DATA_HOME: join(tmp.dir, 'data'), HELM_CONFIG_HOME: join(tmp.dir, 'config'), HELM_CACHE_HOME: join(tmp.dir, 'cache'), HELM_PLUGINS: join(tmp.dir, 'plugins') };
      writeTree(tmp.dir, {
        '.mesh-injectrc': 'mesh: istio\n',
        'demo/Chart.yaml': 'apiVersion: v2\nname: demo\nversion: 0.1.0\n',
        'demo/templates/deployment.yaml': readFileSync(join(REPO, 'test/plugin/helm/fixtures/helm3-release.yaml'), 'utf8').split('# Source: demo/templates/deployment.yaml\n')[1]!.split('---\n')[0]!,
      });
      writeFileSync(join(tmp.dir, 'demo/values.yaml'), '');
      const version = run('helm', ['version', '--short'], { env: home });
      const helm4 = version.stdout.trim().startsWith('v4');
      if (helm4) expect(run('helm', ['plugin', 'install', PLUGIN_SOURCE], { cwd: tmp.dir, env: home }).code).toBe(0);
      const renderer = helm4 ? ['--post-renderer', 'mesh-inject'] : ['--post-renderer', LAUNCHER];
      const result = run('helm', ['template', 'web', './demo', ...renderer, '--post-renderer-args=--namespace=web'], { cwd: tmp.dir, env: home });
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('# Source: demo/templates/deployment.yaml');
      expect(containerNames(result.stdout, 'Deployment')).toContain('istio-proxy');
    } finally {
      tmp.cleanup();
    }
  });
});
