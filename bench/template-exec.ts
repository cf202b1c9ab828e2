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
import { readFileSync, writeFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { defaultConfig, presetFor, Template } from './library.js';
import type { InjectConfig } from '../transformer/config.js';
import { isObject } from '../transformer/kube.js';
import type { MeshPreset, PodTemplate, WorkloadInfo } from '../transformer/mesh/types.js';
import { syntheticRepo } from './synthetic-repo.js';

const WORKLOADS = Number(process.env.BENCH_EXEC_WORKLOADS ?? 2_000);
/** Rounds over all the executions; the fastest counts (other processes on the machine only slow rounds down). */
const ROUNDS = Number(process.env.BENCH_EXEC_ROUNDS ?? 10);
const PIPELINE_ROUNDS = Number(process.env.BENCH_EXEC_PIPELINE_ROUNDS ?? 3);

interface Call {
  template: Template;
  data: unknown;
}

function templatedConfig(): InjectConfig {
  const dir = new URL('../../shared/conformance/istio/configs/default/', import.meta.url);
  const read = (name: string) => ({ path: name, text: readFileSync(new URL(name, dir), 'utf8') });
  const builtin = defaultConfig();
  return { ...builtin, istio: { ...builtin.istio, cluster: { injector: read('config.yaml'), values: read('values.json'), meshConfig: read('mesh.yaml') } } };
}

function syntheticPods(): { pod: PodTemplate; workload: WorkloadInfo }[] {
  const pods: { pod: PodTemplate; workload: WorkloadInfo }[] = [];
  for (const text of syntheticRepo(WORKLOADS, 0).values()) {
    for (const doc of parseAllDocuments(text, { version: '1.1' })) {
      const obj = doc.toJS() as Record<string, unknown>;
      const meta = obj.metadata as { name: string; namespace: string };
      const template = (obj.spec as { template?: unknown } | undefined)?.template;
      if (!isObject(template)) continue;
      pods.push({ pod: template as unknown as PodTemplate, workload: { apiVersion: String(obj.apiVersion), kind: String(obj.kind), name: meta.name, namespace: meta.namespace, labels: {} } });
    }
  }
  return pods;
}

/** Runs template mode over the pods with `Template.execute` wrapped by `around`. */
function runPreset(around: (template: Template, data: unknown, execute: () => string) => string): void {
  const config = templatedConfig();
  const preset = presetFor(config) as MeshPreset;
  const original = Template.prototype.execute;
  Template.prototype.execute = function (this: Template, data: unknown): string {
    return around(this, data, () => original.call(this, data));
  };
  try {
    for (const { pod, workload } of pods) {
      const out = preset({ pod, workload, config, podPath: 'spec.template' });
      if (!out.pod) throw new Error(`bench: ${out.results.map((r) => r.message).join('; ')}`);
    }
  } finally {
    Template.prototype.execute = original;
  }
}

const pods = syntheticPods();
// The calls template mode makes (and the warm-up of everything it runs).
const calls: Call[] = [];
runPreset((template, data, execute) => {
  calls.push({ template, data });
  return execute();
});
if (calls.length === 0) throw new Error('bench: no template ran');

// Execution inside template mode, between YAML parsing and merging: what template mode pays. The
// median execution, so that other processes on the machine and GC pauses do not decide it.
let inPipelineMs = Infinity;
for (let i = 0; i < PIPELINE_ROUNDS; i++) {
  const times: number[] = [];
  runPreset((_template, _data, execute) => {
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
