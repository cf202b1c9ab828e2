/**
 * Istio protobuf messages (`*meshconfig.ProxyConfig`, `*meshconfig.MeshConfig`) as the Go values
 * templates see: fields by Go name (`.ProxyConfig.InterceptionMode`, `.MeshConfig.ProxyListenPort`)
 * holding proto3 zero values when unset, nil-safe getters (`.ProxyConfig.GetTracing.GetTlsSettings`),
 * enums that print by name (`.String`), wrappers with `.GetValue`, durations with `Seconds`/`Nanos`.
 *
 * A getter of an unset message, and an unset wrapper field, return a nil-pointer stand-in: false
 * in `if` like Go's nil, with nil-safe getters (`.GetValue` is false). Where it differs from Go:
 * it prints as `map[]` (Go: `<nil>`), and reading a plain field of it gives no value instead of
 * Go's nil-pointer error. An unset message *field* (not getter) is nil, as in Go.
 *
 * The JSON a message was built from stays attached (`protoSource`), for `protoToJSON`.
 */
import { structValue, stringMap, withGoType } from '../../gotemplate/index.js';
import type { DeepReadonly } from '../../data/deep-readonly.js';
import { isObject } from '../../kube/objects.js';
import { durationNanos } from '../istio/durations.js';
import { SCHEMAS, type ProtoKind } from './proto-schemas.js';

type Json = Record<string, unknown>;

const PROTO_SOURCE: unique symbol = Symbol('mesh-inject/proto-source');

/** The JSON a message struct was built from (undefined for other values). */
export function protoSource(value: unknown): Json | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  return (value as { [PROTO_SOURCE]?: Json })[PROTO_SOURCE];
}

/**
 * Message structs built before, by JSON object (`TemplateModeCache.protoMessage`): structs are
 * read-only to templates, and the mesh config and its default ProxyConfig are the same for every pod.
 */
export interface MessageCache {
  protoMessage(schemaName: string, json: DeepReadonly<Json>, build: () => object): object;
}

/** `json` (proto JSON names, never changed afterwards) as the Go message struct of schema `schemaName`. */
export function protoMessage(schemaName: string, json: DeepReadonly<Json>, cache: MessageCache): object {
  return cache.protoMessage(schemaName, json, () => buildMessage(schemaName, json as Json, cache));
}

function buildMessage(schemaName: string, json: Json, cache: MessageCache): object {
  const schema = SCHEMAS[schemaName];
  const fields: Record<string, unknown> = {};
  const getters: Record<string, () => unknown> = {};
  if (schema) {
    for (const [name, kind] of Object.entries(schema.fields)) {
      const goName = goProtoName(name);
      const value = convert(kind, json[name], cache);
      fields[goName] = value;
      getters[`Get${goName}`] = () => (value === null ? nilValue(kind) : value);
    }
  }
  for (const [name, raw] of Object.entries(json)) {
    if (schema && name in schema.fields) continue;
    const goName = goProtoName(name);
    const value = genericProto(raw, cache);
    fields[goName] = value;
    getters[`Get${goName}`] = () => value;
  }
  const message = structValue(schema?.goType ?? 'struct', { ...fields, ...getters, toJSON: () => json });
  Object.defineProperty(message, PROTO_SOURCE, { value: json, enumerable: false });
  return message;
}

/** Go names of proto fields: the JSON name with its first letter upper-cased (`meshId` -> `MeshId`). */
function goProtoName(jsonName: string): string {
  return jsonName.charAt(0).toUpperCase() + jsonName.slice(1);
}

function convert(kind: ProtoKind, raw: unknown, cache: MessageCache): unknown {
  if (typeof kind === 'object') {
    if ('enum' in kind) return enumValue(kind.enum, kind.values, raw);
    if ('message' in kind) return isObject(raw) ? protoMessage(kind.message, raw, cache) : null;
    return Array.isArray(raw) ? raw.map((item) => (isObject(item) ? protoMessage(kind.messages, item, cache) : genericProto(item, cache))) : null;
  }
  switch (kind) {
    case 'string':
      return typeof raw === 'string' ? raw : '';
    case 'int':
      return typeof raw === 'number' && Number.isInteger(raw) ? BigInt(raw) : typeof raw === 'bigint' ? raw : 0n;
    case 'float':
      return typeof raw === 'number' ? raw : 0;
    case 'bool':
      return raw === true;
    case 'duration':
      return typeof raw === 'string' ? durationValue(raw) : null;
    case 'bool-wrapper':
      return typeof raw === 'boolean' ? wrapper('*wrapperspb.BoolValue', raw) : nilWrapper('*wrapperspb.BoolValue', false);
    case 'int-wrapper':
      return typeof raw === 'number' ? wrapper('*wrapperspb.Int32Value', BigInt(Math.trunc(raw))) : nilWrapper('*wrapperspb.Int32Value', 0n);
    case 'string-map': {
      const entries: Record<string, string> = {};
      if (isObject(raw)) for (const [k, v] of Object.entries(raw)) if (typeof v === 'string') entries[k] = v;
      return stringMap(entries);
    }
    case 'string-list':
      return Array.isArray(raw) ? withGoType(raw.map(String), '[]string') : null;
  }
}

/** What a getter returns for an unset field: the zero value, with nil-safe methods for messages. */
function nilValue(kind: ProtoKind): unknown {
  if (typeof kind === 'object' && 'message' in kind) return nilMessage(kind.message);
  return null;
}

/**
 * A nil message pointer: false in `if` like Go's nil, yet its getters can be called (proto getters
 * are nil-safe). Modelled as an empty map whose getters are hidden (non-enumerable) methods.
 */
function nilMessage(schemaName: string): object {
  const schema = SCHEMAS[schemaName];
  const getters: Record<string, () => unknown> = {};
  if (schema) {
    for (const [name, kind] of Object.entries(schema.fields)) getters[`Get${goProtoName(name)}`] = () => nilValue(kind) ?? zeroOf(kind);
  }
  return nilPointer(schema?.goType ?? '*struct', getters);
}

function nilPointer(goType: string, methods: Record<string, () => unknown>): object {
  const value = {};
  for (const [name, fn] of Object.entries(methods)) Object.defineProperty(value, name, { value: fn, enumerable: false });
  return withGoType(value, `map[nil]${goType}`);
}

function zeroOf(kind: ProtoKind): unknown {
  if (typeof kind === 'object') return 'enum' in kind ? enumValue(kind.enum, kind.values, undefined) : null;
  switch (kind) {
    case 'string':
      return '';
    case 'int':
      return 0n;
    case 'float':
      return 0;
    case 'bool':
      return false;
    case 'bool-wrapper':
      return nilWrapper('*wrapperspb.BoolValue', false);
    case 'int-wrapper':
      return nilWrapper('*wrapperspb.Int32Value', 0n);
    case 'string-map':
      return stringMap({});
    default:
      return null;
  }
}

function enumValue(typeName: string, values: readonly string[], raw: unknown): object {
  const name = typeof raw === 'string' && raw !== '' ? raw : typeof raw === 'number' ? (values[raw] ?? String(raw)) : (values[0] ?? '');
  return structValue(typeName, { String: () => name, toJSON: () => name });
}

function wrapper(typeName: string, value: unknown): object {
  return structValue(typeName, { Value: value, GetValue: () => value, toJSON: () => value });
}

function nilWrapper(typeName: string, zero: unknown): object {
  return nilPointer(typeName, { GetValue: () => zero, toJSON: () => null });
}

function durationValue(text: string): object | null {
  const nanos = durationNanos(text);
  if (nanos === undefined) return null;
  const seconds = nanos / 1_000_000_000n;
  const rest = nanos % 1_000_000_000n;
  return structValue('*durationpb.Duration', {
    Seconds: seconds,
    Nanos: rest,
    GetSeconds: () => seconds,
    GetNanos: () => rest,
    toJSON: () => text,
  });
}

/** A value of a field this table does not describe: objects become messages of their present fields. */
function genericProto(raw: unknown, cache: MessageCache): unknown {
  if (raw === undefined || raw === null) return null;
  if (typeof raw === 'number') return Number.isInteger(raw) ? BigInt(raw) : raw;
  if (Array.isArray(raw)) return raw.map((item) => genericProto(item, cache));
  if (isObject(raw)) return protoMessage('generic', raw, cache);
  return raw;
}
