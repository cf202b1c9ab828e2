/**
 * Results about the cluster's injection inputs. They carry the input file and position; the
 * engine reports them on each workload (with the manifest's own position), so the message names
 * the input's `path:line:column` too.
 */
import type { Result, ResultCode } from '../../results.js';
import type { FilePosition } from './source-position.js';

function located(code: ResultCode, path: string, at: FilePosition, message: string): Result {
  return { severity: 'error', code, message: `${path}:${at.line}:${at.column}: ${message}`, file: { path, line: at.line, column: at.column } };
}

/** A malformed injector config, values or mesh config. */
export function inputError(path: string, at: FilePosition, message: string): Result {
  return located('config-invalid', path, at, message);
}

/** A template that does not parse, or failed when it ran. */
export function templateError(path: string, at: FilePosition, message: string): Result {
  return located('template-error', path, at, message);
}
