/**
 * `mesh-inject init hooks [--check] [--force]`: writes the husky 9 + lint-staged 16 setup into the
 * repository in the current directory (docs/pre-commit.md):
 *
 * | file                 | inject mode (default)                                  | --check                         |
 * |----------------------|--------------------------------------------------------|---------------------------------|
 * | `.husky/pre-commit`  | `mesh-inject hook pre-commit` (partial-staging guard), then `lint-staged` | `lint-staged` |
 * | `.lintstagedrc.json` | `*.{yaml,yml}` → `mesh-inject inject` (re-staged by lint-staged) | → `mesh-inject inject --check` |
 *
 * Existing files are kept unless `--force`. With another lint-staged config (package.json
 * `lint-staged`, `.lintstagedrc.*`, `lint-staged.config.*`) nothing is written, even with
 * `--force`: lint-staged reads only one config, so the command prints the lines to add by hand.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EXIT_INPUT, EXIT_OK } from './exit-codes.js';
import type { Io } from './io.js';

interface InitHooksOptions {
  check: boolean;
  force: boolean;
}

const LINT_STAGED_GLOB = '*.{yaml,yml}';
const OUR_LINT_STAGED_CONFIG = '.lintstagedrc.json';
const OTHER_LINT_STAGED_CONFIGS = [
  '.lintstagedrc',
  '.lintstagedrc.yaml',
  '.lintstagedrc.yml',
  '.lintstagedrc.mjs',
  '.lintstagedrc.js',
  '.lintstagedrc.cjs',
  '.lintstagedrc.mts',
  '.lintstagedrc.cts',
  '.lintstagedrc.ts',
  'lint-staged.config.mjs',
  'lint-staged.config.js',
  'lint-staged.config.cjs',
  'lint-staged.config.mts',
  'lint-staged.config.cts',
  'lint-staged.config.ts',
];

function lintStagedTask(check: boolean): string {
  return check ? 'mesh-inject inject --check' : 'mesh-inject inject';
}

export function hookFiles(check: boolean): Record<string, string> {
  const task = lintStagedTask(check);
  const preCommit = check
    ? '# mesh-inject: fail the commit when a staged Kubernetes manifest is not injected (docs/pre-commit.md).\nlint-staged\n'
    : '# mesh-inject: inject the staged Kubernetes manifests; lint-staged stages the result (docs/pre-commit.md).\n' +
      '# The guard first refuses partly staged manifests the injection would change.\n' +
      'mesh-inject hook pre-commit\nlint-staged\n';
  return {
    '.husky/pre-commit': preCommit,
    [OUR_LINT_STAGED_CONFIG]: JSON.stringify({ [LINT_STAGED_GLOB]: task }, null, 2) + '\n',
  };
}

export async function runInitHooks(io: Io, options: InitHooksOptions): Promise<number> {
  const root = io.cwd;
  if (!existsSync(path.join(root, '.git'))) return refuse(io, 'run `mesh-inject init hooks` at the root of the git repository (husky installs its hooks from there)');
  if (!existsSync(path.join(root, 'package.json'))) return refuse(io, 'no package.json here; husky and lint-staged are npm packages: run `npm init -y` first');
  const files = hookFiles(options.check);
  const task = lintStagedTask(options.check);

  const other = await otherLintStagedConfig(root);
  if (other) {
    const hook = files['.husky/pre-commit']!.split('\n').filter((l) => l && !l.startsWith('#')).join('; ');
    return refuse(io, `lint-staged is already configured in ${other} and reads only one config; add the task "${LINT_STAGED_GLOB}": "${task}" there and the lines \`${hook}\` to .husky/pre-commit`);
  }
  const existing = Object.keys(files).filter((f) => existsSync(path.join(root, f)));
  if (existing.length && !options.force) {
    return refuse(io, `${existing.join(' and ')} already exist${existing.length === 1 ? 's' : ''}; keep them and add what mesh-inject needs by hand (docs/pre-commit.md), or overwrite with --force`);
  }
  for (const [file, content] of Object.entries(files)) await writeHookFile(root, file, content);
  io.stdout(`wrote ${Object.keys(files).join(', ')}\n`);
  io.stderr(nextSteps(await readJson(path.join(root, 'package.json')), hooksInstalled(root)));
  return EXIT_OK;
}

async function otherLintStagedConfig(root: string): Promise<string | undefined> {
  const pkg = await readJson(path.join(root, 'package.json'));
  if (pkg['lint-staged'] !== undefined) return 'package.json ("lint-staged")';
  return OTHER_LINT_STAGED_CONFIGS.find((f) => existsSync(path.join(root, f)));
}

function refuse(io: Io, message: string): number {
  io.stderr(`mesh-inject: ${message}\n`);
  return EXIT_INPUT;
}

async function writeHookFile(root: string, file: string, content: string): Promise<void> {
  await mkdir(path.dirname(path.join(root, file)), { recursive: true });
  await writeFile(path.join(root, file), content);
}

async function readJson(file: string): Promise<Record<string, any>> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Record<string, any>;
  } catch {
    return {};
  }
}

function hooksInstalled(root: string): boolean {
  const result = spawnSync('git', ['config', 'core.hooksPath'], { cwd: root, encoding: 'utf8' });
  return result.status === 0 && result.stdout.trim() !== '';
}

/** The packages the hook runs, as `npm install` should name them. */
const HOOK_PACKAGES: Record<string, string> = { husky: 'husky@9', 'lint-staged': 'lint-staged@16', 'mesh-inject': 'mesh-inject' };

function nextSteps(pkg: Record<string, any>, installed: boolean): string {
  const deps = { ...pkg.dependencies, ...pkg.devDependencies };
  const missing = Object.keys(HOOK_PACKAGES).filter((name) => deps[name] === undefined);
  const steps = [
    ...(missing.length ? [`npm install --save-dev ${missing.map((m) => HOOK_PACKAGES[m]).join(' ')}`] : []),
    ...(pkg.scripts?.prepare === undefined ? ['npm pkg set scripts.prepare=husky'] : []),
    ...(installed ? [] : ['npx husky   # points git at .husky/_ (the prepare script does it on every npm install)']),
  ];
  return steps.length ? `next:\n${steps.map((s) => `  ${s}\n`).join('')}` : '';
}
