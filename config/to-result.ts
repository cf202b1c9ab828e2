/** Config problems as `Result`s: always code `config-invalid`, with `file` when the source file is known. */
import type { ResourceRef, Result, Severity } from '../transformer/results.js';
import type { Position } from './source-map.js';

interface ResultTarget {
  filepath?: string;
  resourceRef?: ResourceRef;
}

export function toResult(severity: Severity, message: string, target: ResultTarget, at?: Position): Result {
  const result: Result = { severity, message, code: 'config-invalid' };
  if (target.resourceRef) result.resourceRef = target.resourceRef;
  if (target.filepath !== undefined) {
    result.file = at ? { path: target.filepath, line: at.line, column: at.column } : { path: target.filepath };
  }
  return result;
}

/** Document order; results without a position keep their order, after the others. */
export function sortByPosition(results: Result[]): Result[] {
  const line = (r: Result) => r.file?.line ?? Number.MAX_SAFE_INTEGER;
  const column = (r: Result) => r.file?.column ?? Number.MAX_SAFE_INTEGER;
  return results
    .map((r, i) => ({ r, i }))
    .sort((a, b) => line(a.r) - line(b.r) || column(a.r) - column(b.r) || a.i - b.i)
    .map(({ r }) => r);
}
