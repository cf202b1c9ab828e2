/**
 * Istio's `InjectionFuncmap` (pkg/kube/inject/template.go), which Istio lays over sprig's: on a
 * name clash Istio's function wins (`indent` does not indent the first line, `contains` is
 * `contains needle haystack`, `omit` takes a `map[string]string`, `toYaml` keeps its trailing
 * newline). What Istio reads from its process is passed in: `env` values, and the ProxyConfig
 * serializer behind `protoToJSON` (Istio strips defaults and writes legacy jsonpb).
 */
import { defineFunc, type FuncMap } from '../../../gotemplate/funcs.js';
import { durationNanos, formatGoDuration, parseProtoDuration } from '../../../gotemplate/go-duration.js';
import { marshalJSON, unmarshalJSON } from '../../../gotemplate/go-json.js';
import { containerPorts, readField, readString } from './istio-access.js';
import { appendMultusNetwork } from './istio-multus.js';
import { otelResourceAttributes } from './istio-otel.js';
import { LimitError, chargeSteps } from '../../../gotemplate/limits.js';
import { formatV } from '../../../gotemplate/printf.js';
import { sprigFuncs } from '../../../gotemplate/funcs-sprig.js';
import { indentPad, lineCount, toLower, trimSpace } from '../../../gotemplate/sprig-strings.js';
import { STRING_MAP_TYPE, hasOwn, hasPlainProto, goKind, sortedKeys, withGoType, type GoMap } from '../../../gotemplate/values.js';
import { marshalYAML } from '../../../gotemplate/yaml-marshal.js';

interface IstioFuncOptions {
  /** What `env KEY DEFAULT` reads (Istio reads istiod's environment). */
  env?: Readonly<Record<string, string>>;
  /** `protoToJSON` (Istio: `cleanProxyConfig` + legacy jsonpb). Default: Go JSON of the value. */
  protoToJSON?: (message: unknown) => string;
  /** `structToJSON` (Go `json.Marshal`). Default: Go JSON, structs through their `toJSON()`. */
  structToJSON?: (value: unknown) => string;
}

const OBJECT_META = { struct: 'v1.ObjectMeta' } as const;
const MESH_CONFIG = { struct: '*v1alpha1.MeshConfig' } as const;

type StringMap = Record<string, string>;

function asStringMap(m: StringMap): StringMap {
  return withGoType(m, STRING_MAP_TYPE);
}

function mergeMaps(...maps: (StringMap | null)[]): StringMap | null {
  if (maps.length === 0) return null;
  const out: StringMap = {};
  for (const m of maps) {
    if (m === null) continue;
    const keys = Object.keys(m);
    chargeSteps(keys.length);
    for (const k of keys) out[k] = m[k]!;
  }
  return asStringMap(out);
}

function excludeInboundPort(port: unknown, excluded: string): string {
  chargeSteps(excluded.length);
  const portStr = trimSpace(formatV(port));
  if (portStr === '' || portStr === '0') return excluded;
  const out: string[] = [];
  for (const p of excluded.split(',')) {
    if (p === portStr) return excluded;
    const trimmed = trimSpace(p);
    if (trimmed !== '') out.push(trimmed);
  }
  out.push(portStr);
  return out.join(',');
}

function containerPortList(containers: unknown[] | null, include: (c: unknown) => boolean): string {
  const parts: string[] = [];
  for (const c of containers ?? []) {
    if (!include(c)) continue;
    for (const { port, protocol } of containerPorts(c)) if (protocol !== 'UDP' && protocol !== 'SCTP') parts.push(port);
  }
  return parts.join(',');
}

function annotation(meta: unknown, name: string, def: unknown): string {
  const annotations = annotationsOf(meta);
  if (typeof annotations === 'object' && annotations !== null && hasOwn(annotations, name)) {
    return String((annotations as GoMap)[name]);
  }
  return formatV(def === undefined ? null : def);
}

/**
 * `readField(meta, 'Annotations')`, reading a plain `ObjectMeta` struct's field with a property
 * access of its own (every pod's ObjectMeta has the same shape, so V8 caches it; a generic
 * `obj[name]` goes through V8's global cache, cold in a busy process).
 */
function annotationsOf(meta: unknown): unknown {
  if (typeof meta === 'object' && meta !== null && hasPlainProto(meta)) {
    const fields = meta as { GetAnnotations?: unknown; Annotations?: unknown };
    if (typeof fields.GetAnnotations !== 'function') {
      const annotations = fields.Annotations;
      if (annotations !== undefined && typeof annotations !== 'function') return annotations;
    }
  }
  return readField(meta, 'Annotations');
}

/** Istio `omitNil`: drops nils from maps and lists, recursively; an emptied container becomes nil. */
function omitNil(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) {
    if (!v.some(containsNil)) return v;
    const out = v.map(omitNil).filter((x) => x !== null);
    return out.length === 0 ? null : out;
  }
  if (goKind(v) === 'map') {
    const map = v as GoMap;
    if (!Object.values(map).some(containsNil)) return v;
    const out: GoMap = {};
    for (const k of sortedKeys(map)) {
      const f = omitNil(map[k]);
      if (f !== null) out[k] = f;
    }
    return Object.keys(out).length === 0 ? null : out;
  }
  return v;
}

function containsNil(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (Array.isArray(v)) return v.some(containsNil);
  if (goKind(v) === 'map') return Object.values(v as object).some(containsNil);
  return false;
}

function formatDuration(d: unknown): string {
  if (d === null || d === undefined) return '0s';
  if (typeof d === 'string') {
    const nanos = parseProtoDuration(d);
    return nanos === undefined ? d : formatGoDuration(nanos);
  }
  const seconds = readField(d, 'Seconds');
  const nanos = readField(d, 'Nanos');
  const toBig = (x: unknown): bigint => (typeof x === 'bigint' ? x : typeof x === 'number' ? BigInt(Math.trunc(x)) : 0n);
  return formatGoDuration(durationNanos(toBig(seconds), toBig(nanos)));
}

/** `f()`, or `fallback` when it fails (Istio ignores these errors), but not when it hits a limit. */
function tryString(f: () => string, fallback: string): string {
  try {
    return f();
  } catch (e) {
    if (e instanceof LimitError) throw e;
    return fallback;
  }
}

export function istioFuncs(options: IstioFuncOptions = {}): FuncMap {
  const env = options.env ?? {};
  const structToJSON = options.structToJSON ?? ((v: unknown) => marshalJSON(v));
  const protoToJSON = options.protoToJSON ?? ((v: unknown) => marshalJSON(v));
  return {
    formatDuration: defineFunc(['any'], formatDuration),
    isset: defineFunc(['stringMap', 'string'], (m: StringMap | null, key: string) => m !== null && hasOwn(m, key)),
    excludeInboundPort: defineFunc(['any', 'string'], excludeInboundPort),
    includeInboundPorts: defineFunc(['slice'], (containers: unknown[] | null) => containerPortList(containers, () => true)),
    applicationPorts: defineFunc(['slice'], (containers: unknown[] | null) =>
      containerPortList(containers, (c) => readString(c, 'Name') !== 'istio-proxy'),
    ),
    kubevirtInterfaces: defineFunc(['string'], (s: string) => s),
    excludeInterfaces: defineFunc(['string'], (s: string) => s),
    annotation: defineFunc([OBJECT_META, 'string', 'any'], annotation),
    valueOrDefault: defineFunc(['any', 'any'], (value: unknown, def: unknown) => (value === '' || value === null ? def : value)),
    toJSON: defineFunc(['stringMap'], (m: StringMap | null) => (m === null ? '{}' : tryString(() => marshalJSON(m), '{}'))),
    fromJSON: defineFunc(['string'], (j: string) => {
      try {
        return unmarshalJSON(j);
      } catch {
        return '{}';
      }
    }),
    structToJSON: defineFunc(['any'], (v: unknown) => (v === null ? '{}' : tryString(() => structToJSON(v), '{}'))),
    protoToJSON: defineFunc(['any'], (v: unknown) => (v === null ? '{}' : tryString(() => protoToJSON(v), '{}'))),
    toYaml: defineFunc(['any'], (v: unknown) => tryString(() => marshalYAML(v), '')),
    indent: defineFunc(['int', 'string'], (spaces: bigint, source: string) => {
      const pad = indentPad(spaces, lineCount(source) - 1, source.length);
      return source
        .split('\n')
        .map((line, i) => (i > 0 ? pad + line : line))
        .join('\n');
    }),
    directory: defineFunc(['string'], (p: string) => p.slice(0, p.lastIndexOf('/') + 1)),
    contains: defineFunc(['string', 'string'], (needle: string, haystack: string) => haystack.includes(needle)),
    toLower: defineFunc(['string'], toLower),
    appendMultusNetwork: defineFunc(['string', 'string'], appendMultusNetwork),
    env: defineFunc(['string', 'string'], (key: string, def: string) => {
      const v = hasOwn(env, key) ? env[key]! : '';
      return v === '' ? def : v;
    }),
    omit: defineFunc(['stringMap'], (dict: StringMap | null, ...keys: string[]) => {
      const out: StringMap = {};
      if (dict === null) return asStringMap(out);
      const all = Object.keys(dict);
      chargeSteps(all.length);
      for (const k of all) if (!keys.includes(k)) out[k] = dict[k]!;
      return asStringMap(out);
    }, 'string'),
    strdict: defineFunc([], (...v: string[]) => {
      const out: StringMap = {};
      for (let i = 0; i < v.length; i += 2) out[v[i]!] = i + 1 < v.length ? v[i + 1]! : '';
      return asStringMap(out);
    }, 'string'),
    toJsonMap: defineFunc([], (...maps: (StringMap | null)[]) => tryString(() => marshalJSON(mergeMaps(...maps)), ''), 'stringMap'),
    mergeMaps: defineFunc([], mergeMaps, 'stringMap'),
    omitNil: defineFunc(['any'], omitNil),
    otelResourceAttributes: defineFunc([MESH_CONFIG, 'stringMap', 'stringMap', 'string', 'slice'], otelResourceAttributes),
  };
}

/** sprig's functions with Istio's laid over them, as Istio's injector parses its templates. */
export function injectionFuncMap(options: IstioFuncOptions = {}): FuncMap {
  return { ...sprigFuncs(), ...istioFuncs(options) };
}
