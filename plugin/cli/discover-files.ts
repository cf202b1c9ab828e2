/**
 * Which files a run touches: every YAML file git tracks (or would track) under the given
 * paths, or a glob that honours .gitignore outside a git work tree.
 */
import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { UsageError } from './exit-codes.js';

const run = promisify(execFile);
const YAML_FILE = /\.ya?ml$/i;

async function gitYamlFiles(dir: string): Promise<string[] | undefined> {
  try {
    const { stdout } = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', '*.yaml', '*.yml', '*.YAML', '*.YML'], { cwd: dir, maxBuffer: 256 * 1024 * 1024 });
    const files = [...new Set(stdout.split('\0').filter(Boolean))].map((f) => join(dir, f));
    const present = await Promise.all(files.map((f) => stat(f).then((s) => s.isFile(), () => false)));
    return files.filter((_, i) => present[i]);
  } catch {
    return undefined;
  }
}

/** Outside a git work tree only; loaded on demand to keep start-up fast. */
async function globYamlFiles(dir: string): Promise<string[]> {
  const [{ glob }, { default: ignore }] = await Promise.all([import('tinyglobby'), import('ignore')]);
  const found = await glob(['**/*.{yaml,yml,YAML,YML}'], { cwd: dir, dot: true, ignore: ['**/node_modules/**', '**/.git/**'] });
  const rules = ignore();
  const gitignore = await readFile(join(dir, '.gitignore'), 'utf8').catch(() => '');
  rules.add(gitignore);
  return found.filter((f) => !rules.ignores(f)).map((f) => join(dir, f));
}

export async function listYamlFiles(dir: string): Promise<string[]> {
  return ((await gitYamlFiles(dir)) ?? (await globYamlFiles(dir))).sort();
}

/** Absolute paths for the CLI's PATH arguments (none: the current directory). */
export async function discoverFiles(args: readonly string[], cwd: string): Promise<string[]> {
  if (!args.length) return listYamlFiles(cwd);
  const out = new Set<string>();
  for (const arg of args) {
    const path = resolve(cwd, arg);
    const info = await stat(path).catch(() => undefined);
    if (!info) throw new UsageError(`${arg}: no such file or directory`);
    if (info.isDirectory()) for (const file of await listYamlFiles(path)) out.add(file);
    else out.add(path);
  }
  return [...out];
}

export function isYamlFile(path: string): boolean {
  return YAML_FILE.test(path);
}
