/**
 * `mesh-inject hook pre-commit`: the guard `.husky/pre-commit` runs before lint-staged (init-hooks.ts).
 *
 * For a partly staged file lint-staged hides the unstaged hunks, runs the task on the staged
 * version, re-stages it and then re-applies the hunks by line number. When the task inserted
 * lines (an injected sidecar) the hunks land in the wrong place (lint-staged#1283). So this
 * refuses, before anything is touched, when a staged manifest also has unstaged changes and
 * injecting its staged version would change it, and says how to stage or stash. A partly staged
 * file that injection leaves alone (other YAML, a manifest already up to date) is fine: lint-staged
 * restores it exactly.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { createConfigResolver } from '../../config/load.js';
import { clusterContextFromText, emptyClusterContext, presetFor, transformText } from '../../transformer/index.js';
import { isYamlFile } from './discover-files.js';
import { decodeSource, isByteProblem } from '../../transformer/pipeline/source-bytes.js';
import { EXIT_FINDINGS, EXIT_INPUT, EXIT_OK } from './exit-codes.js';
import { isSelectedFile } from './file-filter.js';
import type { Io } from './io.js';
import { allowJsConfig } from './run-files.js';

const run = promisify(execFile);

async function git(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return stdout;
}

/** Text that is not strict UTF-8 is left to the inject task, which reports it (`invalid-encoding`). */
function strictText(bytes: Uint8Array): string | undefined {
  const decoded = decodeSource(bytes);
  return isByteProblem(decoded) ? undefined : decoded.text;
}

const nul = (text: string) => text.split('\0').filter(Boolean);

export async function runPreCommitGuard(io: Io): Promise<number> {
  const top = (await git(io.cwd, ['rev-parse', '--show-toplevel']).catch(() => '')).trim();
  if (!top) {
    io.stderr('mesh-inject: `hook pre-commit` runs in a git work tree (from .husky/pre-commit)\n');
    return EXIT_INPUT;
  }
  const staged = nul(await git(top, ['diff', '--cached', '--name-only', '-z', '--diff-filter=ACMR'])).filter(isYamlFile);
  const unstaged = new Set(nul(await git(top, ['diff', '--name-only', '-z'])));
  const partial = staged.filter((f) => unstaged.has(f));
  if (!partial.length) return EXIT_OK;

  // What will be committed: the index for partly staged files, the work tree (the same) for the rest.
  const texts = new Map<string, string>();
  for (const file of staged) {
    const text = partial.includes(file) ? await stagedText(top, file) : strictText(await readFile(path.join(top, file)).catch(() => new Uint8Array()));
    if (text !== undefined) texts.set(file, text);
  }
  const cluster = emptyClusterContext();
  for (const [file, text] of texts) clusterContextFromText(text, cluster, file);

  const resolver = createConfigResolver({ allowJs: allowJsConfig(io), stopDir: top });
  const offenders: string[] = [];
  for (const file of partial) {
    if (!texts.has(file)) continue;
    const absolute = path.join(top, file);
    const { config, filepath } = await resolver.resolveFor(absolute);
    // A broken config is reported by the inject task itself.
    if (!config || !(await isSelectedFile(absolute, config, filepath, top))) continue;
    const outcome = transformText(texts.get(file)!, { mode: 'inject', config, preset: presetFor(config), cluster, path: file, digest: true });
    if (outcome.changed) offenders.push(file);
  }
  if (!offenders.length) return EXIT_OK;

  const list = offenders.map((f) => `  ${f}\n`).join('');
  const files = offenders.map(quote).join(' ');
  io.stderr(
    `mesh-inject: these manifests are partly staged, and the pre-commit hook would inject sidecars into their staged version:\n${list}` +
      'lint-staged would then re-apply your unstaged changes by line number, which puts them in the wrong place once lines are inserted.\n' +
      'Nothing was changed. Either\n' +
      `  stage the whole file:                     git add ${files}\n` +
      `  or inject first and stage what you want:  npx mesh-inject inject ${files} && git add -p ${files}\n` +
      `  or set the unstaged changes aside:        git stash push --keep-index -- ${files}\n` +
      '                                            then commit and git stash pop (git merges them back, or shows a conflict)\n',
  );
  return EXIT_FINDINGS;
}

async function stagedText(top: string, file: string): Promise<string | undefined> {
  const [entry] = nul(await git(top, ['--literal-pathspecs', 'ls-files', '--stage', '-z', '--', file]));
  const blob = entry?.split(/\s+/)[1];
  if (!blob) return '';
  const { stdout } = await run('git', ['cat-file', 'blob', blob], { cwd: top, encoding: 'buffer', maxBuffer: 256 * 1024 * 1024 });
  return strictText(stdout);
}

function quote(file: string): string {
  return /^[\w./@-]+$/.test(file) ? file : `'${file.replace(/'/g, `'\\''`)}'`;
}
