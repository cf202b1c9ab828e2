/**
 * Config files are input like any other: before lilconfig reads one (it would block on a FIFO and
 * turn invalid UTF-8 into U+FFFD that could end up in a manifest), every candidate file on the
 * search path is checked to be a readable regular file of UTF-8 text. A fault is an error naming
 * the path, never an exception.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { decodeSource, isByteProblem } from '../transformer/pipeline/source-bytes.js';
import type { Result, ResultCode } from '../transformer/results.js';

function problem(code: ResultCode, file: string, message: string, at?: { line: number; column: number }): Result {
  return { severity: 'error', code, message, file: { path: file, ...(at ?? {}) } };
}

/** An error for `file` when it exists but cannot serve as a config file; undefined when it is fine or absent. */
export async function checkConfigFile(file: string): Promise<Result | undefined> {
  let info;
  try {
    info = await stat(file);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return undefined;
    return problem('io-error', file, `cannot read the config file ${file}: ${err.code ?? err.message}; fix its permissions or remove it`);
  }
  if (!info.isFile()) {
    if (info.isDirectory()) return undefined; // lilconfig skips directories named like a config file
    return problem('not-regular-file', file, `${file} is not a regular file (a FIFO, socket or device); a config file must be a regular file`);
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return problem('io-error', file, `cannot read the config file ${file}: ${err.code ?? err.message}; fix its permissions or remove it`);
  }
  const decoded = decodeSource(bytes);
  return isByteProblem(decoded) ? problem('invalid-encoding', file, decoded.message, { line: decoded.line, column: decoded.column }) : undefined;
}

/** The first problem among the config candidates lilconfig would look at from `dir` up to `stopDir`. */
export async function checkSearchPath(dir: string, stopDir: string, names: readonly string[]): Promise<Result | undefined> {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    for (const name of names) {
      const found = await checkConfigFile(path.join(current, name));
      if (found) return found;
    }
    if (current === stopDir || path.dirname(current) === current || !isWithin(current, stopDir)) return undefined;
  }
}

function isWithin(dir: string, root: string): boolean {
  const relative = path.relative(root, dir);
  return !relative.startsWith('..') && !path.isAbsolute(relative);
}
