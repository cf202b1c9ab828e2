/**
 * Kubernetes objects as the Go values Istio's templates see (`corev1.PodSpec`, `metav1.ObjectMeta`):
 * structs with Go field names (`.Spec.Containers`, `$c.Ports`, `$p.ContainerPort`), every field
 * present with its zero value when unset (`""`, `0`, `false`, nil), integers as Go ints, labels and
 * annotations as `map[string]string`, unset slices empty (a nil slice), unset pointers nil. Shapes
 * come from the generated Go type table (`go-types.generated.ts`). Each struct's JSON view (what
 * `toJSON`, `structToJSON` and `toYaml` print) is the Kubernetes JSON form in Go field order with
 * `omitempty` applied: `{"name":"http","containerPort":80}`.
 */
import { structValue, STRING_MAP_TYPE, structType, withGoType } from '../gotemplate/index.js';
import { goStruct as goStructShape, goTypeName, type GoField, type GoType } from './go-schema.js';
import { isObject } from '../kube/objects.js';
import { omitsField } from './go-omit.js';

type Json = Record<string, unknown>;

/** `value` (plain JSON, or undefined for the zero value) as the generated Go struct type `typeName` (`core.PodSpec`). */
export function k8sStruct(typeName: string, value: unknown): object {
  return builderFor(typeName)(isObject(value) ? value : EMPTY);
}

const EMPTY: Json = Object.freeze({});

type Builder = (json: Json) => object;
type Converter = (raw: unknown) => unknown;

// One builder per struct type, its field converters resolved once: every pod converts the same
// few types (PodSpec, Container, ContainerPort, Probe...).
const BUILDERS = new Map<string, Builder>();

function builderFor(typeName: string): Builder {
  let builder = BUILDERS.get(typeName);
  if (!builder) {
    BUILDERS.set(typeName, (json) => builderFor(typeName)(json)); // recursive types resolve lazily
    builder = compileBuilder(typeName);
    BUILDERS.set(typeName, builder);
  }
  return builder;
}

/** Fields a newer Kubernetes has than the type table, kept readable: `[json key, value]`. */
const EXTRA = Symbol('extra fields');

function compileBuilder(typeName: string): Builder {
  const { fields, byName } = goStructShape(typeName);
  const converters = fields.map((field) => converterFor(field.type));
  const proto = structType(goTypeName({ kind: 'struct', name: typeName }), {
    toJSON(this: Record<string | symbol, unknown>) {
      return jsonView(this, fields, this[EXTRA] as [string, unknown][] | undefined);
    },
  });
  const assignFields = fieldAssigner(fields, converters);
  return (json) => {
    const struct = Object.create(proto) as Record<string, unknown>;
    assignFields(struct, json);
    // Keys Go would drop on decoding, kept readable (a newer field than the table knows).
    let extra: [string, unknown][] | undefined;
    for (const key in json) {
      if (byName.has(key)) continue;
      const converted = genericValue(json[key]);
      struct[capitalised(key)] = converted;
      (extra ??= []).push([key, converted]);
    }
    if (extra) Object.defineProperty(struct, EXTRA, { value: extra });
    return struct;
  };
}

type FieldAssigner = (struct: Record<string, unknown>, json: Json) => void;

/**
 * Sets every field of a new struct from its JSON. (Assigners generated with `new Function`, the
 * field names written out, measured no faster in template mode: `npm run bench`.)
 */
function fieldAssigner(fields: readonly GoField[], converters: readonly Converter[]): FieldAssigner {
  return (struct, json) => {
    for (let i = 0; i < fields.length; i++) struct[fields[i]!.go] = converters[i]!(json[fields[i]!.json]);
  };
}

function jsonView(struct: Record<string, unknown>, fields: readonly GoField[], extra: readonly [string, unknown][] | undefined): Json {
  const out: Json = {};
  for (const field of fields) {
    const value = struct[field.go];
    if (omitsField(field, value)) continue;
    out[field.json] = value;
  }
  return extra ? withPresent(out, extra) : out;
}

/** Fields of no known Go type: present (non-null) ones only. */
function withPresent(out: Json, entries: readonly [string, unknown][]): Json {
  for (const [key, value] of entries) if (value !== null) out[key] = value;
  return out;
}

function converterFor(type: GoType): Converter {
  switch (type.kind) {
    case 'string':
      return (raw) => (raw === undefined || raw === null ? '' : typeof raw === 'string' ? raw : String(raw));
    case 'bool':
      return (raw) => raw === true;
    case 'int':
      return (raw) => toGoInt(raw) ?? 0n;
    case 'float':
      return (raw) => (typeof raw === 'number' ? raw : 0);
    case 'map': {
      if (type.elem.kind === 'string') return (raw) => withGoType(stringEntries(raw), STRING_MAP_TYPE);
      const name = goTypeName(type);
      return (raw) => (isObject(raw) ? withGoType(mapValues(raw, genericValue), name) : null);
    }
    case 'ptr': {
      const elem = converterFor(type.elem);
      return (raw) => (raw === undefined || raw === null ? null : elem(raw));
    }
    case 'slice': {
      const elem = converterFor(type.elem);
      const name = goTypeName(type);
      // A nil slice: empty, false, prints `[]` (JS has no typed nil). Shared and frozen: templates
      // never modify values (sprig's list functions copy), and most slice fields of a pod are unset.
      const nil = Object.freeze(withGoType([], name));
      return (raw) => (Array.isArray(raw) && raw.length > 0 ? withGoType(raw.map((item) => elem(item)), name) : nil);
    }
    case 'struct': {
      const structName = type.name;
      let builder: Builder | undefined; // resolved at first use: types may refer to themselves
      return (raw) => (builder ??= builderFor(structName))(isObject(raw) ? raw : EMPTY);
    }
    // Value structs with their own JSON: unset is their zero, which Go prints as "0" and 0.
    case 'Quantity':
      return (raw) => (raw === undefined || raw === null ? '0' : genericValue(raw));
    case 'IntOrString':
      return (raw) => (raw === undefined || raw === null ? 0n : genericValue(raw));
    default:
      // Time, raw JSON, bytes: read as the JSON value they hold.
      return genericValue;
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
function genericValue(raw: unknown): unknown {
  if (raw === undefined || raw === null) return null;
  if (typeof raw === 'number') return Number.isInteger(raw) ? BigInt(raw) : raw;
  if (Array.isArray(raw)) return raw.map(genericValue);
  if (isObject(raw)) return genericStruct(raw);
  return raw;
}

function genericStruct(json: Json): object {
  const struct = structValue('struct', {}) as Record<string, unknown>;
  const entries: [string, unknown][] = [];
  for (const key in json) {
    const converted = genericValue(json[key]);
    struct[capitalised(key)] = converted;
    entries.push([key, converted]);
  }
  struct.toJSON = () => withPresent({}, entries);
  return struct;
}
