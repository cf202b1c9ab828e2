/** Results for faults of the machine (docs/result-codes.md, "The machine"): always a path, never a stack trace. */
import type { Stats } from 'node:fs';
import { relative } from 'node:path';
import type { Result, ResultCode } from '../../transformer/index.js';
import type { ByteProblem } from '../../transformer/pipeline/source-bytes.js';

const HINTS: Record<string, string> = {
  EACCES: 'check its permissions (and those of the directories above it)',
  EPERM: 'check its permissions and attributes',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exhausted',
  ENOTDIR: 'a component of the path is not a directory',
  ELOOP: 'too many symbolic links (a loop?)',
  EISDIR: 'it is a directory',
  EMFILE: 'too many open files; raise `ulimit -n`',
  ENAMETOOLONG: 'the path is too long',
  EIO: 'the disk reported an I/O error',
};

/** A path as results show it: relative to the working directory, unless that only climbs out of it. */
export function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  if (rel === '') return path;
  return rel.startsWith('..') && path.length < rel.length ? path : rel;
}

export function machineResult(code: ResultCode, path: string, message: string, severity: Result['severity'] = 'error'): Result {
  return { severity, code, message, file: { path } };
}

/** "permission denied (EACCES); check its permissions" from a Node system error (`hint` replaces the usual advice). */
function systemError(error: unknown, hint?: string): string {
  const err = error as NodeJS.ErrnoException;
  if (typeof err?.code !== 'string') return `${String((error as Error)?.message ?? error)}${hint ? `; ${hint}` : ''}`;
  const description = err.message.replace(/^[A-Z]+: /, '').replace(/, \w+ .*$/s, '');
  const advice = hint ?? HINTS[err.code];
  return `${description} (${err.code})${advice ? `; ${advice}` : ''}`;
}

export function ioError(path: string, action: string, error: unknown, hint?: string): Result {
  return machineResult('io-error', path, `cannot ${action}: ${systemError(error, hint)}`);
}

export function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return typeof (error as NodeJS.ErrnoException | undefined)?.code === 'string';
}

function fileKind(info: Stats): string {
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSocket()) return 'a socket';
  if (info.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

export function notRegularFile(path: string, info: Stats): Result {
  return machineResult('not-regular-file', path, `${fileKind(info)}, not a regular file; mesh-inject only reads regular files (name it differently or leave it out)`);
}

export function invalidEncoding(path: string, problem: ByteProblem): Result {
  return { severity: 'error', code: 'invalid-encoding', message: problem.message, file: { path, line: problem.line, column: problem.column } };
}

/** An exception while handling one file: a result for that file (with the stack to report), never a crash. */
export function internalError(path: string, error: unknown, consequence: string): Result {
  const detail = (error as Error)?.stack ?? String(error);
  return machineResult('internal-error', path, `internal error while processing this file; ${consequence}. Please report this with the file: ${detail}`);
}

/** The same result reached through several files (a shared config's problem) is shown once. */
export function uniqueResults(results: readonly Result[]): Result[] {
  const seen = new Set<string>();
  return results.filter((r) => {
    const key = JSON.stringify(r);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
