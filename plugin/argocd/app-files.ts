/**
 * The manifest files of a directory app (one without a kustomization), read as Argo CD's directory
 * apps read them (repo server `findManifests`, not recursive): `*.yaml`, `*.yml` and `*.json` in
 * the app directory, subdirectories skipped, a symlink followed when its target lies inside the
 * sources Argo CD sent and refused when it points outside them (Argo CD: "illegal filepath in
 * symlink"). Unlike Argo CD, a symlink to a missing file is an error, not a warning: in a plugin
 * the target may only be missing because Argo CD sent part of the repository, and leaving the
 * file out would make Argo CD prune its objects. Only regular files are opened (a FIFO would
 * block), and their bytes must be UTF-8.
 */
import * as fsp from 'node:fs/promises';
import { lstat, readdir, readlink, realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';
import type { Result } from '../../transformer/index.js';
import { ioError, notRegularFile } from '../cli/machine-results.js';
import { isSourceFile, readSourceFile } from '../cli/read-source.js';

const MANIFEST = /\.(ya?ml|json)$/i;
const NOT_MANIFESTS = new Set(['package.json', 'package-lock.json']);

interface ManifestFile {
  /** The path in the app directory as given (a symlink's own path). */
  file: string;
  /** Relative to the sources root, for messages. */
  display: string;
  text: string;
}

/** Entries of the directory named like manifests, other than directories, sorted by name. */
export async function manifestFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => !e.isDirectory() && MANIFEST.test(e.name) && !e.name.startsWith('.') && !NOT_MANIFESTS.has(e.name))
    .map((e) => e.name)
    .sort();
}

/** `root` is the real path of the sources Argo CD sent (source-root.ts). */
export async function readManifestFiles(appDir: string, root: string): Promise<{ files: ManifestFile[]; errors: Result[] }> {
  const dir = await realpath(appDir).catch(() => appDir);
  let names: string[];
  try {
    names = await manifestFiles(dir);
  } catch (error) {
    return { files: [], errors: [ioError(path.relative(root, dir) || '.', 'list it', error)] };
  }
  const files: ManifestFile[] = [];
  const errors: Result[] = [];
  for (const name of names) {
    const display = path.relative(root, path.join(dir, name));
    const outcome = await readManifest(path.join(dir, name), display, root);
    if (outcome === undefined) continue;
    if ('code' in outcome) errors.push(outcome);
    else files.push({ file: path.join(appDir, name), display, text: outcome.text });
  }
  return { files, errors };
}

/** The file's text, an error, or undefined for what is left out (a symlink to a directory). */
async function readManifest(file: string, display: string, root: string): Promise<{ text: string } | Result | undefined> {
  let target = file;
  let info: Stats;
  try {
    info = await lstat(file);
    if (info.isSymbolicLink()) {
      const followed = await followLink(file, display, root);
      if ('code' in followed) return followed;
      target = followed.target;
      info = await stat(target);
    }
  } catch (error) {
    return ioError(display, 'read it', error);
  }
  if (info.isDirectory()) return undefined;
  if (!info.isFile()) return notRegularFile(display, info);
  return readRegularFile(target, display);
}

async function followLink(file: string, display: string, root: string): Promise<{ target: string } | Result> {
  let target: string;
  try {
    target = await realpath(file);
  } catch (error) {
    const written = path.resolve(path.dirname(file), await readlink(file));
    if (!inside(written, root)) return outsideRoot(display, written, root);
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return {
      severity: 'error',
      code: 'io-error',
      message: `a symlink to ${path.relative(root, written)}, which is not in the sources Argo CD sent (ENOENT); fix or remove the link (with manifest-generate-paths or reposerver.plugin.tar.exclusions Argo CD may send only part of the repository)`,
      file: { path: display },
    };
  }
  return inside(target, root) ? { target } : outsideRoot(display, target, root);
}

/** The file's strict UTF-8 text, read as the CLI reads sources (regular files only, bounded size). */
async function readRegularFile(target: string, display: string): Promise<{ text: string } | Result> {
  const read = await readSourceFile(target, display, fsp);
  return isSourceFile(read) ? { text: read.text } : read;
}

function inside(file: string, root: string): boolean {
  const relative = path.relative(root, file);
  return relative === '' || (!path.isAbsolute(relative) && relative !== '..' && !relative.startsWith(`..${path.sep}`));
}

function outsideRoot(display: string, target: string, root: string): Result {
  return {
    severity: 'error',
    code: 'symlink-outside-root',
    message: `a symlink to ${target}, outside the sources Argo CD sent (${root}); not followed (Argo CD refuses such links too). Copy the file into the repository, or point the link at a file inside it`,
    file: { path: display },
  };
}


