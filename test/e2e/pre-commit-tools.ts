/** Shared by the hook end-to-end tests (husky + lint-staged, pre-commit.com): processes, git repos, npm. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { REPO } from './tools.js';

export { REPO, onPath, missingTool } from './tools.js';

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}



/** The environment of a developer's shell, minus what would leak the outer repository or disable hooks. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || key.startsWith('GIT_') || key.startsWith('npm_') || key === 'HUSKY' || key === 'PRE_COMMIT') continue;
    env[key] = value;
  }
  return { ...env, NO_COLOR: '1', ...extra };
}

export function run(command: string, args: string[], options: { cwd: string; env?: Record<string, string>; input?: string; timeout?: number }): Run {
  const result = spawnSync(command, args, { cwd: options.cwd, env: options.env ?? cleanEnv(), input: options.input ?? '', encoding: 'utf8', maxBuffer: 64 << 20, timeout: options.timeout ?? 120_000 });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `mesh-inject-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

export function gitInit(dir: string): void {
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.email', 'dev@example.com');
  git(dir, 'config', 'user.name', 'Dev');
  git(dir, 'config', 'commit.gpgsign', 'false');
}

/** Runs git in `dir`; throws on failure unless the caller looks at the result (`gitRun`). */
export function git(dir: string, ...args: string[]): string {
  const result = gitRun(dir, ...args);
  if (result.code !== 0) throw new Error(`git ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
  return result.stdout;
}

export function gitRun(dir: string, ...args: string[]): Run {
  return run('git', args, { cwd: dir });
}

/** npm errors that mean "the registry cannot be reached", as opposed to a broken install. */
export function registryUnreachable(output: string): boolean {
  return /E(NOTFOUND|AI_AGAIN|CONNREFUSED|CONNRESET|TIMEDOUT|NETUNREACH)|network request|socket hang up|ETIMEDOUT/i.test(output);
}

export function deployment(name: string, namespace: string, image = 'nginx:1.27'): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${namespace}`,
    'spec:',
    '  selector:',
    '    matchLabels:',
    `      app: ${name}`,
    '  template:',
    '    metadata:',
    '      labels:',
    `        app: ${name}`,
    '    spec:',
    '      containers:',
    `        - name: ${name}`,
    `          image: ${image}`,
    '',
  ].join('\n');
}

/**
 * This checkout as a hook repository, the way a commit of the working tree would hold it: every
 * file git tracks or would track (so the committed CLI bundle, dist/bundle/, but no source maps),
 * committed into a fresh repository. pre-commit installs hooks from a git revision.
 */
export function hookRepoSnapshot(dir: string): { path: string; rev: string } {
  const files = git(REPO, 'ls-files', '-z', '--cached', '--others', '--exclude-standard').split('\0').filter((f) => f && existsSync(join(REPO, f)));
  if (!files.includes('dist/bundle/mesh-inject.js')) throw new Error('dist/bundle/mesh-inject.js is missing or ignored: run `npm run build` (and keep dist/bundle/ out of .gitignore)');
  gitInit(dir);
  for (const file of files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(join(REPO, file), join(dir, file));
  }
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'snapshot of the mesh-inject working tree');
  return { path: dir, rev: git(dir, 'rev-parse', 'HEAD').trim() };
}

/** pre-commit installs `language: node` hooks with npm, which needs the registry (or a mirror). */
export function npmRegistryReachable(): boolean {
  const reachable = run('npm', ['ping'], { cwd: REPO, timeout: 30_000 }).code === 0;
  if (!reachable) console.log('skipped: npm registry not found (pre-commit installs language: node hooks with npm)');
  return reachable;
}
