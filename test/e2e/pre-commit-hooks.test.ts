/**
 * The pre-commit.com hooks in .pre-commit-hooks.yaml end to end: `pre-commit try-repo` (the
 * installed pre-commit, Debian's 3.0.4 here) on a snapshot of this checkout, which installs it with
 * `language: node` (npm install, npm pack, npm install -g: no build step) and runs the hooks on a
 * temp repository. Each try-repo installs afresh (it uses a throw-away store), ~10 s; the commit
 * flow with an installed config is in pre-commit-docs.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO, cleanEnv, deployment, git, gitInit, hookRepoSnapshot, missingTool, npmRegistryReachable, run, tempDir, writeFiles } from './pre-commit-tools.js';

const missing = missingTool('git', 'npm', 'pre-commit') ?? (npmRegistryReachable() ? undefined : 'npm registry');

interface HookDefinition {
  id: string;
  entry: string;
  language: string;
  files: string;
  exclude: string;
  require_serial?: boolean;
}

describe('.pre-commit-hooks.yaml', () => {
  const hooks = parse(readFileSync(join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as HookDefinition[];

  it('declares mesh-inject (rewrite) and mesh-inject-check, node, serial', () => {
    expect(hooks.map((h) => [h.id, h.entry, h.language, h.require_serial])).toEqual([
      ['mesh-inject', 'mesh-inject inject', 'node', true],
      ['mesh-inject-check', 'mesh-inject inject --check', 'node', true],
    ]);
  });

  it('passes YAML files only, and not kustomizations, Kptfiles or pre-commit configs (pre-commit matches with re.search)', () => {
    for (const hook of hooks) {
      const passed = (path: string) => new RegExp(hook.files).test(path) && !new RegExp(hook.exclude).test(path);
      expect(['k8s/web.yaml', 'apps/a/deploy.yml', 'kustomization-notes/x.yaml'].filter(passed)).toHaveLength(3);
      expect(['README.md', 'k8s/kustomization.yaml', 'kustomization.yml', 'Kptfile', 'pkg/Kptfile', '.pre-commit-config.yaml', '.mesh-injectrc.yaml', 'a/.mesh-injectrc.yml'].filter(passed)).toEqual([]);
    }
  });
});

describe.skipIf(missing)('pre-commit try-repo with the mesh-inject hooks (language: node, no build step)', () => {
  const temp = tempDir('pre-commit');
  const user = join(temp.dir, 'user');
  const env = cleanEnv({ PRE_COMMIT_HOME: join(temp.dir, 'cache') });
  let hookRepo: string;
  const tryRepo = (hook: string, ...files: string[]) => run('pre-commit', ['try-repo', hookRepo, hook, '--files', ...files], { cwd: user, env, timeout: 180_000 });

  beforeAll(() => {
    hookRepo = hookRepoSnapshot(join(temp.dir, 'hooks')).path;
    gitInit(user);
    writeFiles(user, {
      'k8s/web.yaml': deployment('web', 'shop'),
      'k8s/kustomization.yaml': 'resources:\n  - web.yaml\n',
      '.pre-commit-config.yaml': 'repos: []\n',
      '.mesh-injectrc.yaml': 'istio:\n  tag: 1.32.0\n',
    });
    git(user, 'add', '-A');
  });
  afterAll(() => temp.cleanup());

  it('mesh-inject-check fails on a manifest that is not injected and changes nothing', () => {
    const result = tryRepo('mesh-inject-check', 'k8s/web.yaml');
    expect(result.stdout).toMatch(/mesh-inject --check \(manifests must be injected\)\.+Failed/);
    expect(result.stdout).toContain('k8s/web.yaml: needs injection');
    expect(result.code).toBe(1);
    expect(readFileSync(join(user, 'k8s/web.yaml'), 'utf8')).toBe(deployment('web', 'shop'));
  }, 180_000);

  it('mesh-inject rewrites the manifest and pre-commit reports the change', () => {
    const rewritten = tryRepo('mesh-inject', 'k8s/web.yaml');
    expect(rewritten.stdout).toContain('files were modified by this hook');
    expect(rewritten.code).toBe(1);
    const injected = readFileSync(join(user, 'k8s/web.yaml'), 'utf8');
    expect(injected).toContain('image: docker.io/istio/proxyv2:1.32.0');
    expect(injected).toBe(run(process.execPath, [join(REPO, 'bin/mesh-inject.js'), 'inject', '-'], { cwd: user, input: deployment('web', 'shop') }).stdout);
  }, 180_000);
});
