/**
 * What each cache of template mode (`TemplateModeCache`) buys: template mode over the synthetic
 * pods with every cache on, and with each one switched off (`TemplateModeCacheOptions`), as
 * `template_cache_<name>_on/off_ms_per_workload` and `template_cache_<name>_gain` (off / on: 1.25
 * means the cache saves 20% of the time). A cache that buys less than 10% has no place.
 *
 * Passes are timed in CPU time of this process, so other processes on the machine count for little;
 * rounds alternate between the variants and the fastest of each counts (as `templateBench`).
 */
import type { InjectConfig } from '../transformer/inject-config.js';
import type { TemplateModeCacheOptions } from '../transformer/mesh/istio-templates/index.js';
import type { MeshPreset } from '../transformer/mesh/types.js';
import { parseClusterInputs, presetFor } from './library.js';
import { syntheticPods, templatedConfig } from './template-mode-inputs.js';

export const TEMPLATE_CACHES = ['blocks', 'protoMessages'] as const satisfies readonly (keyof TemplateModeCacheOptions)[];

export interface CacheFigures {
  onMs: number;
  off: Record<(typeof TEMPLATE_CACHES)[number], number>;
}

function cpuMs(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** Per-workload milliseconds with every cache on and with each off; undefined without the conformance data. */
export function measureTemplateCaches(workloads: number, rounds: number): CacheFigures | undefined {
  const templated = templatedConfig();
  if (!templated) return undefined;
  const pods = syntheticPods(workloads);
  const variant = (options: TemplateModeCacheOptions): (() => number) => {
    // New inputs objects: each variant parses them once, with its own cache.
    const cluster = { ...templated.istio.cluster! };
    const parsed = parseClusterInputs(cluster, options);
    if (!parsed.ok) throw new Error('bench: the template-mode inputs do not parse');
    const config: InjectConfig = { ...templated, istio: { ...templated.istio, cluster } };
    const preset = presetFor(config) as MeshPreset;
    const once = () => {
      for (const { pod, workload } of pods) {
        const out = preset.render({ pod, workload, config, podPath: 'spec.template' });
        if (!out.pod) throw new Error(`bench: ${out.results.map((r) => r.message).join('; ')}`);
      }
    };
    once(); // warm-up
    return () => cpuMs(once);
  };
  const passes = [{ name: 'on', pass: variant({}), best: Infinity }];
  for (const name of TEMPLATE_CACHES) passes.push({ name, pass: variant({ [name]: false }), best: Infinity });
  for (let round = 0; round < rounds; round++) for (const p of passes) p.best = Math.min(p.best, p.pass());
  const perWorkload = (name: string) => passes.find((p) => p.name === name)!.best / pods.length;
  return { onMs: perWorkload('on'), off: Object.fromEntries(TEMPLATE_CACHES.map((name) => [name, perWorkload(name)])) as CacheFigures['off'] };
}
