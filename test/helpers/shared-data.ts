/**
 * Where the upstream conformance data lives: `$MESH_INJECT_SHARED` when set (a directory holding
 * `conformance/istio/`), else `../shared` beside the checkout. Only this project's CI has it; elsewhere
 * the tests and benchmarks that read it skip, and the run says so once (test/helpers/shared-data-notice.ts).
 * No vitest import: the benchmarks use this module too.
 */
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SHARED_ENV = 'MESH_INJECT_SHARED';

const BESIDE_CHECKOUT = fileURLToPath(new URL('../../../shared/', import.meta.url));

export interface IstioCorpus {
  /** `<shared>/conformance/istio/`, with the trailing slash, whether or not it exists. */
  dir: string;
  found: boolean;
  /** The `skipped: ...` line to print when it is not found. */
  skipLine: string;
}

export function resolveIstioCorpus(env: Readonly<Record<string, string | undefined>> = process.env, cwd = process.cwd()): IstioCorpus {
  const fromEnv = env[SHARED_ENV];
  const shared = fromEnv !== undefined && fromEnv !== '' ? resolve(cwd, fromEnv) : BESIDE_CHECKOUT;
  const istio = join(shared, 'conformance', 'istio');
  const shown = fromEnv !== undefined && fromEnv !== '' ? istio : '../shared/conformance/istio';
  return {
    dir: `${istio}/`,
    found: isDirectory(istio),
    skipLine: `skipped: ${shown} not found (set ${SHARED_ENV}=/path/to/shared to run the conformance tests)`,
  };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false; // missing, or a file where a directory should be (ENOTDIR)
  }
}

/** This run's corpus. Tests that read it use `describe.skipIf(!ISTIO_CORPUS.found)`. */
export const ISTIO_CORPUS = resolveIstioCorpus();
