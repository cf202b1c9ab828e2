/**
 * The documents `patches` builds the component from, each before and after the pipeline: a stream
 * on stdin (`-`, e.g. `kustomize build base`) goes through the kustomize stream path
 * (plugin/kustomize-stream.ts) with the config of the working directory; files and directories go
 * through `transformText` as `inject` reads them, each with its nearest config. Nothing is written.
 */
import { join, resolve } from 'node:path';
import { createConfigResolver, type LoadedConfig } from '../../config/load.js';
import {
  clusterContextFromText,
  emptyClusterContext,
  presetFor,
  transformText,
  type InjectConfig,
  type Result,
  type WorkloadKind,
} from '../../transformer/index.js';
import type { DocumentPair } from '../../transformer/patches/component.js';
import { splitDocuments } from '../../transformer/yaml/split-documents.js';
import { discoverFiles } from '../cli/discover-files.js';
import { UsageError } from '../cli/exit-codes.js';
import { isSelectedFile } from '../cli/file-filter.js';
import { hostFor, type Io } from '../cli/io.js';
import { internalError, machineResult, uniqueResults } from '../cli/machine-results.js';
import { readCandidates } from '../cli/read-candidates.js';
import { readStdinText, STDIN } from '../cli/read-stdin.js';
import { repoRoot } from '../cli/repo-root.js';
import { allowJsConfig } from '../cli/run-files.js';
import { transformKustomizeStream } from '../kustomize-stream.js';

export interface Inputs {
  /** Every document of the input, before and after the pipeline (unchanged ones too: their names count for targets). */
  pairs: DocumentPair[];
  /** Read from stdin: the output of `kustomize build`, whose objects without a namespace are in `default`. */
  stream: boolean;
  /** The config's extra workload kinds (where their pod templates are), for every config used. */
  workloads: WorkloadKind[];
  results: Result[];
}

export async function readInputs(paths: readonly string[], configPath: string | undefined, io: Io): Promise<Inputs> {
  const resolver = createConfigResolver({ allowJs: allowJsConfig(io), stopDir: repoRoot(io.cwd), ...(configPath ? { explicitPath: resolve(io.cwd, configPath) } : {}) });
  if (paths.includes('-')) {
    if (paths.length > 1) throw new UsageError('`-` (stdin) cannot be combined with file paths');
    return readStream(io, await resolver.resolveFor(join(io.cwd, STDIN)));
  }
  const host = hostFor(io);
  const discovery = await discoverFiles(paths, io.cwd, host);
  const inputs: Inputs = { pairs: [], stream: false, workloads: [], results: [...discovery.results] };
  const sources = await readCandidates(discovery.candidates, io.cwd, host, inputs.results);
  const cluster = emptyClusterContext();
  for (const source of sources) {
    try {
      clusterContextFromText(source.text, cluster, source.display);
    } catch (error) {
      inputs.results.push(internalError(source.display, error, 'nothing was written'));
    }
  }
  for (const source of sources) {
    const loaded = await resolver.resolveFor(source.path);
    inputs.results.push(...loaded.errors, ...loaded.warnings);
    if (!loaded.config || !(await isSelectedFile(source.path, loaded.config, loaded.filepath, io.cwd))) continue;
    try {
      const outcome = transformText(source.text, { mode: 'inject', config: loaded.config, preset: presetFor(loaded.config), cluster, path: source.display });
      addOutcome(inputs, loaded.config, source.display, source.text, outcome.text, outcome.results);
    } catch (error) {
      inputs.results.push(internalError(source.display, error, 'nothing was written'));
    }
  }
  inputs.results = uniqueResults(inputs.results);
  return inputs;
}

async function readStream(io: Io, loaded: LoadedConfig): Promise<Inputs> {
  const inputs: Inputs = { pairs: [], stream: true, workloads: [], results: [...loaded.errors, ...loaded.warnings] };
  if (!loaded.config) return inputs;
  const read = await readStdinText(io);
  if ('result' in read) {
    inputs.results.push(read.result);
    return inputs;
  }
  if (read.text.trim() === '') throw new UsageError('stdin is empty (an upstream command probably failed); nothing to build a component from');
  try {
    const outcome = transformKustomizeStream(read.text, loaded.config);
    addOutcome(inputs, loaded.config, STDIN, read.text, outcome.text, outcome.results);
  } catch (error) {
    inputs.results.push(internalError(STDIN, error, 'nothing was written'));
  }
  return inputs;
}

function addOutcome(inputs: Inputs, config: InjectConfig, display: string, before: string, after: string, results: readonly Result[]): void {
  inputs.results.push(...results);
  for (const kind of config.workloads ?? []) if (!inputs.workloads.includes(kind)) inputs.workloads.push(kind);
  const from = splitDocuments(before);
  const to = splitDocuments(after);
  // an unchanged file that cannot be split (a `%YAML` directive) has nothing to patch
  if (before === after && !from) return;
  if (!from || !to || from.length !== to.length) {
    inputs.results.push(machineResult('internal-error', display, 'the injected stream does not have the documents of the input; please report this with the input'));
    return;
  }
  from.forEach((slice, i) => inputs.pairs.push({ before: slice.text, after: to[i]!.text }));
}
