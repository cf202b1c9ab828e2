/**
 * A pod's effective ProxyConfig the way the injection webhook computes it
 * (`GetProxyConfigOrDefault` → `EffectiveProxyConfig`, pilot/pkg/model/proxy_config.go). Levels
 * from lowest to highest precedence, each merged over the ones below with `mergeProxyConfig`
 * (set fields replace, `proxyMetadata` merges key by key):
 *
 * | # | level                                                                               | applies when                         |
 * |---|-------------------------------------------------------------------------------------|--------------------------------------|
 * | 1 | Istio's defaults + the mesh `defaultConfig`                                         | always                               |
 * | 2 | first CR without `selector` in the root namespace                                   | a root namespace is configured       |
 * | 3 | first CR without `selector` in the pod's namespace                                  | the pod is not in the root namespace |
 * | 4 | the pod's `proxy.istio.io/config` annotation                                        | the annotation is set                |
 * | 5 | first CR in the pod's namespace whose non-empty `selector.matchLabels` ⊆ pod labels | one matches                          |
 *
 * Row 5 over row 4 is Istio's order: the annotation is merged "with lower priority than the
 * workload-matching ProxyConfig CRs". "First" is the oldest in the cluster; in a manifest set,
 * the first in input order. A selector without labels selects no pod (neither row 3 nor row 5).
 * `istioctl kube-inject` applies rows 1 and 4 only (istio/istio#37801).
 */
import type { Result } from '../../results.js';
import type { MeshRenderInput } from '../types.js';
import { stringMap } from './pod-access.js';
import { mergeProxyConfig, type ProxyConfig } from './proxy-config.js';
import { proxyConfigName, type InvalidProxyConfig, type ProxyConfigResource, type ValidProxyConfig } from './proxy-config-crs.js';

/** The CRs (rows 2, 3 and 5) that apply to one pod. */
export interface ProxyConfigLayers {
  root?: ValidProxyConfig;
  namespace?: ValidProxyConfig;
  workload?: ValidProxyConfig;
}

interface ProxyConfigTarget {
  namespace: string;
  labels: Readonly<Record<string, string>>;
}

type LayersOutcome = { ok: true; layers: ProxyConfigLayers } | { ok: false; invalid: InvalidProxyConfig };

/**
 * Rows 2, 3 and 5. An invalid CR where one could apply (the root or the pod's namespace) fails the
 * pod: the API server would reject it, so what the user wants the proxy to get is not known.
 */
export function selectProxyConfigs(resources: readonly ProxyConfigResource[], target: ProxyConfigTarget, rootNamespace: string, defaultNamespace: string): LayersOutcome {
  const layers: ProxyConfigLayers = {};
  for (const resource of resources) {
    const namespace = resource.namespace ?? defaultNamespace;
    const inRoot = rootNamespace !== '' && namespace === rootNamespace;
    if (!inRoot && namespace !== target.namespace) continue;
    if (!resource.valid) return { ok: false, invalid: resource };
    if (resource.matchLabels === undefined) {
      if (inRoot) layers.root ??= resource;
      if (namespace === target.namespace && namespace !== rootNamespace) layers.namespace ??= resource;
    } else if (namespace === target.namespace && isWorkloadMatch(resource.matchLabels, target.labels)) {
      layers.workload ??= resource;
    }
  }
  return { ok: true, layers };
}

function isWorkloadMatch(matchLabels: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): boolean {
  const entries = Object.entries(matchLabels);
  return entries.length > 0 && entries.every(([key, value]) => Object.hasOwn(labels, key) && labels[key] === value);
}

/** Rows 1 to 5 merged: `base` is row 1, `annotation` the parsed row 4. */
export function applyProxyConfigLayers(base: ProxyConfig, annotation: ProxyConfig | undefined, layers: ProxyConfigLayers = {}): ProxyConfig {
  let merged = base;
  for (const overlay of [layers.root?.overlay, layers.namespace?.overlay, annotation, layers.workload?.overlay]) {
    if (overlay) merged = mergeProxyConfig(merged, overlay);
  }
  return merged;
}

type PodProxyConfigs = { ok: true; layers: ProxyConfigLayers; applied: string[] } | { ok: false; result: Result };

/** A preset's step: the CRs for the pod being rendered (with their names, for `explain`), or why it is not injected. */
export function podProxyConfigs(input: MeshRenderInput, rootNamespace: string): PodProxyConfigs {
  const defaultNamespace = input.config.defaultNamespace;
  const target = { namespace: input.workload.namespace, labels: stringMap(input.pod.metadata?.labels) };
  const outcome = selectProxyConfigs(input.proxyConfigs ?? [], target, rootNamespace, defaultNamespace);
  if (!outcome.ok) {
    const { invalid } = outcome;
    const where = invalid.file ? ` in ${invalid.file.path}` : '';
    const message = `ProxyConfig ${proxyConfigName(invalid, defaultNamespace)}${where} is invalid (${invalid.field.join('.')} ${invalid.message}); not injected until it is fixed, as the proxy settings it would give this pod are unknown`;
    return { ok: false, result: { severity: 'error', code: 'invalid-proxyconfig', message } };
  }
  const { root, namespace, workload } = outcome.layers;
  const applied = [root, namespace, workload].filter((r) => r !== undefined).map((r) => proxyConfigName(r, defaultNamespace));
  return { ok: true, layers: outcome.layers, applied };
}
