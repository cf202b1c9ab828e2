/**
 * KRM function adapter (`mesh-inject fn`, the container image's entrypoint): a ResourceList on
 * stdin, the complete ResourceList on stdout, logs on stderr, exit 1 on any error result.
 * JS configs are never loaded here: the config comes from `functionConfig` only.
 */
import { configFromFunctionConfig } from '../config/function-config.js';
import { formatResult, presetFor, transformResourceList, type Mode } from '../transformer/index.js';
import type { Io } from './cli/io.js';

export async function runKrmFunction(io: Io, mode: Mode = 'inject', verify = false): Promise<number> {
  const input = await io.readStdin();
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
