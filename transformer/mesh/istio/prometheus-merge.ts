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
import { RESERVED_PORTS } from './defaults.js';
import { parseGoBool, sanitizeLabelName } from './go-compat.js';
import { goJsonStringify } from './go-json.js';
import { ANN } from './names.js';

const SCRAPE = 'prometheus_io_scrape';
const PORT = 'prometheus_io_port';
const PATH = 'prometheus_io_path';
const TARGETS = 'prometheus_istio_io_scrape_targets';
const MERGED_KEYS = new Set([SCRAPE, PORT, PATH, TARGETS]);

export const PROMETHEUS_ENV = 'ISTIO_PROMETHEUS_ANNOTATIONS';

interface ScrapeTarget {
  port: string;
  path: string;
}

interface ScrapeConfig {
  scrape: string;
  path: string;
  port: string;
  targets?: ScrapeTarget[];
}

export type PrometheusMergeOutcome =
  | { kind: 'unchanged' }
  | { kind: 'merged'; annotations: Record<string, string>; env?: string; warnings: string[] }
  | { kind: 'error'; annotation: string; value: string; message: string };

export function prometheusMerge(
  annotations: Readonly<Record<string, string>>,
  enabledByConfig: boolean,
  statusPort: number,
): PrometheusMergeOutcome {
  if (!scrapeWanted(annotations) || !mergeEnabled(annotations, enabledByConfig)) return { kind: 'unchanged' };
  const target = String(statusPort);
  if (valueOf(annotations, PORT) === target) return { kind: 'unchanged' };

  const warnings: string[] = [];
  const config = scrapeConfig(annotations, warnings);
  const problem = validatePorts(config, target);
  if (problem) return { kind: 'error', ...problem };

  const ours: Record<string, string> = {
    'prometheus.io/port': target,
    'prometheus.io/path': '/stats/prometheus',
    'prometheus.io/scrape': 'true',
  };
  // Clear every spelling; an annotation already spelled like ours keeps its place.
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(annotations)) {
    if (k in ours) out[k] = ours[k]!;
    else if (!MERGED_KEYS.has(sanitizeLabelName(k))) out[k] = v;
  }
  Object.assign(out, ours);
  const empty = config.scrape === '' && config.path === '' && config.port === '' && !config.targets?.length;
  return { kind: 'merged', annotations: out, ...(empty ? {} : { env: goJsonStringify(config) }), warnings };
}

function scrapeWanted(annotations: Readonly<Record<string, string>>): boolean {
  for (const [k, v] of Object.entries(annotations)) {
    if (sanitizeLabelName(k) !== SCRAPE) continue;
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

function scrapeConfig(annotations: Readonly<Record<string, string>>, warnings: string[]): ScrapeConfig {
  const config: ScrapeConfig = { scrape: '', path: '', port: '' };
  for (const [k, v] of Object.entries(annotations)) {
    const key = sanitizeLabelName(k);
    if (key === PORT) config.port = v;
    else if (key === SCRAPE) config.scrape = v;
    else if (key === PATH) config.path = v;
    else if (key === TARGETS) {
      const targets = parseScrapeTargets(v);
      if (typeof targets === 'string') warnings.push(`ignoring ${k}: ${targets}`);
      else if (targets.length > 0) config.targets = targets;
    }
  }
  // Old agents only know port/path: point them at the first target.
  const first = config.targets?.[0];
  if (first) {
    config.port = first.port;
    config.path = first.path;
  }
  return config;
}

/** `"8080:/metrics, 9100"` -> targets (path defaults to `/metrics`); a string is an error. */
export function parseScrapeTargets(raw: string): ScrapeTarget[] | string {
  const targets: ScrapeTarget[] = [];
  for (const entry of raw.split(',').map((e) => e.trim())) {
    if (entry === '') continue;
    const colon = entry.indexOf(':');
    const port = (colon < 0 ? entry : entry.slice(0, colon)).trim();
    const path = colon < 0 ? '' : entry.slice(colon + 1).trim();
    if (port === '') return `empty port in scrape target "${entry}"`;
    targets.push({ port, path: path === '' ? '/metrics' : path });
  }
  return targets;
}

function validatePorts(config: ScrapeConfig, target: string): { annotation: string; value: string; message: string } | undefined {
  const checks: Array<{ port: string; annotation: string; value: string }> = config.targets?.length
    ? config.targets.map((t) => ({ port: t.port, annotation: 'prometheus.istio.io/scrape-targets', value: t.port }))
    : config.port !== ''
      ? [{ port: config.port, annotation: 'prometheus.io/port', value: config.port }]
      : [];
  for (const check of checks) {
    const n = /^[+-]?[0-9]+$/.test(check.port) ? Number(check.port) : NaN;
    if (!Number.isInteger(n) || n < 1 || n > 65535) {
      return { ...check, message: `invalid scrape port "${check.port}": use a port number in 1..65535` };
    }
    const canonical = String(n);
    if (canonical === target) {
      return { ...check, message: `scrape port ${check.port} is the agent's status port, where merged metrics are served; point it at the application's metrics port` };
    }
    const reason = RESERVED_PORTS[canonical];
    if (reason) {
      return { ...check, message: `scrape port ${check.port} is reserved for Istio (${reason}) and cannot be scraped; use the application's metrics port` };
    }
  }
  return undefined;
}
