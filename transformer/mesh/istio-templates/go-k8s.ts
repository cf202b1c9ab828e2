/**
 * Kubernetes objects as the Go values Istio's templates see (`corev1.PodSpec`, `metav1.ObjectMeta`):
 * structs with Go field names (`.Spec.Containers`, `$c.Ports`, `$p.ContainerPort`), every field
 * present with its zero value when unset (`""`, `0`, `false`, nil), integers as Go ints, labels and
 * annotations as `map[string]string`, unset slices empty (a nil slice), unset pointers nil. Shapes
 * come from the generated Go type table (`../../go-types/`). Each struct's JSON view (what
 * `toJSON`, `structToJSON` and `toYaml` print) is the Kubernetes JSON form in Go field order with
 * `omitempty` applied: `{"name":"http","containerPort":80}`.
 */
import { goStruct, stringMap, withGoType } from '../../gotemplate/index.js';
import { goStruct as goStructShape, goTypeName, type GoField, type GoType } from '../../go-types/go-schema.js';
import { isObject } from '../../kube.js';

type Json = Record<string, unknown>;

/** `value` (plain JSON, or undefined for the zero value) as the generated Go struct type `typeName` (`core.PodSpec`). */
export function k8sStruct(typeName: string, value: unknown): object {
  const { fields, byName } = goStructShape(typeName);
  const json = isObject(value) ? value : {};
  const goFields: Record<string, unknown> = {};
  const view: [string, unknown, GoField | undefined][] = [];
  for (const field of fields) {
    const converted = convert(field.type, json[field.json]);
    goFields[field.go] = converted;
    view.push([field.json, converted, field]);
  }
  // Keys Go would drop on decoding, kept readable (a newer field than the table knows).
  for (const key in json) {
    if (byName.has(key)) continue;
    const converted = genericValue(json[key]);
    goFields[capitalised(key)] = converted;
    view.push([key, converted, undefined]);
  }
  return goStruct(goTypeName({ kind: 'struct', name: typeName }), { ...goFields, toJSON: () => jsonView(view) });
}

function jsonView(entries: readonly [string, unknown, GoField | undefined][]): Json {
  const out: Json = {};
  for (const [key, value, field] of entries) {
    if (field === undefined ? value === null : (field.omitempty || field.omitzero) && field.type.kind !== 'struct' && isEmpty(value)) continue;
    out[key] = value;
  }
  return out;
}

/** Go `omitempty`: false, 0, "", nil, and empty slices and maps. */
function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '' || value === false || value === 0n || value === 0) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isObject(value) && Object.getPrototypeOf(value) === Object.prototype) return Object.keys(value).length === 0;
  return false;
}

function convert(type: GoType, raw: unknown): unknown {
  switch (type.kind) {
    case 'string':
      return raw === undefined || raw === null ? '' : typeof raw === 'string' ? raw : String(raw);
    case 'bool':
      return raw === true;
    case 'int':
      return toGoInt(raw) ?? 0n;
    case 'float':
      return typeof raw === 'number' ? raw : 0;
    case 'map':
      if (type.elem.kind === 'string') return stringMap(stringEntries(raw));
      return isObject(raw) ? withGoType(mapValues(raw, genericValue), goTypeName(type)) : null;
    case 'ptr':
      return raw === undefined || raw === null ? null : convert(type.elem, raw);
    case 'slice':
      // A nil slice: empty, false, prints `[]` (JS has no typed nil).
      return withGoType(Array.isArray(raw) ? raw.map((item) => convert(type.elem, item)) : [], goTypeName(type));
    case 'struct':
      return k8sStruct(type.name, raw);
    default:
      // Quantity, IntOrString, Time, raw JSON, bytes: read as the JSON value they hold.
      return genericValue(raw);
  }
}

function mapValues(raw: Json, fn: (value: unknown) => unknown): Json {
  const out: Json = {};
  for (const key in raw) out[key] = fn(raw[key]);
  return out;
}

function stringEntries(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isObject(raw)) for (const [k, v] of Object.entries(raw)) if (v !== null && v !== undefined) out[k] = typeof v === 'string' ? v : String(v);
  return out;
}

function toGoInt(raw: unknown): bigint | undefined {
  if (typeof raw === 'number' && Number.isInteger(raw)) return BigInt(raw);
  if (typeof raw === 'bigint') return raw;
  return undefined;
}

function capitalised(key: string): string {
  return key.charAt(0).toUpperCase() + key.slice(1);
}

/** A value of no known Go type: objects become structs of their present fields, integers Go ints. */
export function genericValue(raw: unknown): unknown {
  if (raw === undefined || raw === null) return null;
  if (typeof raw === 'number') return Number.isInteger(raw) ? BigInt(raw) : raw;
  if (Array.isArray(raw)) return raw.map(genericValue);
  if (isObject(raw)) return genericStruct(raw);
  return raw;
}

function genericStruct(json: Json): object {
  const goFields: Record<string, unknown> = {};
  const view: [string, unknown, undefined][] = [];
  for (const [key, raw] of Object.entries(json)) {
    const converted = genericValue(raw);
    goFields[capitalised(key)] = converted;
    view.push([key, converted, undefined]);
  }
  return goStruct('struct', { ...goFields, toJSON: () => jsonView(view) });
}
