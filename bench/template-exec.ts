/**
 * Template execution alone: the injection templates template mode selects for synthetic pods (the
 * `default` conformance config set: `sidecar` only) run by the Go template engine on the template
 * data those pods get, as `name: value` lines.
 *
 *     npm run build && node --import tsx bench/template-exec.ts
 *
 * The data is what template mode really passes: the preset runs once over the pods with
 * `Template.execute` wrapped to record each call. `BENCH_EXEC_DUMP=file` writes every output (a
 * byte-for-byte check that an engine change keeps behaviour).
 */
import { writeFileSync } from 'node:fs';
import type { InjectConfig } from '../transformer/inject-config.js';
import type { MeshPreset } from '../transformer/mesh/types.js';
import { presetFor, Template } from './library.js';
import { syntheticPods, templatedConfig } from './template-mode-inputs.js';

const WORKLOADS = Number(process.env.BENCH_EXEC_WORKLOADS ?? 2_000);
/** Rounds over all the executions; the fastest counts (other processes on the machine only slow rounds down). */
const ROUNDS = Number(process.env.BENCH_EXEC_ROUNDS ?? 10);
const PIPELINE_ROUNDS = Number(process.env.BENCH_EXEC_PIPELINE_ROUNDS ?? 3);

interface Call {
  template: Template;
  data: unknown;
}

/** Runs template mode over the pods with `Template.execute` wrapped by `around`. */
function runPreset(config: InjectConfig, around: (template: Template, data: unknown, execute: () => string) => string): void {
  const preset = presetFor(config) as MeshPreset;
  const original = Template.prototype.execute;
  Template.prototype.execute = function (this: Template, data: unknown): string {
    return around(this, data, () => original.call(this, data));
  };
  try {
    for (const { pod, workload } of pods) {
      const out = preset.render({ pod, workload, config, podPath: 'spec.template' });
      if (!out.pod) throw new Error(`bench: ${out.results.map((r) => r.message).join('; ')}`);
    }
  } finally {
    Template.prototype.execute = original;
  }
}

// All of this bench runs Istio's templates: without the conformance data there is nothing to measure.
const config = templatedConfig();
if (!config) process.exit(0);
const pods = syntheticPods(WORKLOADS);
// The calls template mode makes (and the warm-up of everything it runs).
const calls: Call[] = [];
runPreset(config, (template, data, execute) => {
  calls.push({ template, data });
  return execute();
});
if (calls.length === 0) throw new Error('bench: no template ran');

// Execution inside template mode, between YAML parsing and merging: what template mode pays. The
// median execution, so that other processes on the machine and GC pauses do not decide it.
let inPipelineMs = Infinity;
for (let i = 0; i < PIPELINE_ROUNDS; i++) {
  const times: number[] = [];
  runPreset(config, (_template, _data, execute) => {
    const start = performance.now();
    const out = execute();
    times.push(performance.now() - start);
    return out;
  });
  inPipelineMs = Math.min(inPipelineMs, times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!);
}

// Execution alone, the same calls back to back: the engine's own speed.
const runAll = (): number => {
  let bytes = 0;
  for (const { template, data } of calls) bytes += template.execute(data).length;
  return bytes;
};
const samples: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  const start = performance.now();
  runAll();
  samples.push((performance.now() - start) / calls.length);
}
const dump = process.env.BENCH_EXEC_DUMP;
if (dump) writeFileSync(dump, calls.map(({ template, data }) => template.execute(data)).join('\n---\n'));
console.log(`template_exec_executions: ${calls.length}`);
console.log(`template_exec_in_pipeline_ms_per_execution: ${inPipelineMs.toFixed(4)}`);
console.log(`template_exec_ms_per_execution: ${Math.min(...samples).toFixed(4)}`);
