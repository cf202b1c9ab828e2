/**
 * `mesh-inject policy [PATH...]`: print the ValidatingAdmissionPolicy and its binding that enforce
 * the nearest .mesh-injectrc in the cluster (transformer/admission-policy/). PATHs (default: every
 * YAML file git tracks here, as `inject` reads them; `-` for stdin) are read only for their
 * `Namespace` objects and ProxyConfig CRs. Any problem: results on stderr, nothing printed or
 * written, exit 2. With `--check -o FILE`, nothing is written: exit 1 when FILE is not what a run
 * would write (a config change since), for CI.
 */
import { join, resolve } from 'node:path';
import { createConfigResolver } from '../../config/index.js';
import { admissionPolicy, policyText, type PolicyFormat, type PolicyMode } from '../../transformer/admission-policy/index.js';
import { presetFor } from '../../transformer/mesh/preset-for.js';
import { clusterContextFromText, emptyClusterContext, type ClusterContext } from '../../transformer/policy/cluster-context.js';
import type { Result } from '../../transformer/results.js';
import { discoverFiles } from '../cli/discover-files.js';
import { EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, UsageError } from '../cli/exit-codes.js';
import { hostFor, type Io } from '../cli/io.js';
import { displayPath } from '../cli/machine-results.js';
import { isSourceFile, readSourceFile } from '../cli/read-source.js';
import { printResults } from '../cli/report.js';
import { repoRoot } from '../cli/repo-root.js';
import { readCandidates } from '../cli/read-candidates.js';
import { readStdinText, STDIN } from '../cli/read-stdin.js';
import { allowJsConfig } from '../cli/run-files.js';
import { writeOutput } from '../cli/write-output.js';

export interface PolicyFlags {
  mode: PolicyMode;
  format: PolicyFormat;
  output?: string;
  config?: string;
  check?: boolean;
}

export async function runPolicy(io: Io, paths: readonly string[], flags: PolicyFlags): Promise<number> {
  if (flags.check && !flags.output) throw new UsageError('--check compares the policy with the file it was written to: add -o FILE');
  const resolver = createConfigResolver({ allowJs: allowJsConfig(io), stopDir: repoRoot(io.cwd), ...(flags.config ? { explicitPath: resolve(io.cwd, flags.config) } : {}) });
  const loaded = await resolver.resolveFor(join(io.cwd, '<policy>'));
  if (!loaded.config) return fail(io, [...loaded.errors, ...loaded.warnings]);
  const preset = presetFor(loaded.config);
  if (!preset) throw new UsageError('the config says mesh: none, so there is no mesh proxy to enforce; set mesh: istio or mesh: linkerd in .mesh-injectrc');
  const read = await readCluster(io, paths);
  if (read.problems.length > 0) return fail(io, read.problems);
  const generated = admissionPolicy({ config: loaded.config, preset, namespaces: read.cluster.namespaces, proxyConfigs: read.cluster.proxyConfigs, mode: flags.mode });
  if ('results' in generated) return fail(io, generated.results);
  const printed = policyText(generated.objects, flags.format);
  if ('results' in printed) return fail(io, printed.results);
  const { text } = printed;
  if (loaded.warnings.length > 0) printResults(io, loaded.warnings, false);
  if (flags.check) return checkOutput(io, flags, text);
  if (flags.output) await writeOutput(resolve(io.cwd, flags.output), text);
  else io.stdout(text);
  return EXIT_OK;
}

/** `--check`: the file must hold exactly the text a run would write. */
async function checkOutput(io: Io, flags: PolicyFlags, text: string): Promise<number> {
  const path = resolve(io.cwd, flags.output!);
  const shown = displayPath(io.cwd, path);
  const fs = hostFor(io).fs;
  const missing = await fs.lstat(path).then(() => false, (error: NodeJS.ErrnoException) => error.code === 'ENOENT');
  const current = missing ? undefined : await readSourceFile(path, shown, fs);
  if (current && !isSourceFile(current)) return fail(io, [current]);
  if (current?.text === text) return EXIT_OK;
  const again = ['mesh-inject policy', ...(flags.mode !== 'Deny' ? [`--mode ${flags.mode}`] : []), ...(flags.format !== 'yaml' ? [`--format ${flags.format}`] : []), `-o ${shown}`].join(' ');
  io.stderr(`${shown}: ${missing ? 'missing' : 'out of date'}: the policy for the current config differs; run \`${again}\` (with the same paths) to update it\n`);
  return EXIT_FINDINGS;
}

function fail(io: Io, results: readonly Result[]): number {
  printResults(io, results, true);
  return EXIT_INPUT;
}

/** Namespaces and ProxyConfig CRs of the inputs; unreadable inputs are problems naming their path. */
async function readCluster(io: Io, paths: readonly string[]): Promise<{ cluster: ClusterContext; problems: Result[] }> {
  const cluster = emptyClusterContext();
  if (paths.includes('-')) {
    if (paths.length > 1) throw new UsageError('`-` (stdin) cannot be combined with file paths');
    const read = await readStdinText(io);
    if ('result' in read) return { cluster, problems: [read.result] };
    clusterContextFromText(read.text, cluster, STDIN);
    return { cluster, problems: [] };
  }
  const host = hostFor(io);
  const discovery = await discoverFiles(paths, io.cwd, host);
  const problems: Result[] = [...discovery.results];
  for (const source of await readCandidates(discovery.candidates, io.cwd, host, problems)) clusterContextFromText(source.text, cluster, source.display);
  return { cluster, problems };
}
