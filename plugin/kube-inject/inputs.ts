/**
 * Where kube-inject gets the cluster's injection inputs. Each one comes from its flag
 * (`--injectConfigFile`, `--meshConfigFile`, `--valuesFile`), else from the nearest
 * `.mesh-injectrc` (`istio.injector`, `istio.meshConfig`, `istio.values`). istioctl would read the
 * missing ones from the cluster; mesh-inject never contacts one and says which flag to add.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createConfigResolver } from '../../config/load.js';
import { readInjectConfig } from '../../transformer/kube-inject/inject-config.js';
import type { ClusterInputs, SourceText } from '../../transformer/mesh/istio-templates/types.js';
import { formatResult } from '../../transformer/results.js';
import { decodeSource, isByteProblem } from '../../transformer/pipeline/source-bytes.js';
import { UsageError } from '../cli/exit-codes.js';
import type { Io } from '../cli/io.js';
import { repoRoot } from '../cli/repo-root.js';

export interface InputFlags {
  injectConfigFile?: string;
  meshConfigFile?: string;
  valuesFile?: string;
}

type RcInputs = Partial<ClusterInputs>;

/** `near`: the input file (or the working directory for stdin), whose nearest config applies. */
export async function clusterInputs(io: Io, flags: InputFlags, near: string): Promise<ClusterInputs> {
  let rc: RcInputs | undefined;
  const rcInputs = async (): Promise<RcInputs> => (rc ??= await loadRcInputs(io, near));
  const fromFlag = (file: string | undefined) => (file ? readSource(resolve(io.cwd, file)) : undefined);

  const injector = (await fromFlag(flags.injectConfigFile)) ?? (await rcInputs()).injector;
  if (!injector) throw missing('injection templates', '--injectConfigFile FILE', 'istio.injector', 'the istio-sidecar-injector ConfigMap, its data.config, or a sidecar template');
  const read = readInjectConfig(injector);

  const meshConfig = (await fromFlag(flags.meshConfigFile)) ?? (await rcInputs()).meshConfig;
  if (!meshConfig) throw missing('mesh config', '--meshConfigFile FILE', 'istio.meshConfig', "the istio ConfigMap's data.mesh");

  const values = (await fromFlag(flags.valuesFile)) ?? read.values ?? (await rcInputs()).values;
  if (!values) throw missing('injector values', '--valuesFile FILE', 'istio.values', "the istio-sidecar-injector ConfigMap's data.values");
  return { injector: read.injector, meshConfig, values };
}

function missing(what: string, flag: string, key: string, content: string): UsageError {
  return new UsageError(
    `no ${what}: istioctl would read this from the cluster, mesh-inject works offline; pass ${flag} (${content}) or set ${key} in .mesh-injectrc`,
  );
}

/** The texts the nearest config's `istio.injector|meshConfig|values` name (read by config/load.ts). */
async function loadRcInputs(io: Io, near: string): Promise<RcInputs> {
  const loaded = await createConfigResolver({ stopDir: repoRoot(io.cwd) }).resolveFor(near);
  if (!loaded.config) throw new UsageError(loaded.errors.map(formatResult).join('\n'));
  return loaded.config.istio.cluster ?? {};
}

export async function readSource(path: string): Promise<SourceText> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new UsageError(goOpenError(path, error));
  }
  const decoded = decodeSource(bytes);
  if (isByteProblem(decoded)) throw new UsageError(`Error: ${path}:${decoded.line}:${decoded.column}: ${decoded.message}`);
  return { path, text: decoded.text };
}

/** Go's `os.Open` wording, which is what istioctl prints. */
function goOpenError(path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
  return `open ${path}: ${reason}`;
}
