/**
 * `mesh-inject patches --out DIR [--check] [PATH…]`: the injection of the input as a kustomize
 * Component in DIR (transformer/patches/), for overlays that keep their bases pristine. The input
 * is only read. With `--check`, nothing is written: exit 1 and the stale files when DIR differs
 * from what a run would write.
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { hasErrors } from '../../transformer/index.js';
import { patchEntries, renderComponent } from '../../transformer/patches/component.js';
import { EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, UsageError, exitCodeFor } from '../cli/exit-codes.js';
import { hostFor, type Io } from '../cli/io.js';
import { displayPath, ioError, isSystemError, machineResult } from '../cli/machine-results.js';
import { printResults } from '../cli/report.js';
import { removeStaleTemps } from '../cli/stale-temps.js';
import { conflictingEntries, readDirState, staleFiles, writeComponent, type DirState } from './component-dir.js';
import { readInputs } from './read-inputs.js';

export interface PatchesFlags {
  out: string;
  check?: boolean;
  config?: string;
  verbose?: boolean;
}

export async function runPatches(paths: readonly string[], flags: PatchesFlags, io: Io): Promise<number> {
  const host = hostFor(io);
  const dir = resolve(io.cwd, flags.out);
  const shown = displayPath(io.cwd, dir);
  const inputs = await readInputs(paths, flags.config, io);
  const results = [...inputs.results];
  let files: Map<string, string> | undefined;
  if (!hasErrors(results)) {
    try {
      files = renderComponent(patchEntries(inputs.pairs, inputs.workloads, inputs.stream ? 'default' : 'any'));
    } catch (error) {
      results.push(machineResult('internal-error', shown, `internal error while building the component; nothing was written. Please report this with the input: ${(error as Error)?.stack ?? String(error)}`));
    }
  }
  printResults(io, results, flags.verbose === true);
  if (!files) return exitCodeFor(results) || EXIT_FINDINGS;

  let state: DirState;
  try {
    state = await readDirState(dir, host.fs);
  } catch (error) {
    if (!isSystemError(error)) throw error;
    printResults(io, [ioError(shown, 'read the output directory', error)], true);
    return EXIT_INPUT;
  }
  if (state.kind === 'foreign') throw new UsageError(`--out ${shown}: ${state.reason}; mesh-inject only writes into a new or empty directory, or one it wrote before`);
  const conflicts = conflictingEntries(files, state);
  if (conflicts.length) throw new UsageError(`--out ${shown}: ${conflicts.join(', ')} would be overwritten but ${conflicts.length === 1 ? 'was' : 'were'} not written by mesh-inject patches; move ${conflicts.length === 1 ? 'it' : 'them'} out of the directory`);
  const stale = staleFiles(files, state);
  const patchCount = files.size - 1;

  if (flags.check) {
    for (const [name, why] of stale) io.stdout(`${displayPath(io.cwd, resolve(dir, name))}: ${why}\n`);
    if (stale.size) io.stderr(`the component in ${shown} is stale (${stale.size} file(s)); run \`mesh-inject patches --out ${shown}\` to update it\n`);
    return stale.size ? EXIT_FINDINGS : EXIT_OK;
  }
  try {
    await mkdir(dir, { recursive: true });
    await removeStaleTemps([dir], host);
    await writeComponent(dir, files, stale, host.fs, host.pid);
  } catch (error) {
    if (!isSystemError(error)) throw error;
    printResults(io, [ioError(shown, 'write the component', error)], true);
    return EXIT_INPUT;
  }
  const removed = [...stale.keys()].filter((name) => !files.has(name)).length;
  const written = stale.size - removed;
  io.stderr(`${shown}: ${patchCount} patch file(s); ${written} file(s) written, ${removed} removed, ${files.size - written} up to date\n`);
  return EXIT_OK;
}
