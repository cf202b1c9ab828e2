/**
 * Prometheus metrics merging: the agent serves Envoy's and the application's metrics together on
 * the status port. The pod's `prometheus.io/*` annotations (any spelling Prometheus sanitizes to
 * the same label, e.g. `prometheus.io.scrape`) and `prometheus.istio.io/scrape-targets` are saved
 * in the proxy's ISTIO_PROMETHEUS_ANNOTATIONS and replaced by ones pointing at the agent.
 *
 * Skipped when the pod says `prometheus.io/scrape: false`, when merging is off
 * (`prometheus.istio.io/merge-metrics` annotation, else config `enablePrometheusMerge`), or when
 * `prometheus.io/port` already points at the status port.
 */
import type { Result } from '../../results.js';
import type { PodTemplate } from '../types.js';
import { parseGoBool, sanitizeLabelName } from './go-compat.js';
import { goJsonStringify } from '../../go/go-json-text.js';
import { ANN } from './names.js';
import { findProxy, joinPath, mapProxy, stringMap, withAnnotation } from './pod-access.js';
import { PATH_KEY, PORT_KEY, SCRAPE_KEY, scrapeConfig, TARGETS_KEY, validateScrapePorts } from './scrape-config.js';

const MERGED_KEYS = new Set([SCRAPE_KEY, PORT_KEY, PATH_KEY, TARGETS_KEY]);

export const PROMETHEUS_ENV = 'ISTIO_PROMETHEUS_ANNOTATIONS';

type PrometheusMergeOutcome =
  | { kind: 'unchanged' }
  | { kind: 'merged'; remove: string[]; set: Record<string, string>; env?: string; warnings: string[] }
  | { kind: 'error'; annotation: string; value: string; message: string };

export function prometheusMerge(
  annotations: Readonly<Record<string, string>>,
  enabledByConfig: boolean,
  statusPort: number,
): PrometheusMergeOutcome {
  if (!scrapeWanted(annotations) || !mergeEnabled(annotations, enabledByConfig)) return { kind: 'unchanged' };
  const target = String(statusPort);
  if (valueOf(annotations, PORT_KEY) === target) return { kind: 'unchanged' };

  const warnings: string[] = [];
  const config = scrapeConfig(annotations, warnings);
  const problem = validateScrapePorts(config, target);
  if (problem) return { kind: 'error', ...problem };

  // Every spelling of the merged annotations goes; ours are (re)set.
  const remove = Object.keys(annotations).filter((k) => MERGED_KEYS.has(sanitizeLabelName(k)));
  const set = { 'prometheus.io/port': target, 'prometheus.io/path': '/stats/prometheus', 'prometheus.io/scrape': 'true' };
  const empty = config.scrape === '' && config.path === '' && config.port === '' && !config.targets?.length;
  return { kind: 'merged', remove, set, ...(empty ? {} : { env: goJsonStringify(config) }), warnings };
}

function scrapeWanted(annotations: Readonly<Record<string, string>>): boolean {
  for (const [k, v] of Object.entries(annotations)) {
    if (sanitizeLabelName(k) !== SCRAPE_KEY) continue;
    const b = parseGoBool(v);
    if (b !== undefined) return b;
  }
  return true;
}

function mergeEnabled(annotations: Readonly<Record<string, string>>, enabledByConfig: boolean): boolean {
  const value = annotations[ANN.mergeMetrics];
  const parsed = value === undefined ? undefined : parseGoBool(value);
  return parsed ?? enabledByConfig;
}

function valueOf(annotations: Readonly<Record<string, string>>, key: string): string | undefined {
  for (const [k, v] of Object.entries(annotations)) if (sanitizeLabelName(k) === key) return v;
  return undefined;
}

const SECURE_PORT = 'prometheus_istio_io_secure_port';
const SECURE_PORT_ENV = 'ENVOY_SECURE_MERGED_METRICS_PORT';

/**
 * `prometheus.istio.io/secure-port` from the proxy's ENVOY_SECURE_MERGED_METRICS_PORT (set via
 * proxyMetadata), unless the pod already names one. Undefined when there is nothing to add.
 */
function securePortAnnotation(
  annotations: Readonly<Record<string, string>>,
  proxyEnv: ReadonlyArray<{ name: string; value?: string }>,
): string | undefined {
  if (Object.keys(annotations).some((k) => sanitizeLabelName(k) === SECURE_PORT)) return undefined;
  const value = proxyEnv.find((e) => e.name === SECURE_PORT_ENV)?.value;
  return value && value !== '0' ? value : undefined;
}

interface PrometheusMergeSettings {
  /** Mesh `enablePrometheusMerge` (the pod's `prometheus.istio.io/merge-metrics` wins). */
  enablePrometheusMerge: boolean;
  /** ProxyConfig `statusPort`: where the agent serves the merged metrics. */
  statusPort: number;
}

/** Merge metrics on the injected pod; an invalid scrape port refuses the pod (`pod: undefined`). */
export function applyPrometheusMerge(pod: PodTemplate, settings: PrometheusMergeSettings, podPath: string): { pod?: PodTemplate; results: Result[] } {
  const annotationsPath = joinPath(podPath, 'metadata.annotations');
  const outcome = prometheusMerge(stringMap(pod.metadata.annotations), settings.enablePrometheusMerge, settings.statusPort);
  if (outcome.kind === 'error') {
    const result: Result = {
      severity: 'error',
      code: 'invalid-annotation',
      field: { path: `${annotationsPath}.${outcome.annotation}` },
      message: `invalid value '${outcome.value}' for annotation '${outcome.annotation}': ${outcome.message}`,
    };
    return { results: [result] };
  }
  let out = pod;
  const results: Result[] = [];
  if (outcome.kind === 'merged') {
    results.push(...outcome.warnings.map((message): Result => ({ severity: 'warning', code: 'unknown-annotation-value', field: { path: annotationsPath }, message })));
    out = { ...out, metadata: { ...out.metadata, annotations: editAnnotations(out.metadata.annotations ?? {}, outcome.remove, outcome.set) } };
    const env = outcome.env;
    if (env !== undefined) out = mapProxy(out, (proxy) => ({ ...proxy, env: [...(proxy.env ?? []), { name: PROMETHEUS_ENV, value: env }] }));
  }
  const securePort = securePortAnnotation(stringMap(out.metadata.annotations), findProxy(out)?.env ?? []);
  if (securePort !== undefined) out = withAnnotation(out, ANN.securePort, securePort);
  return { pod: out, results };
}

/** Remove then set, keeping the place of a key that is both removed and set (minimal edits). */
function editAnnotations(current: Readonly<Record<string, string>>, remove: readonly string[], set: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(current)) {
    if (k in set) out[k] = set[k]!;
    else if (!remove.includes(k)) out[k] = v;
  }
  return Object.assign(out, set);
}
