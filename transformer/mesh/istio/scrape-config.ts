/**
 * What the app asks Prometheus to scrape: `prometheus.io/{scrape,path,port}` in any spelling
 * Prometheus sanitizes alike, and `prometheus.istio.io/scrape-targets` (`"8080:/metrics,9100"`);
 * the agent scrapes these once the pod's annotations point at it. Ports are checked the way
 * Istio checks them before merging.
 */
import { RESERVED_PORTS } from './defaults.js';
import { sanitizeLabelName } from './go-compat.js';

export const PORT_KEY = 'prometheus_io_port';
export const SCRAPE_KEY = 'prometheus_io_scrape';
export const PATH_KEY = 'prometheus_io_path';
export const TARGETS_KEY = 'prometheus_istio_io_scrape_targets';

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

export function scrapeConfig(annotations: Readonly<Record<string, string>>, warnings: string[]): ScrapeConfig {
  const config: ScrapeConfig = { scrape: '', path: '', port: '' };
  for (const [k, v] of Object.entries(annotations)) {
    const key = sanitizeLabelName(k);
    if (key === PORT_KEY) config.port = v;
    else if (key === SCRAPE_KEY) config.scrape = v;
    else if (key === PATH_KEY) config.path = v;
    else if (key === TARGETS_KEY) {
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

export function validateScrapePorts(config: ScrapeConfig, target: string): { annotation: string; value: string; message: string } | undefined {
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
