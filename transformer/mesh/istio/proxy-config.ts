/**
 * `ProxyConfig` values: Istio's defaults, the mesh `defaultConfig` the chart renders from our
 * config, parsing the pod's `proxy.istio.io/config` annotation, and the merge every level of the
 * effective ProxyConfig uses (the levels, ProxyConfig CRs included: `proxy-config-layers.ts`).
 *
 * Merge rule (legacy jsonpb onto a non-empty message): every field the annotation *populates*
 * replaces the whole field; proto3 zero values (`""`, `0`, the first enum value, empty lists
 * and maps) populate nothing and leave the field as it was; `proxyMetadata` is merged key by key.
 */
import { parse } from 'yaml';
import type { IstioConfig } from '../../inject-config.js';
import { isObject } from '../../kube/objects.js';
import { DEFAULT_DISCOVERY_ADDRESS, STATUS_PORT } from './defaults.js';
import { durationNanos, formatDuration } from './durations.js';
import { lookupField, type ProxyConfigField } from './proxy-config-fields.js';

export type ProxyConfig = Record<string, unknown>;

/** Go `mesh.DefaultProxyConfig()`. */
export function defaultProxyConfig(): ProxyConfig {
  return {
    configPath: './etc/istio/proxy',
    binaryPath: '/usr/local/bin/envoy',
    serviceCluster: 'istio-proxy',
    drainDuration: '45s',
    discoveryAddress: DEFAULT_DISCOVERY_ADDRESS,
    proxyAdminPort: 15000,
    controlPlaneAuthPolicy: 'MUTUAL_TLS',
    statNameLength: 189,
    terminationDrainDuration: '5s',
    statusPort: STATUS_PORT,
  };
}

/** The mesh `defaultConfig` the istio-discovery chart renders for these knobs, over the Go defaults. */
export function meshProxyConfig(istio: IstioConfig): ProxyConfig {
  const pc = defaultProxyConfig();
  const rev = istio.revision === '' ? '' : `-${istio.revision}`;
  pc.discoveryAddress = `istiod${rev}.${istio.istioNamespace}.svc:15012`;
  if (istio.meshId !== '') pc.meshId = istio.meshId;
  return pc;
}

type ParsedProxyConfig = { ok: true; overlay: ProxyConfig } | { ok: false; error: string };

/** Parse the annotation (YAML or JSON) into canonical field values; unknown fields are ignored like jsonpb's fallback. */
export function parseProxyConfigAnnotation(text: string): ParsedProxyConfig {
  let doc: unknown;
  try {
    doc = parse(text, { version: '1.1' });
  } catch (e) {
    return { ok: false, error: `not valid YAML or JSON: ${(e as Error).message.split('\n')[0]}` };
  }
  return proxyConfigFromObject(doc);
}

/** A parsed ProxyConfig document (the annotation, or a mesh config's `defaultConfig`) as canonical field values. */
export function proxyConfigFromObject(doc: unknown): ParsedProxyConfig {
  if (doc === null || doc === undefined) return { ok: true, overlay: {} };
  if (!isObject(doc)) return { ok: false, error: 'expected a mapping of ProxyConfig fields' };
  const overlay: ProxyConfig = {};
  for (const [key, raw] of Object.entries(doc)) {
    const field = lookupField(key);
    if (!field || raw === null) continue;
    const converted = convertField(field, raw);
    if (typeof converted === 'object' && converted !== null && 'error' in converted) {
      return { ok: false, error: `field ${key}: ${(converted as { error: string }).error}` };
    }
    overlay[field.name] = converted;
  }
  return { ok: true, overlay };
}

/** Apply a parsed overlay: populated fields replace, `proxyMetadata` merges. */
export function mergeProxyConfig(base: ProxyConfig, overlay: ProxyConfig): ProxyConfig {
  const out: ProxyConfig = { ...base };
  for (const [name, value] of Object.entries(overlay)) {
    if (!isPopulated(value, lookupField(name))) continue;
    if (name === 'proxyMetadata') {
      out.proxyMetadata = { ...(base.proxyMetadata as Record<string, string> | undefined), ...(value as Record<string, string>) };
    } else {
      out[name] = value;
    }
  }
  return out;
}

type Converted = unknown | { error: string };

function convertField(field: ProxyConfigField, raw: unknown): Converted {
  switch (field.kind) {
    case 'string':
      return typeof raw === 'string' ? raw : { error: `expected a string, got ${JSON.stringify(raw)}` };
    case 'int':
    case 'int-wrapper':
      return toInt(raw);
    case 'bool':
    case 'bool-wrapper':
      return typeof raw === 'boolean' ? raw : { error: `expected true or false, got ${JSON.stringify(raw)}` };
    case 'duration': {
      if (typeof raw !== 'string' || durationNanos(raw) === undefined) {
        return { error: `expected a duration in seconds such as "23s" or "1.5s", got ${JSON.stringify(raw)}` };
      }
      return formatDuration(durationNanos(raw)!);
    }
    case 'enum': {
      const values = field.enumValues ?? [];
      if (typeof raw === 'string' && values.includes(raw)) return raw;
      if (typeof raw === 'number' && Number.isInteger(raw) && values[raw] !== undefined) return values[raw];
      return { error: `expected one of ${values.join(', ')}, got ${JSON.stringify(raw)}` };
    }
    case 'message':
      return isObject(raw) ? raw : { error: `expected a mapping, got ${JSON.stringify(raw)}` };
    case 'string-map': {
      if (!isObject(raw)) return { error: `expected a mapping of strings, got ${JSON.stringify(raw)}` };
      for (const [k, v] of Object.entries(raw)) {
        if (typeof v !== 'string') return { error: `value of ${k} must be a string, got ${JSON.stringify(v)}` };
      }
      return { ...raw };
    }
    case 'string-list': {
      if (!Array.isArray(raw) || raw.some((v) => typeof v !== 'string')) {
        return { error: `expected a list of strings, got ${JSON.stringify(raw)}` };
      }
      return [...raw];
    }
  }
}

function toInt(raw: unknown): Converted {
  const n = typeof raw === 'string' && /^-?[0-9]+$/.test(raw) ? Number(raw) : raw;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < -(2 ** 31) || n > 2 ** 32 - 1) {
    return { error: `expected an integer, got ${JSON.stringify(raw)}` };
  }
  return n;
}

/**
 * proto3 presence: scalars at their zero value (enums: the first value) and empty lists/maps are
 * "not set"; messages and wrappers (`concurrency: 0`, `holdApplicationUntilProxyStarts: false`)
 * are set whenever present.
 */
export function isPopulated(value: unknown, field?: ProxyConfigField): boolean {
  if (value === undefined || value === null) return false;
  const kind = field?.kind;
  if (kind === 'message' || kind === 'int-wrapper' || kind === 'bool-wrapper') return true;
  if (value === '' || value === 0 || value === false) return false;
  if (kind === 'enum' && value === field?.enumValues?.[0]) return false;
  if (isObject(value)) return Object.keys(value).length > 0;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}
