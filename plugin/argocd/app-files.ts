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
import { constants } from 'node:fs';
import { lstat, open, readdir, readlink, realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';
import type { Result } from '../../transformer/index.js';
import { decodeSource, isByteProblem } from '../../transformer/source-bytes.js';

const MANIFEST = /\.(ya?ml|json)$/i;
const NOT_MANIFESTS = new Set(['package.json', 'package-lock.json']);
/** Never block on a FIFO swapped in after the type check, never follow a symlink swapped in. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

export interface ManifestFile {
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
    return { files: [], errors: [ioError(path.relative(root, dir) || '.', error)] };
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
    return ioError(display, error);
  }
  if (info.isDirectory()) return undefined;
  if (!info.isFile()) return notRegular(display, info);
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

async function readRegularFile(target: string, display: string): Promise<{ text: string } | Result> {
  let bytes: Buffer;
  try {
    const handle = await open(target, OPEN_FLAGS);
    try {
      const info = await handle.stat();
      if (!info.isFile()) return notRegular(display, info);
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    return ioError(display, error);
  }
  const decoded = decodeSource(bytes);
  if (!isByteProblem(decoded)) return decoded;
  return { severity: 'error', code: 'invalid-encoding', message: decoded.message, file: { path: display, line: decoded.line, column: decoded.column } };
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

function notRegular(display: string, info: Stats): Result {
  const type = info.isFIFO() ? 'a FIFO' : info.isSocket() ? 'a socket' : info.isCharacterDevice() || info.isBlockDevice() ? 'a device' : 'not a regular file';
  return {
    severity: 'error',
    code: 'not-regular-file',
    message: `${type}; only regular files are read as manifests: remove it or rename it so it does not end in .yaml, .yml or .json`,
    file: { path: display },
  };
}

function ioError(display: string, error: unknown): Result {
  const e = error as NodeJS.ErrnoException;
  return { severity: 'error', code: 'io-error', message: `cannot read it: ${e.message}`, file: { path: display } };
}
