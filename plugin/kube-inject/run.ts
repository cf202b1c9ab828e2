/**
 * `mesh-inject kube-inject`: the `istioctl kube-inject` command line around the pure stream logic
 * in transformer/kube-inject/. Reads `-f FILE|-`, gathers the cluster inputs (`inputs.ts`) and
 * knobs (`knobs.ts`), prints istioctl's warnings on stderr, and writes the whole output or nothing:
 * on an error stdout stays empty and `-o FILE` is not touched.
 */
import { join, resolve } from 'node:path';
import { kubeInject } from '../../transformer/kube-inject/index.js';
import { renderWithTemplates } from '../../transformer/mesh/istio-templates/index.js';
import { formatResult } from '../../transformer/results.js';
import { EXIT_INPUT, EXIT_OK, UsageError } from '../cli/exit-codes.js';
import type { Io } from '../cli/io.js';
import { writeOutput } from '../cli/write-output.js';
import { clusterInputs, readSource, type InputFlags } from './inputs.js';
import { knobsFromFlags, type KnobFlags } from './knobs.js';

export interface KubeInjectFlags extends InputFlags, KnobFlags {
  filename?: string;
  output?: string;
}

export async function runKubeInject(io: Io, flags: KubeInjectFlags): Promise<number> {
  try {
    if (!flags.filename) throw new UsageError('filename not specified (see --filename or -f)');
    const knobs = knobsFromFlags(flags);
    const fromStdin = flags.filename === '-';
    const inputPath = fromStdin ? join(io.cwd, '<stdin>') : resolve(io.cwd, flags.filename);
    const inputs = await clusterInputs(io, flags, inputPath);
    const text = fromStdin ? await io.readStdin() : (await readSource(inputPath)).text;

    const display = fromStdin ? '<stdin>' : flags.filename;
    const outcome = kubeInject(text, { render: renderWithTemplates, inputs, knobs, path: display });
    // istioctl prints its warnings after the stream, each followed by a blank line.
    if (outcome.warnings.length > 0) io.stderr(`\n${outcome.warnings.map((w) => `${w}\n\n`).join('')}`);
    for (const result of outcome.results) if (result.severity !== 'info') io.stderr(`${formatResult(result)}\n`);
    if (outcome.error) {
      const where = outcome.error.document !== undefined ? ` (document ${outcome.error.document + 1} of ${display})` : '';
      io.stderr(`Error: ${outcome.error.message}${where}\n`);
      return EXIT_INPUT;
    }
    if (flags.output) await writeOutput(resolve(io.cwd, flags.output), outcome.text);
    else io.stdout(outcome.text);
    return EXIT_OK;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`Error: ${error.message}\n`);
    return EXIT_INPUT;
  }
}
