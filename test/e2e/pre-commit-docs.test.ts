/**
 * Every snippet of docs/pre-commit.md marked `<!-- test: ... -->`, exercised: the husky setup
 * commands run in a temp repository (real npm packages), the files they produce are the documented
 * ones, and the documented .pre-commit-config.yaml drives real `git commit`s through pre-commit.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { hookFiles } from '../../plugin/cli/init-hooks.js';
import { docSnippets, snippet } from '../helpers/doc-snippets.js';
import { REPO, cleanEnv, deployment, git, gitInit, gitRun, hookRepoSnapshot, missingTool, npmRegistryReachable, registryUnreachable, run, tempDir, writeFiles } from './pre-commit-tools.js';

const docs = docSnippets(join(REPO, 'docs/pre-commit.md'));
const temp = tempDir('pre-commit-docs');
afterAll(() => temp.cleanup());

describe('docs/pre-commit.md', () => {
  it('shows the files `mesh-inject init hooks` writes, with and without --check', () => {
    expect(snippet(docs, 'husky-pre-commit')).toBe(hookFiles(false)['.husky/pre-commit']);
    expect(snippet(docs, 'lint-staged-config')).toBe(hookFiles(false)['.lintstagedrc.json']);
    expect(snippet(docs, 'husky-pre-commit-check')).toBe(hookFiles(true)['.husky/pre-commit']);
    expect(snippet(docs, 'lint-staged-config-check')).toBe(hookFiles(true)['.lintstagedrc.json']);
  });

  it.skipIf(missingTool('git', 'npm', 'bash'))('husky setup: the commands as written, then a commit gets injected', (ctx) => {
    const repo = join(temp.dir, 'husky');
    gitInit(repo);
    writeFiles(repo, { '.gitignore': 'node_modules/\n' });
    run('npm', ['init', '-y'], { cwd: repo });
    const setup = snippet(docs, 'husky-setup');
    const install = /^npm install .* mesh-inject$/m;
    expect(setup).toMatch(install);
    // mesh-inject is installed from this checkout instead of the registry.
    const script = setup.replace(install, (line) => line.replace(/ mesh-inject$/, ` ${REPO}`));
    const result = run('bash', ['--norc', '-euo', 'pipefail', '-c', script], { cwd: repo });
    if (result.code !== 0 && registryUnreachable(result.stderr)) {
      console.log('skipped: husky not found (the npm registry cannot be reached)');
      return ctx.skip();
    }
    expect(result.stderr).not.toMatch(/npm error/);
    expect(result.code).toBe(0);
    for (const [file, content] of Object.entries(hookFiles(false))) expect(readFileSync(join(repo, file), 'utf8')).toBe(content);

    writeFiles(repo, { 'k8s/web.yaml': deployment('web', 'shop') });
    git(repo, 'add', '-A');
    expect(gitRun(repo, 'commit', '-m', 'setup').code).toBe(0);
    expect(git(repo, 'show', 'HEAD:k8s/web.yaml')).toContain('- name: istio-proxy');
  });

  it.skipIf(missingTool('git', 'npm', 'pre-commit') ?? (npmRegistryReachable() ? undefined : 'npm registry'))('.pre-commit-config.yaml: commits fail until the injected manifest is staged', () => {
    const hooks = hookRepoSnapshot(join(temp.dir, 'hooks'));
    const config = parse(snippet(docs, 'pre-commit-config')) as { repos: { repo: string; rev: string; hooks: { id: string }[] }[] };
    expect(config.repos[0]!.repo).toMatch(/^https:\/\/github\.com\/OWNER\/mesh-inject$/);
    // The documented config, pointed at this checkout.
    config.repos[0]!.repo = hooks.path;
    config.repos[0]!.rev = hooks.rev;
    const user = join(temp.dir, 'user');
    const env = cleanEnv({ PRE_COMMIT_HOME: join(temp.dir, 'pre-commit-home') });
    gitInit(user);
    writeFiles(user, {
      '.pre-commit-config.yaml': stringify(config),
      '.mesh-injectrc.yaml': 'istio:\n  tag: 1.32.0\n',
      'k8s/kustomization.yaml': 'resources:\n  - web.yaml\n',
      'k8s/web.yaml': deployment('web', 'shop'),
    });
    expect(run('pre-commit', ['install'], { cwd: user, env }).code).toBe(0);
    git(user, 'add', '-A');

    const first = run('git', ['commit', '-m', 'web'], { cwd: user, env, timeout: 180_000 });
    expect(first.code).not.toBe(0);
    expect(first.stdout + first.stderr).toContain('files were modified by this hook');
    expect(gitRun(user, 'rev-parse', '--verify', '-q', 'HEAD').code).not.toBe(0);
    expect(readFileSync(join(user, 'k8s/web.yaml'), 'utf8')).toContain('- name: istio-proxy');

    git(user, 'add', 'k8s/web.yaml');
    const second = run('git', ['commit', '-m', 'web'], { cwd: user, env });
    expect(second.code).toBe(0);
    expect(git(user, 'show', 'HEAD:k8s/web.yaml')).toContain('image: docker.io/istio/proxyv2:1.32.0');

    const others = run('pre-commit', ['run', 'mesh-inject', '--files', 'k8s/kustomization.yaml', '.pre-commit-config.yaml', '.mesh-injectrc.yaml'], { cwd: user, env });
    expect(others.stdout).toMatch(/\(no files to check\)Skipped/);
    expect(others.code).toBe(0);
  }, 180_000);
});
