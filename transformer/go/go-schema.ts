/**
 * Reads the generated Go struct table (`go-types.generated.ts`) into type descriptors: what
 * `encoding/json` needs to decode a value into the Go type and write it back (kube-inject), and
 * the Go field names and zero values Istio's templates see (template mode).
 */
import { GO_STRUCTS } from './go-types.generated.js';

export type GoType =
  | { kind: 'string' }
  | { kind: 'bool' }
  | { kind: 'int'; name: string; min: bigint; max: bigint }
  | { kind: 'float'; name: string }
  | { kind: 'bytes' }
  | { kind: 'Quantity' }
  | { kind: 'IntOrString' }
  | { kind: 'Time' }
  | { kind: 'Raw' }
  | { kind: 'ptr'; elem: GoType }
  | { kind: 'slice'; elem: GoType }
  | { kind: 'map'; elem: GoType }
  | { kind: 'struct'; name: string };

export interface GoField {
  json: string;
  /** The Go field name (`DNSPolicy` for `dnsPolicy`). */
  go: string;
  type: GoType;
  omitempty: boolean;
  omitzero: boolean;
}

interface GoStruct {
  name: string;
  /** Fields in Go's marshalling order, inlined structs flattened in place. */
  fields: GoField[];
  byName: Map<string, GoField>;
  /** First field per lower-cased name: `encoding/json` falls back to a case-insensitive match. */
  byFoldedName: Map<string, GoField>;
}

const INT_RANGES: Readonly<Record<string, [bigint, bigint]>> = {
  int8: [-(1n << 7n), (1n << 7n) - 1n],
  int16: [-(1n << 15n), (1n << 15n) - 1n],
  int32: [-(1n << 31n), (1n << 31n) - 1n],
  int: [-(1n << 63n), (1n << 63n) - 1n],
  int64: [-(1n << 63n), (1n << 63n) - 1n],
  uint8: [0n, (1n << 8n) - 1n],
  uint16: [0n, (1n << 16n) - 1n],
  uint32: [0n, (1n << 32n) - 1n],
  uint: [0n, (1n << 64n) - 1n],
  uint64: [0n, (1n << 64n) - 1n],
};

export function parseGoType(text: string): GoType {
  if (text.startsWith('*')) return { kind: 'ptr', elem: parseGoType(text.slice(1)) };
  if (text.startsWith('[]')) return { kind: 'slice', elem: parseGoType(text.slice(2)) };
  if (text.startsWith('{}')) return { kind: 'map', elem: parseGoType(text.slice(2)) };
  switch (text) {
    case 'string':
    case 'bool':
    case 'bytes':
    case 'Quantity':
    case 'IntOrString':
    case 'Time':
    case 'Raw':
      return { kind: text };
    case 'float32':
    case 'float64':
      return { kind: 'float', name: text };
    default:
      break;
  }
  const range = INT_RANGES[text];
  if (range) return { kind: 'int', name: text, min: range[0], max: range[1] };
  if (!(text in GO_STRUCTS)) throw new Error(`unknown Go type ${text} in the generated table`);
  return { kind: 'struct', name: text };
}

const structs = new Map<string, GoStruct>();

export function goStruct(name: string): GoStruct {
  const cached = structs.get(name);
  if (cached) return cached;
  const fields: GoField[] = [];
  for (const token of GO_STRUCTS[name]!.split(' ')) {
    if (token === '') continue;
    if (token.startsWith('...')) {
      fields.push(...goStruct(token.slice(3)).fields);
      continue;
    }
    const m = /^([^:=]*)(?:=([^:]+))?:(.+?)(\?)?(~)?$/.exec(token);
    if (!m) throw new Error(`bad field ${token} in ${name}`);
    const json = m[1]!;
    const go = m[2] ?? json.charAt(0).toUpperCase() + json.slice(1);
    fields.push({ json, go, type: parseGoType(m[3]!), omitempty: m[4] === '?', omitzero: m[5] === '~' });
  }
  const byName = new Map(fields.map((f) => [f.json, f] as const));
  const byFoldedName = new Map<string, GoField>();
  for (const f of fields) if (!byFoldedName.has(f.json.toLowerCase())) byFoldedName.set(f.json.toLowerCase(), f);
  const struct = { name, fields, byName, byFoldedName };
  structs.set(name, struct);
  return struct;
}

/** Go's spelling of a type in error messages (`v1.PodSpec`, `[]v1.Container`, `map[string]string`). */
export function goTypeName(t: GoType): string {
  switch (t.kind) {
    case 'ptr':
      return `*${goTypeName(t.elem)}`;
    case 'slice':
      return `[]${goTypeName(t.elem)}`;
    case 'map':
      return `map[string]${goTypeName(t.elem)}`;
    case 'struct':
      return `v1.${t.name.slice(t.name.indexOf('.') + 1)}`;
    case 'int':
    case 'float':
      return t.name;
    case 'bytes':
      return '[]uint8';
    case 'Quantity':
      return 'resource.Quantity';
    case 'IntOrString':
      return 'intstr.IntOrString';
    case 'Time':
      return 'v1.Time';
    case 'Raw':
      return 'runtime.RawExtension';
    default:
      return t.kind;
  }
}
