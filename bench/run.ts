/**
 * `npm run bench`: speed and memory figures, printed as `name: value` lines (never asserted in
 * tests). Ratios compare against baselines measured in the same run on the same machine.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { defaultConfig, emptyClusterContext, locate, parseManifest, presetFor, readOutline, toPlainData, transformText, verifyOutput } from './library.js';
import type { InjectConfig } from '../transformer/inject-config.js';
import type { MeshPreset } from '../transformer/mesh/types.js';
import { splitDocuments } from '../transformer/yaml/split-documents.js';
import { syntheticRepo } from './synthetic-repo.js';
import { syntheticPods, templatedConfig } from './template-mode-inputs.js';
import { measureTemplateCaches, TEMPLATE_CACHES } from './template-caches.js';

// As the CLI entry does (plugin/cli/entry.ts): a plain copy of the environment, so the YAML
// parser's per-token environment lookup is cheap for both the baseline and mesh-inject.
process.env = { ...process.env };

const WORKLOADS = Number(process.env.BENCH_WORKLOADS ?? 10_000);
const OTHERS = Number(process.env.BENCH_OTHERS ?? 20_000);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 15);
const TEMPLATE_WORKLOADS = Number(process.env.BENCH_TEMPLATE_WORKLOADS ?? 2_000);
const TEMPLATE_ROUNDS = Number(process.env.BENCH_TEMPLATE_ROUNDS ?? 5);
const OUTLINE_WORKLOADS = Number(process.env.BENCH_OUTLINE_WORKLOADS ?? 1_000);

function time<T>(fn: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = fn();
  return { ms: performance.now() - start, value };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function print(name: string, value: number | string, digits = 2): void {
  console.log(`${name}: ${typeof value === 'number' ? value.toFixed(digits) : value}`);
}

function repoBench(): void {
  const files = syntheticRepo(WORKLOADS, OTHERS);
  const texts = [...files.values()];
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  const config = defaultConfig();
  const preset = presetFor(config);
  const cluster = emptyClusterContext();

  // Warm up both paths so the JIT does not favour whichever runs second.
  for (const text of texts.slice(0, 200)) {
    transformText(text, { mode: 'inject', config, preset, cluster, digest: true });
    parseAllDocuments(text, { version: '1.1' }).map((d) => d.toString());
  }
  const roundTrip = time(() => {
    let out = 0;
    for (const text of texts) for (const doc of parseAllDocuments(text, { version: '1.1' })) out += doc.toString({ lineWidth: 0 }).length;
    return out;
  });
  const inject = time(() => {
    let injected = 0;
    for (const [path, text] of files) {
      const outcome = transformText(text, { mode: 'inject', config, preset, cluster, path, digest: true });
      injected += outcome.workloads.filter((w) => w.action === 'injected').length;
    }
    return injected;
  });
  const documents = WORKLOADS + OTHERS;
  print('repo_files', files.size, 0);
  print('repo_documents', documents, 0);
  print('repo_megabytes', bytes / 1e6);
  print('repo_workloads_injected', inject.value, 0);
  print('repo_inject_ms', inject.ms, 0);
  print('yaml_roundtrip_ms', roundTrip.ms, 0);
  print('repo_inject_docs_per_s', documents / (inject.ms / 1000), 0);
  print('repo_inject_workloads_per_s', WORKLOADS / (inject.ms / 1000), 0);
  print('repo_inject_vs_yaml_roundtrip_ratio', inject.ms / roundTrip.ms);

  // What verifying every edit costs (always on): the verify phase alone on real outputs.
  const workloadDocuments = [...files.values()].flatMap((text) => (splitDocuments(text) ?? []).map((slice) => slice.text));
  const verifiable = workloadDocuments.filter((text) => text.includes('kind: Deployment')).slice(0, 1000).map((text) => {
    const output = transformText(text, { mode: 'inject', config, preset, cluster, digest: true }).text;
    return { output, pristine: text, expected: readOutline(output)?.data };
  });
  const ctx = { mode: 'inject' as const, config, cluster, preset, eol: '\n' };
  const verify = time(() => verifiable.filter((v) => verifyOutput({ ctx, output: v.output, pristine: v.pristine, expected: v.expected, locate }) !== undefined).length);
  if (verify.value !== 0) throw new Error('bench: verification refused an output');
  print('verify_ms_per_injected_file', verify.ms / verifiable.length, 3);
  print('verify_share_of_inject', (verify.ms / verifiable.length) / (inject.ms / files.size));

  // Re-running on an injected repository (the pre-commit steady state, files rewritten in place:
  // `digest: true` as the CLI runs), on a sample.
  const sample = [...files].slice(0, 1000).map(([path, text]) => transformText(text, { mode: 'inject', config, preset, cluster, path, digest: true }).text);
  const reinject = time(() => sample.filter((text) => transformText(text, { mode: 'inject', config, preset, cluster, digest: true }).changed).length);
  if (reinject.value !== 0) throw new Error('re-injection changed an injected file');
  print('reinject_noop_ms_per_file', reinject.ms / sample.length);
  print('reinject_vs_inject_ratio', reinject.ms / sample.length / (inject.ms / files.size));
}

function coldStartBench(): void {
  const dir = mkdtempSync(join(tmpdir(), 'mesh-inject-bench-'));
  try {
    const file = join(dir, 'deploy.yaml');
    writeFileSync(file, syntheticRepo(1, 0).values().next().value!);
    const bin = new URL('../bin/mesh-inject.js', import.meta.url).pathname;
    const measure = (args: string[]) => {
      const samples: number[] = [];
      for (let i = 0; i < COLD_RUNS; i++) {
        const start = performance.now();
        try {
          execFileSync(process.execPath, args, { cwd: dir, stdio: 'ignore' });
        } catch {
          // --check exits 1 when the file needs injection: that is the expected outcome here
        }
        samples.push(performance.now() - start);
      }
      return median(samples);
    };
    const node = measure(['-e', '0']);
    const precommit = measure([bin, 'inject', '--check', file]);
    writeFileSync(join(dir, '.mesh-injectrc.yaml'), 'istio:\n  tag: 1.32.0\nnamespaces:\n  skip: [sandbox-*]\n');
    const withRc = measure([bin, 'inject', '--check', file]);
    print('node_startup_ms', node, 1);
    print('precommit_one_file_ms', precommit, 1);
    print('precommit_vs_node_startup_ratio', precommit / node);
    print('precommit_with_rc_one_file_ms', withRc, 1);
    print('precommit_with_rc_vs_node_startup_ratio', withRc / node);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Template mode (Istio's own templates run by the Go template engine) against the built-in preset:
 * the same synthetic pod templates through both presets, with the `default` conformance config
 * set's injector config, values and mesh config, read here at run time.
 */
/** A Linkerd config with the built-in chart defaults and the example repository's trust anchor. */
function linkerdConfig(): InjectConfig {
  const config = defaultConfig();
  config.mesh = 'linkerd';
  config.linkerd.identityTrustAnchorsPEM = readFileSync(new URL('../examples/gitops-repo-linkerd/linkerd/ca.crt', import.meta.url), 'utf8');
  return config;
}

/** Render cost per workload of each preset on the same pods: Istio built-in, Istio templates (with ../shared), Linkerd. */
function templateBench(): void {
  const builtin = defaultConfig();
  const templated = templatedConfig();
  const pods = syntheticPods(TEMPLATE_WORKLOADS);
  const pass = (config: InjectConfig): (() => number) => {
    const preset = presetFor(config) as MeshPreset;
    const once = () => {
      for (const { pod, workload } of pods) {
        const out = preset.render({ pod, workload, config, podPath: 'spec.template' });
        if (!out.pod) throw new Error(`bench: ${out.results.map((r) => r.message).join('; ')}`);
      }
    };
    once(); // warm-up (and, for template mode, parsing the templates)
    return () => time(once).ms;
  };
  // Presets never modify the pod they are given, so each call gets the same object (as the
  // pipeline passes its parsed data), not a copy whose cost would blur the comparison; checked below.
  const before = JSON.stringify(pods);
  const passes = { builtin: pass(builtin), linkerd: pass(linkerdConfig()), ...(templated ? { template: pass(templated) } : {}) };
  // Rounds alternate between the presets and the fastest of each counts: other processes on the
  // machine and GC pauses only ever slow a round down, and alternating keeps drift out of the ratio.
  const best: Record<string, number> = {};
  for (let round = 0; round < TEMPLATE_ROUNDS; round++) {
    for (const [name, run] of Object.entries(passes)) best[name] = Math.min(best[name] ?? Infinity, run());
  }
  if (JSON.stringify(pods) !== before) throw new Error('bench: a preset modified the pod it was given');
  print('builtin_render_ms_per_workload', best.builtin! / pods.length, 3);
  print('linkerd_render_ms_per_workload', best.linkerd! / pods.length, 3);
  print('linkerd_vs_istio_builtin_ratio', best.linkerd! / best.builtin!);
  if (best.template === undefined) return;
  print('template_render_ms_per_workload', best.template / pods.length, 3);
  print('template_vs_builtin_ratio', best.template / best.builtin!);
}

/** Each cache of template mode on vs off (`template-caches.ts`). */
function templateCacheBench(): void {
  const figures = measureTemplateCaches(TEMPLATE_WORKLOADS, TEMPLATE_ROUNDS);
  if (!figures) return;
  for (const name of TEMPLATE_CACHES) {
    print(`template_cache_${name}_on_cpu_ms_per_workload`, figures.onMs, 3);
    print(`template_cache_${name}_off_cpu_ms_per_workload`, figures.off[name], 3);
    print(`template_cache_${name}_gain`, figures.off[name] / figures.onMs);
  }
}

/**
 * Reading back what mesh-inject writes, as verification does: the outline reader (yaml's AST
 * without yaml, `transformer/yaml/outline/outline.ts`) against `yaml` (parse and plain data) on the
 * injected documents of the synthetic repository.
 */
function outlineBench(): void {
  const config = defaultConfig();
  const preset = presetFor(config);
  const cluster = emptyClusterContext();
  const documents = [...syntheticRepo(OUTLINE_WORKLOADS, 0).values()].flatMap((text) => {
    const output = transformText(text, { mode: 'inject', config, preset, cluster, digest: true }).text;
    return splitDocuments(output)!.map((slice) => slice.text).filter((doc) => doc.includes('mesh-inject.dev/injected'));
  });
  if (documents.some((doc) => readOutline(doc) === undefined)) throw new Error('bench: the outline reader declined an injected document');
  const outlinePass = () => time(() => documents.forEach((doc) => readOutline(doc))).ms;
  const yamlPass = () => time(() => documents.forEach((doc) => toPlainData(parseManifest(doc).parsed.doc))).ms;
  outlinePass();
  yamlPass();
  // Alternating rounds, fastest of each (as templateBench).
  let outlineMs = Infinity;
  let yamlMs = Infinity;
  for (let round = 0; round < 5; round++) {
    outlineMs = Math.min(outlineMs, outlinePass());
    yamlMs = Math.min(yamlMs, yamlPass());
  }
  print('outline_vs_yaml_parse_ratio', outlineMs / yamlMs, 3);
}

// BENCH_ONLY=repo|template|caches|outline|cold runs one section (profiling); unset runs all.
const only = process.env.BENCH_ONLY;
if (!only || only === 'repo') repoBench();
if (!only || only === 'template') templateBench();
if (!only || only === 'caches') templateCacheBench();
if (!only || only === 'outline') outlineBench();
if (!only || only === 'cold') coldStartBench();
print('peak_rss_mb', process.resourceUsage().maxRSS / 1024, 0);
