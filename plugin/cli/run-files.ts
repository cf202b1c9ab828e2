/**
 * The file-mode runner behind `inject`, `uninject` and `explain`: find files, resolve each one's
 * nearest config, transform everything in memory, and only then write the files that changed
 * and have no error, each atomically.
 */
import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { repoRoot } from './repo-root.js';
import { createConfigResolver } from '../../config/load.js';
import {
  clusterContextFromText,
  emptyClusterContext,
  presetFor,
  transformText,
  type Mode,
  type Result,
  type WorkloadReport,
} from '../../transformer/index.js';
import { discoverFiles } from './discover-files.js';
import { EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, UsageError, exitCodeFor } from './exit-codes.js';
import { isSelectedFile } from './file-filter.js';
import type { Io } from './io.js';
import { createProgress } from './progress.js';
import { formatExplain, printResults, unifiedDiff, type ExplainRow } from './report.js';
import { writeFileAtomic } from './write-atomic.js';

export interface RunOptions {
  mode: Mode;
  /** Write nothing; exit 1 when a file would change. */
  check: boolean;
  /** Write nothing; print a unified diff. */
  diff: boolean;
  explain: boolean;
  config?: string;
  format: 'text' | 'json';
  verbose: boolean;
  /** Accept an empty stdin stream (refused by default: it usually means an upstream failure). */
  allowEmpty?: boolean;
  verify?: boolean;
}

interface FileOutcome {
  path: string;
  display: string;
  before: string;
  after: string;
  changed: boolean;
  results: Result[];
  workloads: WorkloadReport[];
}

export async function runFiles(paths: readonly string[], options: RunOptions, io: Io): Promise<number> {
  if (paths.includes('-')) {
    if (paths.length > 1) throw new UsageError('`-` (stdin) cannot be combined with file paths');
    return runStdin(options, io);
  }
  const files = await discoverFiles(paths, io.cwd);
  const resolver = createConfigResolver({ allowJs: allowJsConfig(io), stopDir: repoRoot(io.cwd), ...(options.config ? { explicitPath: resolve(io.cwd, options.config) } : {}) });
  const texts = await Promise.all(files.map((file) => readFile(file, 'utf8')));
  // Namespaces and ProxyConfig CRs from every file, before any is transformed.
  const cluster = emptyClusterContext();
  texts.forEach((text, index) => clusterContextFromText(text, cluster, relative(io.cwd, files[index]!) || files[index]!));

  const outcomes: FileOutcome[] = [];
  const configResults: Result[] = [];
  const progress = createProgress(io, files.length);
  for (const [index, file] of files.entries()) {
    progress.tick(index);
    const loaded = await resolver.resolveFor(file);
    configResults.push(...loaded.errors, ...loaded.warnings);
    if (!loaded.config) continue;
    if (!(await isSelectedFile(file, loaded.config, loaded.filepath, io.cwd))) continue;
    const display = relative(io.cwd, file) || file;
    const outcome = transformText(texts[index]!, {
      mode: options.mode,
      config: loaded.config,
      preset: presetFor(loaded.config),
      cluster,
      path: display,
      verify: options.verify === true,
      digest: true,
    });
    outcomes.push({ path: file, display, before: texts[index]!, after: outcome.text, changed: outcome.changed, results: outcome.results, workloads: outcome.workloads });
  }
  progress.done();

  const results = [...dedupe(configResults), ...outcomes.flatMap((o) => o.results)];
  const writable = outcomes.filter((o) => o.changed && !o.results.some((r) => r.severity === 'error'));
  const dryRun = options.check || options.diff || options.explain;
  if (!dryRun) for (const outcome of writable) await writeFileAtomic(outcome.path, outcome.after);

  await report(io, options, outcomes, writable, results);
  const code = exitCodeFor(results);
  if (code !== EXIT_OK) return code;
  return options.check && writable.length ? EXIT_FINDINGS : EXIT_OK;
}

/**
 * `MESH_INJECT_NO_JS_CONFIG=1` refuses `mesh-inject.config.{js,mjs,cjs}` (an error instead of running
 * it): set where the repository is not trusted, e.g. the Argo CD plugin sidecar (plugin/argocd/).
 */
export function allowJsConfig(io: Io): boolean {
  const value = io.env.MESH_INJECT_NO_JS_CONFIG;
  return value === undefined || value === '' || value === '0' || value.toLowerCase() === 'false';
}

function dedupe(results: Result[]): Result[] {
  const seen = new Set<string>();
  return results.filter((r) => {
    const key = JSON.stringify(r);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

async function report(io: Io, options: RunOptions, outcomes: FileOutcome[], writable: FileOutcome[], results: Result[]): Promise<void> {
  if (options.format === 'json') {
    io.stdout(JSON.stringify({
      files: outcomes.map((o) => ({ path: o.display, changed: o.changed, workloads: o.workloads })),
      results,
    }, null, 2) + '\n');
    return;
  }
  printResults(io, results, options.verbose);
  if (options.explain) {
    const rows: ExplainRow[] = outcomes.flatMap((o) => o.workloads.map((report) => ({ file: o.display, report })));
    io.stdout(formatExplain(io, rows));
    return;
  }
  if (options.diff) for (const o of writable) io.stdout(await unifiedDiff(io, o.display, o.before, o.after));
  if (options.check) {
    const verb = options.mode === 'inject' ? 'needs injection' : 'has injected workloads';
    for (const o of writable) io.stdout(`${o.display}: ${verb}\n`);
    if (writable.length) io.stderr(`${writable.length} file(s) out of date; run \`mesh-inject ${options.mode}\` to update them\n`);
    return;
  }
  const workloads = outcomes.flatMap((o) => o.workloads);
  const count = (action: string) => workloads.filter((w) => w.action === action).length;
  const verb = options.diff ? 'would change' : 'changed';
  const summary = options.mode === 'inject'
    ? `${writable.length} file(s) ${verb}: ${count('injected')} injected, ${count('reinjected')} re-injected, ${count('unchanged')} up to date, ${count('skipped')} skipped`
    : `${writable.length} file(s) ${verb}: ${count('uninjected')} uninjected`;
  io.stderr(summary + '\n');
}

async function runStdin(options: RunOptions, io: Io): Promise<number> {
  const input = await io.readStdin();
  if (input.trim() === '' && !options.allowEmpty) {
    io.stderr('mesh-inject: stdin is empty; refusing to print an empty stream (an upstream command probably failed). Pass --allow-empty to accept it\n');
    return EXIT_INPUT;
  }
  const resolver = createConfigResolver({ allowJs: allowJsConfig(io), stopDir: repoRoot(io.cwd), ...(options.config ? { explicitPath: resolve(io.cwd, options.config) } : {}) });
  const loaded = await resolver.resolveFor(join(io.cwd, '<stdin>'));
  if (!loaded.config) {
    printResults(io, [...loaded.errors, ...loaded.warnings], true);
    return exitCodeFor(loaded.errors);
  }
  const outcome = transformText(input, {
    mode: options.mode,
    config: loaded.config,
    preset: presetFor(loaded.config),
    cluster: clusterContextFromText(input, undefined, '<stdin>'),
    path: '<stdin>',
    verify: options.verify === true,
    digest: true, // `inject - < a.yaml > b.yaml` writes a file as much as `inject a.yaml` does
  });
  const results = [...loaded.warnings, ...outcome.results];
  const code = exitCodeFor(results);
  if (options.format === 'json') io.stdout(JSON.stringify({ changed: outcome.changed, workloads: outcome.workloads, results }, null, 2) + '\n');
  else printResults(io, results, options.verbose);
  // Explain shows every workload, the failing ones with their error, as it does for files.
  if (options.explain) {
    if (options.format !== 'json') io.stdout(formatExplain(io, outcome.workloads.map((report) => ({ file: '<stdin>', report }))));
    return code;
  }
  if (code !== EXIT_OK) return code;
  if (options.check) return outcome.changed ? EXIT_FINDINGS : EXIT_OK;
  if (options.diff) {
    if (outcome.changed) io.stdout(await unifiedDiff(io, '<stdin>', input, outcome.text));
    return EXIT_OK;
  }
  if (options.format !== 'json') io.stdout(outcome.text);
  return EXIT_OK;
}
