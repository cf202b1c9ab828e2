/**
 * KRM function adapter (`mesh-inject fn`, the container image's entrypoint): a ResourceList on
 * stdin, the complete ResourceList on stdout, logs on stderr, exit 1 on any error result (exit 2
 * and nothing on stdout when stdin is not UTF-8 text).
 * JS configs are never loaded here: the config comes from `functionConfig` only.
 */
import { configFromFunctionConfig } from '../config/function-config.js';
import { formatResult, presetFor, transformResourceList, type Mode } from '../transformer/index.js';
import { EXIT_INPUT } from './cli/exit-codes.js';
import type { Io } from './cli/io.js';
import { readStdinText } from './cli/read-stdin.js';

export async function runKrmFunction(io: Io, mode: Mode = 'inject', verify = false): Promise<number> {
  const read = await readStdinText(io);
  if ('result' in read) {
    // Bytes that are not UTF-8 (or too many of them) are refused, never echoed back with U+FFFD.
    io.stderr(`mesh-inject: ${formatResult(read.result)}\nmesh-inject: nothing was written to stdout\n`);
    return EXIT_INPUT;
  }
  return runKrmOnText(io, read.text, mode, verify);
}

/** The KRM function on a ResourceList already read (the kustomize plugin reads stdin first to tell the protocols apart). */
export function runKrmOnText(io: Io, input: string, mode: Mode = 'inject', verify = false): number {
  const outcome = transformResourceList(input, {
    mode,
    resolveConfig: (functionConfig) => {
      const loaded = configFromFunctionConfig(functionConfig, { baseDir: io.cwd, rootDir: io.cwd });
      return { ...(loaded.config ? { config: loaded.config } : {}), results: [...loaded.errors, ...loaded.warnings] };
    },
    presetFor,
    verify,
  });
  io.stdout(outcome.text);
  const errors = outcome.results.filter((r) => r.severity === 'error');
  const mirror = io.env.LOG_TO_STDERR === 'true' ? outcome.results : errors;
  for (const result of mirror) io.stderr(`mesh-inject: ${formatResult(result)}\n`);
  if (errors.length) {
    io.stderr(`mesh-inject: ${errors.length} error(s); no resource was changed\n`);
    return 1;
  }
  return 0;
}
