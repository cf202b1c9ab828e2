/**
 * What `mesh-inject linkerd-inject|linkerd-uninject` read: the input (`-` for stdin, a file, or a
 * directory walked as Go's `filepath.Walk` walks it: every file, depth first, in lexical order) and
 * the values file. A file that cannot be read or is not UTF-8 is a fault naming it; the other files
 * still run.
 */
import { lstat, readFile, readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { decodeSource, isByteProblem } from '../../transformer/pipeline/source-bytes.js';
import { UsageError } from '../cli/exit-codes.js';
import type { Io } from '../cli/io.js';

export interface LinkerdInputs {
  texts: string[];
  /** One line per file that could not be read (`path: reason`). */
  faults: string[];
}

export async function readLinkerdInputs(io: Io, path: string | undefined): Promise<LinkerdInputs> {
  if (path === undefined || path === '') throw new UsageError('please specify a kubernetes resource file (a file, a directory, or - for stdin)');
  if (path === '-') return { texts: [await io.readStdin()], faults: [] };
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/]/i.test(path)) throw new UsageError(`${path}: mesh-inject works offline and does not download URLs; download the file and pass its path (or pipe it with -)`);
  const full = resolve(io.cwd, path);
  const info = await stat(full).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`stat ${path}: ${reason(error)}`);
  });
  const files = info.isDirectory() ? await walk(full, path) : [{ full, shown: path }];
  const texts: string[] = [];
  const faults: string[] = [];
  for (const file of files) {
    if ('fault' in file) {
      faults.push(file.fault);
      continue;
    }
    const read = await readText(file.full, file.shown);
    if (typeof read === 'string') texts.push(read);
    else faults.push(read.fault);
  }
  return { texts, faults };
}

type WalkEntry = { full: string; shown: string } | { fault: string };

async function walk(full: string, shown: string): Promise<WalkEntry[]> {
  let names: string[];
  try {
    names = (await readdir(full)).sort();
  } catch (error) {
    return [{ fault: `${shown}: ${reason(error as NodeJS.ErrnoException)}` }];
  }
  const out: WalkEntry[] = [];
  for (const name of names) {
    const childFull = join(full, name);
    const childShown = join(shown, name);
    // lstat, as Go's filepath.Walk: a symlink is read as a file (one to a directory is a fault), never walked into.
    const info = await lstat(childFull).catch(() => undefined);
    if (info?.isDirectory()) out.push(...(await walk(childFull, childShown)));
    else out.push({ full: childFull, shown: childShown });
  }
  return out;
}

/** A file's text, or the fault naming it (unreadable, or not UTF-8: path:line:col). */
export async function readText(full: string, shown: string): Promise<string | { fault: string }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(full);
  } catch (error) {
    return { fault: `${shown}: ${reason(error as NodeJS.ErrnoException)}` };
  }
  const decoded = decodeSource(bytes);
  if (isByteProblem(decoded)) return { fault: `${shown}:${decoded.line}:${decoded.column}: ${decoded.message}` };
  return decoded.text;
}

function reason(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    default:
      return error.message;
  }
}
