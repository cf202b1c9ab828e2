/**
 * `PROXY_CONFIG`: the effective ProxyConfig minus Istio's defaults, written the way legacy jsonpb
 * writes it (fields in proto declaration order, unset and zero fields left out, map keys sorted,
 * no whitespace). The proxy reads it at start-up, so it only needs to carry what differs.
 */
import { isObject } from '../../kube/objects.js';
import { PROXY_CONFIG_FIELDS } from './proxy-config-fields.js';
import { defaultProxyConfig, isPopulated, type ProxyConfig } from './proxy-config.js';

/** Fields dropped when equal to Go's `DefaultProxyConfig()` (Istio's `cleanProxyConfig`). */
const STRIPPED_WHEN_DEFAULT = [
  'configPath',
  'binaryPath',
  'controlPlaneAuthPolicy',
  'serviceCluster',
  'drainDuration',
  'terminationDrainDuration',
  'discoveryAddress',
  'proxyAdminPort',
  'statNameLength',
  'statusPort',
] as const;

function cleanProxyConfig(pc: ProxyConfig): ProxyConfig {
  const defaults = defaultProxyConfig();
  const out: ProxyConfig = { ...pc };
  for (const name of STRIPPED_WHEN_DEFAULT) {
    if (out[name] === defaults[name]) delete out[name];
  }
  return out;
}

export function proxyConfigJson(pc: ProxyConfig): string {
  const cleaned = cleanProxyConfig(pc);
  const parts: string[] = [];
  for (const field of PROXY_CONFIG_FIELDS) {
    const value = cleaned[field.name];
    if (field.kind === 'message' || field.kind === 'int-wrapper' || field.kind === 'bool-wrapper') {
      // Messages and wrappers are written whenever present, even empty or holding a zero.
      if (value === undefined || value === null) continue;
    } else if (field.kind === 'string-map') {
      if (!isObject(value) || Object.keys(value).length === 0) continue;
    } else if (!isPopulated(value, field)) {
      continue;
    }
    parts.push(`${JSON.stringify(field.name)}:${jsonValue(value, field.kind === 'string-map')}`);
  }
  return `{${parts.join(',')}}`;
}

function jsonValue(value: unknown, sortKeys: boolean): string {
  if (sortKeys && isObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
