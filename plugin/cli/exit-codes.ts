/** Exit codes: 0 ok, 1 `--check` found work or the run hit an internal error, 2 bad usage, config or input. */
import type { Result } from '../../transformer/index.js';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_INPUT = 2;

export class UsageError extends Error {
  readonly exitCode = EXIT_INPUT;
}

export function exitCodeFor(results: readonly Result[]): number {
  const errors = results.filter((r) => r.severity === 'error');
  if (!errors.length) return EXIT_OK;
  return errors.every((r) => r.code === 'internal-error') ? EXIT_FINDINGS : EXIT_INPUT;
}
