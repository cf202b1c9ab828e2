/**
 * How the stream plugins (the kustomize exec plugin, the Helm post-renderer) report: stdout is the
 * tool's stream, so errors and warnings go to stderr, which kustomize and Helm 3 show, and
 * informational results are dropped.
 */
import { formatResult, type Result } from '../transformer/index.js';
import { EXIT_INPUT, EXIT_OK, exitCodeFor } from './cli/exit-codes.js';
import type { Io } from './cli/io.js';

/** Prints the problems; the exit code for them (with a closing line when nothing goes to stdout). */
export function reportToStderr(io: Io, results: readonly Result[]): number {
  for (const result of results) if (result.severity !== 'info') io.stderr(`mesh-inject: ${formatResult(result)}\n`);
  const code = exitCodeFor([...results]);
  if (code !== EXIT_OK) io.stderr(`mesh-inject: ${results.filter((r) => r.severity === 'error').length} error(s); nothing was written to stdout\n`);
  return code;
}

export function usageError(io: Io, message: string): number {
  io.stderr(`mesh-inject: ${message}\n`);
  return EXIT_INPUT;
}
