/**
 * husky 9 + lint-staged 16 end to end: a temp git repository with the real packages from the npm
 * registry and this checkout installed as a `file:` dependency, set up by `mesh-inject init hooks`,
 * committed to with `git commit`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hookFiles } from '../../plugin/cli/init-hooks.js';
import { REPO, cleanEnv, deployment, git, gitInit, gitRun, missingTool, registryUnreachable, run, tempDir, writeFiles } from './pre-commit-tools.js';

const HUSKY = 'husky@9.1.7';
const LINT_STAGED = 'lint-staged@16.4.0';
const missing = missingTool('git', 'npm');

describe.skipIf(missing)('husky + lint-staged with `mesh-inject init hooks`', () => {
  const temp = tempDir('husky');
  const repo = join(temp.dir, 'repo');
  let unavailable: string | undefined;
  const cli = (...args: string[]) => run('npx', ['--no', '--', 'mesh-inject', ...args], { cwd: repo });
  const commit = (message: string) => gitRun(repo, 'commit', '-m', message);
  const head = () => git(repo, 'rev-parse', 'HEAD').trim();

  beforeAll(() => {
    gitInit(repo);
    writeFiles(repo, { '.gitignore': 'node_modules/\n' });
    run('npm', ['init', '-y'], { cwd: repo });
    const install = run('npm', ['install', '--save-dev', '--no-audit', '--no-fund', HUSKY, LINT_STAGED, REPO], { cwd: repo });
    if (install.code !== 0) {
      if (!registryUnreachable(install.stderr)) throw new Error(`npm install failed: ${install.stderr}`);
      unavailable = 'husky';
      console.log('skipped: husky not found (the npm registry cannot be reached)');
      return;
    }
    run('npm', ['pkg', 'set', 'scripts.prepare=husky'], { cwd: repo });
    const husky = run('npx', ['--no', '--', 'husky'], { cwd: repo });
    expect(husky.code).toBe(0);
    expect(git(repo, 'config', 'core.hooksPath').trim()).toBe('.husky/_');
  });
  afterAll(() => temp.cleanup());

  it('init hooks writes the hook and the lint-staged config, and keeps existing ones without --force', (ctx) => {
    if (unavailable) return ctx.skip();
    const first = cli('init', 'hooks');
    expect(first.code).toBe(0);
    for (const [file, content] of Object.entries(hookFiles(false))) expect(readFileSync(join(repo, file), 'utf8')).toBe(content);

    writeFileSync(join(repo, '.husky/pre-commit'), 'npm test\n');
    const again = cli('init', 'hooks');
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/\.husky\/pre-commit and \.lintstagedrc\.json already exist.*--force/);
    expect(readFileSync(join(repo, '.husky/pre-commit'), 'utf8')).toBe('npm test\n');

    expect(cli('init', 'hooks', '--force').code).toBe(0);
    expect(readFileSync(join(repo, '.husky/pre-commit'), 'utf8')).toBe(hookFiles(false)['.husky/pre-commit']);
    git(repo, 'add', '-A');
    expect(commit('hooks').code).toBe(0);
  });

  it('commits a manifest with the sidecar injected by the hook', (ctx) => {
    if (unavailable) return ctx.skip();
    writeFiles(repo, { 'k8s/web.yaml': deployment('web', 'shop') });
    git(repo, 'add', 'k8s/web.yaml');
    const result = commit('web');
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    const committed = git(repo, 'show', 'HEAD:k8s/web.yaml');
    expect(committed).toContain('- name: istio-proxy');
    expect(committed).toContain('mesh-inject.dev/injected');
    expect(readFileSync(join(repo, 'k8s/web.yaml'), 'utf8')).toBe(committed);
    expect(git(repo, 'status', '--porcelain')).toBe('');
  });

  it('refuses a partly staged manifest it would inject, changing nothing, and says how to go on', (ctx) => {
    if (unavailable) return ctx.skip();
    const staged = deployment('api', 'shop');
    const worktree = `${staged}# unstaged trailing comment\n`;
    writeFiles(repo, { 'k8s/api.yaml': staged });
    git(repo, 'add', 'k8s/api.yaml');
    writeFiles(repo, { 'k8s/api.yaml': worktree });
    const before = head();

    const refused = commit('api');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('partly staged');
    expect(refused.stderr).toContain('  k8s/api.yaml\n');
    expect(refused.stderr).toContain('git add k8s/api.yaml');
    expect(refused.stderr).toContain('git stash push --keep-index -- k8s/api.yaml');
    expect(head()).toBe(before);
    expect(git(repo, 'show', ':k8s/api.yaml')).toBe(staged);
    expect(readFileSync(join(repo, 'k8s/api.yaml'), 'utf8')).toBe(worktree);

    // The first way out: stage the whole file.
    git(repo, 'add', 'k8s/api.yaml');
    expect(commit('api').code).toBe(0);
    const committed = git(repo, 'show', 'HEAD:k8s/api.yaml');
    expect(committed).toContain('- name: istio-proxy');
    expect(committed).toBe(run('npx', ['--no', '--', 'mesh-inject', 'inject', '-'], { cwd: repo, input: worktree }).stdout);
    expect(committed).toContain('# unstaged trailing comment\n');
    expect(git(repo, 'status', '--porcelain')).toBe('');
  });

  it('lets a partly staged manifest through when injection leaves it alone, keeping the unstaged part in place', (ctx) => {
    if (unavailable) return ctx.skip();
    const injected = readFileSync(join(repo, 'k8s/web.yaml'), 'utf8');
    const staged = injected.replace('image: nginx:1.27', 'image: nginx:1.28');
    writeFiles(repo, { 'k8s/web.yaml': staged });
    git(repo, 'add', 'k8s/web.yaml');
    writeFiles(repo, { 'k8s/web.yaml': `${staged}# still unstaged\n` });

    expect(commit('nginx 1.28').code).toBe(0);
    expect(git(repo, 'show', 'HEAD:k8s/web.yaml')).toBe(staged);
    expect(readFileSync(join(repo, 'k8s/web.yaml'), 'utf8')).toBe(`${staged}# still unstaged\n`);
    git(repo, 'checkout', '--', 'k8s/web.yaml');
  });

  it('in --check mode fails the commit on a manifest that is not injected', (ctx) => {
    if (unavailable) return ctx.skip();
    expect(cli('init', 'hooks', '--check', '--force').code).toBe(0);
    expect(readFileSync(join(repo, '.lintstagedrc.json'), 'utf8')).toBe(hookFiles(true)['.lintstagedrc.json']);
    git(repo, 'add', '-A');
    expect(commit('check mode').code).toBe(0);

    writeFiles(repo, { 'k8s/batch.yaml': deployment('batch', 'jobs') });
    git(repo, 'add', 'k8s/batch.yaml');
    const before = head();
    const refused = commit('batch');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('k8s/batch.yaml: needs injection');
    expect(head()).toBe(before);
    expect(readFileSync(join(repo, 'k8s/batch.yaml'), 'utf8')).toBe(deployment('batch', 'jobs'));

    expect(cli('inject', 'k8s/batch.yaml').code).toBe(0);
    git(repo, 'add', 'k8s/batch.yaml');
    expect(commit('batch').code).toBe(0);
    expect(git(repo, 'show', 'HEAD:k8s/batch.yaml')).toContain('- name: istio-proxy');
  });
});

describe.skipIf(missingTool('git'))('`mesh-inject init hooks` next to another lint-staged config', () => {
  it('writes nothing, even with --force, and prints the lines to add', () => {
    const temp = tempDir('init-hooks');
    try {
      gitInit(temp.dir);
      const pkg = JSON.stringify({ name: 'app', version: '1.0.0', 'lint-staged': { '*.js': 'eslint --fix' } }, null, 2) + '\n';
      writeFiles(temp.dir, { 'package.json': pkg });
      const result = run(process.execPath, [join(REPO, 'bin/mesh-inject.js'), 'init', 'hooks', '--force'], { cwd: temp.dir, env: cleanEnv() });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('package.json ("lint-staged")');
      expect(result.stderr).toContain('"*.{yaml,yml}": "mesh-inject inject"');
      expect(result.stderr).toContain('mesh-inject hook pre-commit; lint-staged');
      expect(gitRun(temp.dir, 'status', '--porcelain', '--untracked-files=all').stdout).toBe('?? package.json\n');
    } finally {
      temp.cleanup();
    }
  });
});
