/**
 * The file-mode runner behind `inject`, `uninject` and `explain`: find files, resolve each one's
 * nearest config, transform everything in memory, and only then write the files that changed
 * and have no error, each atomically. A fault of the machine (unreadable file, read-only
 * directory, FIFO, symlink out of the repository...) is a result for that path: the other files
 * are still processed and written, and the summary still printed. Writing runs hold the
 * repository's lock (repo-lock.ts); a file changed on disk since it was read is not overwritten.
 */
import { dirname, join, resolve } from 'node:path';
import { repoRoot } from './repo-root.js';
import { createConfigResolver } from '../../config/load.js';
import {
  clusterContextFromText,
  emptyClusterContext,
  costInputsFromText,
  emptyCostInputs,
  workloadCosts,
  presetFor,
  transformText,
  type Mode,
  type Result,
  type WorkloadCost,
  type WorkloadReport,
} from '../../transformer/index.js';
import { discoverFiles, type Candidate, type Discovery } from './discover-files.js';
import { EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, UsageError, exitCodeFor } from './exit-codes.js';
import { isSelectedFile } from './file-filter.js';
import type { Host } from './host.js';
import { hostFor, type Io } from './io.js';
import { displayPath, internalError, ioError, isSystemError, machineResult, uniqueResults } from './machine-results.js';
import { createProgress } from './progress.js';
import { readCandidates } from './read-candidates.js';
import type { SourceFile } from './read-source.js';
import { readStdinText, STDIN } from './read-stdin.js';
import { acquireLock, lockPathFor, type RepoLock } from './repo-lock.js';
import { formatExplain, printResults, unifiedDiff, type ExplainRow } from './report.js';
import { formatResourceCost, resourceCostJson, summaryCost, withoutResources } from './resource-report.js';
import { removeStaleTemps } from './stale-temps.js';
import { FileChangedError, writeFileAtomic } from './write-atomic.js';

export interface RunOptions {
  mode: Mode;
  /** Write nothing; exit 1 when a file would change. */
  check: boolean;
  /** Write nothing; print a unified diff. */
  diff: boolean;
  explain: boolean;
  /** `explain --resources`: also what the injection adds to each pod's requests and limits. */
  resources?: boolean;
  config?: string;
  format: 'text' | 'json';
  verbose: boolean;
  /** Accept an empty stdin stream (refused by default: it usually means an upstream failure). */
  allowEmpty?: boolean;
  verify?: boolean;
  /** `uninject --ignore-record`: remove the mesh's footprint without trusting the record. */
  ignoreRecord?: boolean;
}

interface FileOutcome {
  path: string;
  display: string;
  /** The bytes read, which the file must still hold when it is replaced. */
  bytes: Uint8Array;
  before: string;
  after: string;
  changed: boolean;
  results: Result[];
  workloads: WorkloadReport[];
  /** What the injection adds to each injected workload (inject runs). */
  costs: WorkloadCost[];
}

export async function runFiles(paths: readonly string[], options: RunOptions, io: Io): Promise<number> {
  if (paths.includes('-')) {
    if (paths.length > 1) throw new UsageError('`-` (stdin) cannot be combined with file paths');
    return runStdin(options, io);
  }
  const host = hostFor(io);
  const discovery = await discoverFiles(paths, io.cwd, host);
  const dryRun = options.check || options.diff || options.explain;
  const locks = dryRun ? [] : await lockRepositories(discovery.candidates, io.cwd, host);
  if (!Array.isArray(locks)) {
    if (options.format === 'json') io.stdout(JSON.stringify({ files: [], results: [locks] }, null, 2) + '\n');
    else printResults(io, [locks], options.verbose);
    return EXIT_INPUT;
  }
  try {
    return await runLocked(discovery, options, io, host, locks);
  } finally {
    await Promise.all(locks.map((lock) => lock.release()));
  }
}

/** The lock of every repository the candidates lie in, or the concurrent-run result when one is held. */
async function lockRepositories(candidates: readonly Candidate[], cwd: string, host: Host): Promise<RepoLock[] | Result> {
  const locks: RepoLock[] = [];
  for (const path of [...new Set(candidates.map((c) => lockPathFor(c.root)))].sort()) {
    const outcome = await acquireLock(path, host);
    if ('heldBy' in outcome) {
      await Promise.all(locks.map((lock) => lock.release()));
      const message = `another mesh-inject run (${outcome.heldBy}) is writing this repository; wait for it to finish, or delete ${outcome.path} if no such run exists`;
      return machineResult('concurrent-run', displayPath(cwd, outcome.path), message);
    }
    if ('lock' in outcome) locks.push(outcome.lock);
  }
  return locks;
}

async function runLocked(discovery: Discovery, options: RunOptions, io: Io, host: Host, locks: RepoLock[]): Promise<number> {
  const problems: Result[] = [...discovery.results];
  const sources = await readCandidates(discovery.candidates, io.cwd, host, problems);
  const { outcomes, configResults } = await transformAll(sources, options, io, problems);

  const writable = outcomes.filter((o) => o.changed && !o.results.some((r) => r.severity === 'error'));
  const dryRun = options.check || options.diff || options.explain;
  let written = writable;
  if (!dryRun) {
    const dirs = [...new Set(writable.map((o) => dirname(o.path)))];
    // Recorded before any temp file exists, for the cleanup after a run killed from here on.
    await Promise.all(locks.map((lock) => lock.recordDirs(dirs).catch(() => undefined)));
    await removeStaleTemps([...sources.map((s) => dirname(s.path)), ...locks.flatMap((lock) => lock.staleDirs)], host);
    written = [];
    for (const outcome of writable) {
      const failure = await writeOne(outcome, host);
      if (failure) problems.push(failure);
      else written.push(outcome);
    }
  }

  const results = [...uniqueResults(configResults), ...outcomes.flatMap((o) => o.results), ...problems];
  return finish(io, options, outcomes, writable, written, results);
}

/** Every file in memory; an exception on one file is an internal-error for that file, and the others go on. */
async function transformAll(sources: readonly SourceFile[], options: RunOptions, io: Io, problems: Result[]): Promise<{ outcomes: FileOutcome[]; configResults: Result[] }> {
  const resolver = createConfigResolver({ allowJs: allowJsConfig(io), stopDir: repoRoot(io.cwd), ...(options.config ? { explicitPath: resolve(io.cwd, options.config) } : {}) });
  // Namespaces and ProxyConfig CRs from every file, before any is transformed.
  const cluster = emptyClusterContext();
  const costInputs = emptyCostInputs();
  const failed = new Set<SourceFile>();
  for (const source of sources) {
    try {
      clusterContextFromText(source.text, cluster, source.display);
      if (options.mode === 'inject') costInputsFromText(source.text, costInputs);
    } catch (error) {
      problems.push(internalError(source.display, error, 'it was left unchanged'));
      failed.add(source);
    }
  }

  const outcomes: FileOutcome[] = [];
  const configResults: Result[] = [];
  const progress = createProgress(io, sources.length);
  for (const [index, source] of sources.entries()) {
    progress.tick(index);
    if (failed.has(source)) continue;
    try {
      const loaded = await resolver.resolveFor(source.path);
      configResults.push(...loaded.errors, ...loaded.warnings);
      if (!loaded.config) continue;
      if (!(await isSelectedFile(source.path, loaded.config, loaded.filepath, io.cwd))) continue;
      const outcome = transformText(source.text, {
        mode: options.mode,
        config: loaded.config,
        preset: presetFor(loaded.config),
        cluster,
        path: source.display,
        verify: options.verify === true,
        digest: true,
        ...(options.ignoreRecord ? { ignoreRecord: true } : {}),
        ...(options.mode === 'inject' ? { resources: true } : {}),
      });
      const costs = workloadCosts(outcome.workloads, costInputs, loaded.config.defaultNamespace);
      outcomes.push({ path: source.path, display: source.display, bytes: source.bytes, before: source.text, after: outcome.text, changed: outcome.changed, results: outcome.results, workloads: outcome.workloads, costs });
    } catch (error) {
      problems.push(internalError(source.display, error, 'it was left unchanged'));
    }
  }
  progress.done();
  return { outcomes, configResults };
}

async function writeOne(outcome: FileOutcome, host: Host): Promise<Result | undefined> {
  try {
    await writeFileAtomic(outcome.path, outcome.after, { fs: host.fs, pid: host.pid, expected: outcome.bytes });
    return undefined;
  } catch (error) {
    if (error instanceof FileChangedError) {
      return machineResult('file-changed-during-run', outcome.display, 'changed on disk while mesh-inject ran; left as it is (not overwritten). Run mesh-inject again');
    }
    if (isSystemError(error)) return ioError(outcome.display, 'write it (left as it was)', error);
    return internalError(outcome.display, error, 'it was left unchanged');
  }
}

function finish(io: Io, options: RunOptions, outcomes: FileOutcome[], writable: FileOutcome[], written: FileOutcome[], results: Result[]): Promise<number> {
  return report(io, options, outcomes, writable, written, results).then(() => {
    const code = exitCodeFor(results);
    if (code !== EXIT_OK) return code;
    return options.check && writable.length ? EXIT_FINDINGS : EXIT_OK;
  });
}

/**
 * `MESH_INJECT_NO_JS_CONFIG=1` refuses `mesh-inject.config.{js,mjs,cjs}` (an error instead of running
 * it): set where the repository is not trusted, e.g. the Argo CD plugin sidecar (plugin/argocd/).
 */
export function allowJsConfig(io: Io): boolean {
  const value = io.env.MESH_INJECT_NO_JS_CONFIG;
  return value === undefined || value === '' || value === '0' || value.toLowerCase() === 'false';
}

async function report(io: Io, options: RunOptions, outcomes: FileOutcome[], writable: FileOutcome[], written: FileOutcome[], results: Result[]): Promise<void> {
  if (options.format === 'json') {
    io.stdout(JSON.stringify({
      files: outcomes.map((o) => ({ path: o.display, changed: o.changed, workloads: withoutResources(o.workloads) })),
      results,
      ...(options.resources ? { resources: resourceCostJson(outcomes.flatMap((o) => o.costs), fileOfCost(outcomes)) } : {}),
    }, null, 2) + '\n');
    return;
  }
  printResults(io, results, options.verbose);
  if (options.explain) {
    const rows: ExplainRow[] = outcomes.flatMap((o) => o.workloads.map((report) => ({ file: o.display, report })));
    io.stdout(formatExplain(io, rows));
    if (options.resources) io.stdout('\n' + formatResourceCost(outcomes.flatMap((o) => o.costs)));
    return;
  }
  if (options.diff) for (const o of writable) io.stdout(await unifiedDiff(io, o.display, o.before, o.after));
  if (options.check) {
    const verb = options.mode === 'inject' ? 'needs injection' : 'has injected workloads';
    for (const o of writable) io.stdout(`${o.display}: ${verb}\n`);
    if (writable.length) io.stderr(`${writable.length} file(s) out of date; run \`mesh-inject ${options.mode}\` to update them\n`);
    return;
  }
  const unwritten = new Set(writable.filter((o) => !written.includes(o)));
  const counted = outcomes.filter((o) => options.diff || !unwritten.has(o));
  const workloads = counted.flatMap((o) => o.workloads);
  const count = (action: string) => workloads.filter((w) => w.action === action).length;
  const changed = options.diff ? `${writable.length} file(s) would change` : `${written.length} file(s) changed`;
  let summary = options.mode === 'inject'
    ? `${changed}: ${count('injected')} injected, ${count('reinjected')} re-injected, ${count('unchanged')} up to date, ${count('skipped')} skipped`
    : `${changed}: ${count('uninjected')} uninjected`;
  const failed = filesWithErrors(results);
  if (failed) summary += `; ${failed} file(s) with errors, left unchanged`;
  const cost = options.mode === 'inject' ? summaryCost(counted.flatMap((o) => o.costs)) : undefined;
  if (cost) summary += `; injection adds ${cost}`;
  io.stderr(summary + '\n');
}

function fileOfCost(outcomes: readonly FileOutcome[]): (cost: WorkloadCost) => string {
  const files = new Map(outcomes.flatMap((o) => o.costs.map((c) => [c, o.display] as const)));
  return (cost) => files.get(cost)!;
}

/** Distinct paths with an error result (an error without a path counts once). */
function filesWithErrors(results: readonly Result[]): number {
  return new Set(results.filter((r) => r.severity === 'error').map((r) => r.file?.path ?? '')).size;
}

async function runStdin(options: RunOptions, io: Io): Promise<number> {
  const read = await readStdinText(io);
  if ('result' in read) {
    if (options.format === 'json') io.stdout(JSON.stringify({ changed: false, workloads: [], results: [read.result] }, null, 2) + '\n');
    else printResults(io, [read.result], options.verbose);
    return EXIT_INPUT;
  }
  const input = read.text;
  if (input.trim() === '' && !options.allowEmpty) {
    io.stderr('mesh-inject: stdin is empty; refusing to print an empty stream (an upstream command probably failed). Pass --allow-empty to accept it\n');
    return EXIT_INPUT;
  }
  const resolver = createConfigResolver({ allowJs: allowJsConfig(io), stopDir: repoRoot(io.cwd), ...(options.config ? { explicitPath: resolve(io.cwd, options.config) } : {}) });
  const loaded = await resolver.resolveFor(join(io.cwd, STDIN));
  if (!loaded.config) {
    printResults(io, [...loaded.errors, ...loaded.warnings], true);
    return exitCodeFor(loaded.errors);
  }
  const outcome = transformText(input, {
    mode: options.mode,
    config: loaded.config,
    preset: presetFor(loaded.config),
    cluster: clusterContextFromText(input, undefined, STDIN),
    path: STDIN,
    verify: options.verify === true,
    digest: true, // `inject - < a.yaml > b.yaml` writes a file as much as `inject a.yaml` does
    ...(options.ignoreRecord ? { ignoreRecord: true } : {}),
    ...(options.resources ? { resources: true } : {}),
  });
  const results = [...loaded.warnings, ...outcome.results];
  const code = exitCodeFor(results);
  const costs = options.resources ? workloadCosts(outcome.workloads, costInputsFromText(input), loaded.config.defaultNamespace) : [];
  if (options.format === 'json') {
    const resources = options.resources ? { resources: resourceCostJson(costs, () => undefined) } : {};
    io.stdout(JSON.stringify({ changed: outcome.changed, workloads: withoutResources(outcome.workloads), results, ...resources }, null, 2) + '\n');
  } else printResults(io, results, options.verbose);
  // Explain shows every workload, the failing ones with their error, as it does for files.
  if (options.explain) {
    if (options.format !== 'json') {
      io.stdout(formatExplain(io, outcome.workloads.map((report) => ({ file: STDIN, report }))));
      if (options.resources) io.stdout('\n' + formatResourceCost(costs));
    }
    return code;
  }
  if (code !== EXIT_OK) return code;
  if (options.check) return outcome.changed ? EXIT_FINDINGS : EXIT_OK;
  if (options.diff) {
    if (outcome.changed) io.stdout(await unifiedDiff(io, STDIN, input, outcome.text));
    return EXIT_OK;
  }
  if (options.format !== 'json') io.stdout(outcome.text);
  return EXIT_OK;
}
