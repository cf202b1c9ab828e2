/**
 * The effective `ProxyConfig` of a pod: Istio's defaults, the mesh `defaultConfig` the chart
 * renders from our config, then the pod's `proxy.istio.io/config` annotation (kube-inject applies
 * only the annotation, never ProxyConfig CRs).
 *
 * Merge rule (legacy jsonpb onto a non-empty message): every field the annotation *populates*
 * replaces the whole field; proto3 zero values (`""`, `0`, the first enum value, empty lists
 * and maps) populate nothing and leave the field as it was; `proxyMetadata` is merged key by key.
 */
import { parse } from 'yaml';
import type { IstioConfig } from '../../config.js';
import { isObject } from '../../kube.js';
import { DEFAULT_DISCOVERY_ADDRESS, STATUS_PORT } from './defaults.js';
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

export type ParsedProxyConfig = { ok: true; overlay: ProxyConfig } | { ok: false; error: string };

/** Parse the annotation (YAML or JSON) into canonical field values; unknown fields are ignored like jsonpb's fallback. */
export function parseProxyConfigAnnotation(text: string): ParsedProxyConfig {
  let doc: unknown;
  try {
    doc = parse(text, { version: '1.1' });
  } catch (e) {
    return { ok: false, error: `not valid YAML or JSON: ${(e as Error).message.split('\n')[0]}` };
  }
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
    if (!isPopulated(value)) continue;
    if (name === 'proxyMetadata') {
      out.proxyMetadata = { ...(base.proxyMetadata as Record<string, string> | undefined), ...(value as Record<string, string>) };
    } else {
      out[name] = value;
    }
  }
  return out;
}

/**
 * The subset of Istio's `ValidateMeshConfigProxyConfig` that a pod annotation can break:
 * run on Go's defaults merged with the annotation, as Istio's annotation validation does.
 */
export function validateProxyConfig(pc: ProxyConfig): string[] {
  const errors: string[] = [];
  const drain = pc.drainDuration;
  if (typeof drain === 'string') {
    const nanos = durationNanos(drain);
    if (nanos === undefined || nanos < 1_000_000n) errors.push('invalid drain duration: duration must be greater than 1ms');
    else if (nanos % 1_000_000_000n !== 0n) errors.push('drain time only supports durations to seconds precision');
  }
  const address = pc.discoveryAddress;
  if (typeof address !== 'string' || address === '') {
    errors.push('discovery address must be set to the proxy discovery service');
  } else {
    const problem = proxyAddressProblem(address);
    if (problem) errors.push(`invalid discovery address: ${problem}`);
  }
  return errors;
}

function proxyAddressProblem(address: string): string | undefined {
  const m = /^(?:\[([^\]]+)\]|([^:]*)):([^:]+)$/.exec(address);
  if (!m) return `unable to split "${address}" into host and port`;
  const port = Number(m[3]);
  if (!/^[0-9]+$/.test(m[3]!) || port < 1 || port > 65535) return `port (${m[3]}) must be a number in 1..65535`;
  const host = m[1] ?? m[2] ?? '';
  if (host === '') return `"${host}" is not a valid hostname or an IP address`;
  return undefined;
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

/** proto3 presence: scalars at their zero value and empty lists/maps are "not set". */
export function isPopulated(value: unknown): boolean {
  if (value === undefined || value === null || value === '' || value === 0 || value === false) return false;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** Nanoseconds of a protobuf JSON duration (`"23s"`, `"-1.5s"`). */
export function durationNanos(text: string): bigint | undefined {
  const m = /^(-)?([0-9]+)(?:\.([0-9]{1,9}))?s$/.exec(text);
  if (!m) return undefined;
  const nanos = BigInt(m[2]!) * 1_000_000_000n + BigInt((m[3] ?? '').padEnd(9, '0'));
  return m[1] ? -nanos : nanos;
}

/** protobuf JSON duration output: 0, 3, 6 or 9 fractional digits. */
export function formatDuration(nanos: bigint): string {
  const sign = nanos < 0n ? '-' : '';
  const abs = nanos < 0n ? -nanos : nanos;
  const seconds = abs / 1_000_000_000n;
  const frac = abs % 1_000_000_000n;
  if (frac === 0n) return `${sign}${seconds}s`;
  let digits = frac.toString().padStart(9, '0');
  while (digits.endsWith('000')) digits = digits.slice(0, -3);
  return `${sign}${seconds}.${digits}s`;
}
