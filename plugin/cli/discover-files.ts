/**
 * Which files a run touches: every YAML file git tracks (or would track) under the given
 * paths, or a walk that honours .gitignore outside a git work tree. Each comes with its root (the
 * git work tree, else the directory given), outside of which nothing is read through a symlink
 * or written (resolve-candidate.ts). Directories that cannot be read are results, not silence.
 */
import { execFile } from 'node:child_process';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Result } from '../../transformer/index.js';
import { UsageError } from './exit-codes.js';
import type { FileSystem, Host } from './host.js';
import { displayPath, ioError, machineResult } from './machine-results.js';
import { gitWorkTree } from './repo-root.js';
import { walkYamlFiles } from './walk-yaml.js';

const run = promisify(execFile);
const YAML_FILE = /\.ya?ml$/i;

export interface Candidate {
  /** Absolute path as found; it may run through symlinks. */
  path: string;
  /** Real path of the directory this file must lie in. */
  root: string;
  /** Named on the command line: a symlink given is followed to its target (inside the root). */
  explicit: boolean;
}

export interface Discovery {
  candidates: Candidate[];
  results: Result[];
}

interface Listed {
  files: string[];
  unreadable: Array<{ path: string; error: unknown }>;
}

/** git names the directories it could not open only in warnings (read with LC_ALL=C), relative to the work tree. */
export function unreadableFromGitWarnings(stderr: string, workTree: string): Listed['unreadable'] {
  return [...stderr.matchAll(/^warning: could not open directory '(.*)': (.*)$/gm)].map((m) => ({
    path: resolve(workTree, m[1]!),
    error: Object.assign(new Error(m[2]!.toLowerCase()), m[2] === 'Permission denied' ? { code: 'EACCES' } : {}),
  }));
}

async function gitYamlFiles(dir: string, host: Host): Promise<Listed | undefined> {
  try {
    const { stdout, stderr } = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', '*.yaml', '*.yml', '*.YAML', '*.YML'], {
      cwd: dir,
      maxBuffer: 256 * 1024 * 1024,
      env: { ...host.env, LC_ALL: 'C', LANGUAGE: '' },
    });
    // Paths under a directory named like a manifest match the pathspec too: keep only YAML names.
    const files = [...new Set(stdout.split('\0'))].filter((f) => YAML_FILE.test(f)).map((f) => join(dir, f));
    const workTree = gitWorkTree(await host.fs.realpath(dir)) ?? dir;
    return { files, unreadable: unreadableFromGitWarnings(stderr, workTree) };
  } catch {
    return undefined;
  }
}

async function listYamlFiles(dir: string, host: Host): Promise<Listed> {
  const listed = (await gitYamlFiles(dir, host)) ?? (await walkYamlFiles(dir, host.fs));
  return { files: listed.files.sort(), unreadable: listed.unreadable };
}

async function realRoot(dir: string, fs: FileSystem): Promise<string> {
  return fs.realpath(gitWorkTree(dir) ?? dir).catch(() => dir);
}

export function isInside(dir: string, path: string, orSame = false): boolean {
  const rel = relative(dir, path);
  if (rel === '') return orSame;
  return !rel.startsWith('..') && !isAbsolute(rel);
}

/** Candidates for the CLI's PATH arguments (none: the current directory). */
export async function discoverFiles(args: readonly string[], cwd: string, host: Host): Promise<Discovery> {
  const { fs } = host;
  const discovery: Discovery = { candidates: [], results: [] };
  const display = (path: string) => displayPath(cwd, path);
  const addDirectory = async (dir: string) => {
    const root = await realRoot(dir, fs);
    let real: string;
    try {
      real = await fs.realpath(dir);
    } catch (error) {
      discovery.results.push(ioError(display(dir), 'list this directory', error));
      return;
    }
    if (!isInside(root, real, true)) {
      discovery.results.push(machineResult('symlink-outside-root', display(dir), `leads to ${real}, outside ${root}; not followed`));
      return;
    }
    const listed = await listYamlFiles(dir, host);
    for (const path of listed.files) discovery.candidates.push({ path, root, explicit: false });
    for (const { path, error } of listed.unreadable) {
      discovery.results.push(ioError(display(path), 'list this directory', error, 'fix its permissions, or add it to .gitignore'));
    }
  };

  if (!args.length) {
    await addDirectory(cwd);
    return discovery;
  }
  for (const arg of args) {
    const path = resolve(cwd, arg);
    try {
      const info = await fs.lstat(path);
      const target = info.isSymbolicLink() ? await fs.realpath(path).then((real) => fs.lstat(real)).catch(() => info) : info;
      if (target.isDirectory()) await addDirectory(path);
      else discovery.candidates.push({ path, root: await realRoot(dirname(path), fs), explicit: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`${arg}: no such file or directory`);
      discovery.results.push(ioError(display(path), 'read it', error));
    }
  }
  return discovery;
}

export function isYamlFile(path: string): boolean {
  return YAML_FILE.test(path);
}
