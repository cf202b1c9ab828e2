/**
 * Istio's `mesh.ApplyMeshConfig`: a mesh config document applied over a base MeshConfig.
 *
 * | field                | rule                                                                      |
 * |----------------------|---------------------------------------------------------------------------|
 * | any top-level field  | replaces the base value (`null` leaves it; unknown fields are dropped)     |
 * | `defaultConfig`      | merged field by field (ProxyConfig rules), `proxyMetadata` key by key      |
 * | `defaultProviders`   | merged field by field                                                     |
 * | `extensionProviders` | merged by `name`: a known name replaces that provider, new names append   |
 * | `trustDomainAliases` | union with the base, sorted                                               |
 *
 * Field names may be proto (`proxy_listen_port`) or JSON (`proxyListenPort`) names, as jsonpb reads both.
 */
import { isObject } from '../../kube/objects.js';
import { durationNanos } from '../istio/durations.js';
import { mergeProxyConfig, proxyConfigFromObject, type ProxyConfig } from '../istio/proxy-config.js';
import { SCHEMAS, type ProtoKind } from './proto-schemas.js';
import type { MeshConfigJson } from './mesh-defaults.js';

type MeshApplyOutcome = { ok: true; mesh: MeshConfigJson } | { ok: false; field: string; message: string };

const MESH_FIELDS = SCHEMAS.MeshConfig!.fields;

export function applyMeshConfig(base: MeshConfigJson, doc: unknown): MeshApplyOutcome {
  if (doc === null || doc === undefined) return { ok: true, mesh: base };
  if (!isObject(doc)) return { ok: false, field: '', message: 'expected a mapping of MeshConfig fields' };
  const mesh: MeshConfigJson = { ...base };
  for (const [rawKey, value] of Object.entries(doc)) {
    const key = camelCase(rawKey);
    const kind = MESH_FIELDS[key];
    if (kind === undefined || value === null) continue;
    const problem = checkKind(kind, value);
    if (problem !== undefined) return { ok: false, field: rawKey, message: problem };
    switch (key) {
      case 'defaultConfig': {
        const parsed = proxyConfigFromObject(value);
        if (!parsed.ok) return { ok: false, field: rawKey, message: parsed.error };
        mesh.defaultConfig = mergeProxyConfig((base.defaultConfig ?? {}) as ProxyConfig, parsed.overlay);
        break;
      }
      case 'defaultProviders':
        mesh.defaultProviders = { ...(isObject(base.defaultProviders) ? base.defaultProviders : {}), ...(value as object) };
        break;
      case 'extensionProviders':
        mesh.extensionProviders = mergeProviders(Array.isArray(base.extensionProviders) ? base.extensionProviders : [], value as unknown[]);
        break;
      case 'trustDomainAliases': {
        const all = new Set([...(Array.isArray(base.trustDomainAliases) ? base.trustDomainAliases : []), ...(value as unknown[])].map(String));
        mesh.trustDomainAliases = [...all].sort();
        break;
      }
      default:
        mesh[key] = normalizeEnum(kind, value);
    }
  }
  return { ok: true, mesh };
}

function mergeProviders(base: unknown[], added: unknown[]): unknown[] {
  const out = base.map((p) => (isObject(p) ? { ...p } : p));
  for (const provider of added) {
    const name = isObject(provider) ? provider.name : undefined;
    const at = out.findIndex((p) => isObject(p) && p.name === name);
    if (at >= 0) out[at] = provider;
    else out.push(provider);
  }
  return out;
}

function camelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** jsonpb accepts an enum by number too; keep names. */
function normalizeEnum(kind: ProtoKind, value: unknown): unknown {
  if (typeof kind === 'object' && 'enum' in kind && typeof value === 'number') return kind.values[value] ?? value;
  return value;
}

function checkKind(kind: ProtoKind, value: unknown): string | undefined {
  const got = JSON.stringify(value);
  if (typeof kind === 'object') {
    if ('enum' in kind) {
      const ok = (typeof value === 'string' && kind.values.includes(value)) || (typeof value === 'number' && kind.values[value] !== undefined);
      return ok ? undefined : `expected one of ${kind.values.filter((v) => v !== '').join(', ')}, got ${got}`;
    }
    if ('message' in kind) return isObject(value) ? undefined : `expected a mapping, got ${got}`;
    return Array.isArray(value) ? undefined : `expected a list, got ${got}`;
  }
  switch (kind) {
    case 'string':
      return typeof value === 'string' ? undefined : `expected a string, got ${got}`;
    case 'int':
    case 'int-wrapper':
      return typeof value === 'number' && Number.isInteger(value) ? undefined : `expected an integer, got ${got}`;
    case 'float':
      return typeof value === 'number' ? undefined : `expected a number, got ${got}`;
    case 'bool':
    case 'bool-wrapper':
      return typeof value === 'boolean' ? undefined : `expected true or false, got ${got}`;
    case 'duration':
      return typeof value === 'string' && durationNanos(value) !== undefined ? undefined : `expected a duration such as "10s", got ${got}`;
    case 'string-map':
      return isObject(value) ? undefined : `expected a mapping of strings, got ${got}`;
    case 'string-list':
      return Array.isArray(value) ? undefined : `expected a list of strings, got ${got}`;
  }
}
