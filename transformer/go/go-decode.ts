/**
 * What istioctl's Go structs make of a manifest: the value is decoded into the Go type
 * (`sigs.k8s.io/yaml.Unmarshal`: YAML -> JSON with numbers and booleans turned into strings where
 * the target is a string, then `encoding/json`) and the result is what `json.Marshal` writes back.
 *
 * - unknown fields are dropped; field names also match case-insensitively, as in Go;
 * - absent value structs appear as their zero value (`resources: {}`, `status: {}`,
 *   `strategy: {}`), absent fields without `omitempty` as zero (`replicas: 0`, `containers: null`);
 * - empty strings, `false`, `0`, empty lists and maps with `omitempty` disappear;
 * - quantities and times are re-spelled (`go-quantity.ts`, `go-time.ts`);
 * - objects come out with their keys in Go field order (what `json.Marshal` writes).
 *
 * Type mismatches raise `GoDecodeError` with `encoding/json`'s wording.
 */
import { formatFloat, formatFloatJSON } from '../gotemplate/float-format.js';
import { isObject } from '../kube/objects.js';
import { canonicalQuantity, QuantityError } from './go-quantity.js';
import { goStruct, goTypeName, parseGoType, type GoField, type GoType } from './go-schema.js';
import { omitsField } from './go-omit.js';
import { canonicalTime, TimeError } from './go-time.js';

export class GoDecodeError extends Error {}

const INT32 = parseGoType('int32') as Extract<GoType, { kind: 'int' }>;

interface DecodeOptions {
  /**
   * The value was read from YAML (`sigs.k8s.io/yaml`): YAML integers are bigints, and numbers and
   * booleans where Go expects a string become strings. Otherwise the value is plain JSON.
   */
  fromYaml: boolean;
}

interface Context {
  options: DecodeOptions;
  /** JSON field names from the root to the current value. */
  path: string[];
  /** Innermost Go struct being decoded. */
  struct: string | undefined;
}

/** Decodes `value` into the Go type (e.g. `apps.Deployment`) and returns what Go marshals back. */
export function decodeAndMarshal(value: unknown, type: string, options: DecodeOptions): unknown {
  return decode(value, parseGoType(type), { options, path: [], struct: undefined });
}

function jsonKind(value: unknown): string {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number' || typeof value === 'bigint') return 'number';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return 'array';
  return 'object';
}

function typeError(what: string, type: GoType | string, ctx: Context): GoDecodeError {
  const typeName = typeof type === 'string' ? type : goTypeName(type);
  const where = ctx.struct !== undefined && ctx.path.length > 0 ? `Go struct field ${ctx.struct}.${ctx.path.join('.')}` : 'Go value';
  return new GoDecodeError(`json: cannot unmarshal ${what} into ${where} of type ${typeName}`);
}

/** The JSON literal Go would see for a number. */
function numberLiteral(value: number | bigint): string {
  return typeof value === 'bigint' ? value.toString() : formatFloatJSON(value);
}

/** `strconv.FormatFloat(v, 'g', -1, 32)`: what sigs.k8s.io/yaml turns a YAML float into for a string target. */
function float32String(value: number): string {
  const f = Math.fround(value);
  if (!Number.isFinite(f)) return Number.isNaN(f) ? 'NaN' : f > 0 ? '+Inf' : '-Inf';
  for (let precision = 1; precision <= 9; precision++) {
    const candidate = Number(f.toPrecision(precision));
    if (Math.fround(candidate) === f) return formatFloat(candidate, 'g', -1);
  }
  return formatFloat(f, 'g', -1);
}

function decode(value: unknown, type: GoType, ctx: Context): unknown {
  const isNull = value === null || value === undefined;
  switch (type.kind) {
    case 'string':
      if (isNull) return '';
      if (typeof value === 'string') return value;
      if (ctx.options.fromYaml) {
        if (typeof value === 'bigint') return value.toString();
        if (typeof value === 'number') return float32String(value);
        if (typeof value === 'boolean') return value ? 'true' : 'false';
      }
      throw typeError(jsonKind(value), type, ctx);
    case 'bool':
      if (isNull) return false;
      if (typeof value === 'boolean') return value;
      throw typeError(jsonKind(value), type, ctx);
    case 'int':
      return isNull ? 0 : decodeInt(value, type, ctx);
    case 'float':
      if (isNull) return 0;
      if (typeof value === 'number' || typeof value === 'bigint') return Number(value);
      throw typeError(jsonKind(value), type, ctx);
    case 'bytes':
      if (isNull) return null;
      if (typeof value === 'string') return value;
      throw typeError(jsonKind(value), type, ctx);
    case 'Quantity':
      return decodeQuantity(value);
    case 'IntOrString':
      if (isNull) return 0;
      if (typeof value === 'string') return value;
      if (typeof value === 'number' || typeof value === 'bigint') return decodeInt(value, INT32, { ...ctx, struct: undefined });
      throw typeError(jsonKind(value), 'int32', { ...ctx, struct: undefined });
    case 'Time':
      if (isNull) return null;
      if (typeof value !== 'string') throw typeError(jsonKind(value), 'string', { ...ctx, struct: undefined });
      try {
        return canonicalTime(value);
      } catch (error) {
        if (error instanceof TimeError) throw new GoDecodeError(error.message);
        throw error;
      }
    case 'Raw':
      return isNull ? null : plainJson(value);
    case 'ptr':
      return isNull ? null : decode(value, type.elem, ctx);
    case 'slice':
      if (isNull) return null;
      if (!Array.isArray(value)) throw typeError(jsonKind(value), type, ctx);
      return value.map((item) => decode(item, type.elem, ctx));
    case 'map': {
      if (isNull) return null;
      if (!isObject(value)) throw typeError(jsonKind(value), type, ctx);
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = decode(v, type.elem, ctx);
      return out;
    }
    case 'struct':
      return decodeStruct(value, type.name, ctx);
  }
}

function decodeInt(value: unknown, type: Extract<GoType, { kind: 'int' }>, ctx: Context): number | bigint {
  if (typeof value !== 'number' && typeof value !== 'bigint') throw typeError(jsonKind(value), type, ctx);
  const literal = numberLiteral(value);
  if (!/^-?\d+$/.test(literal)) throw typeError(`number ${literal}`, type, ctx);
  const n = BigInt(literal);
  if (n < type.min || n > type.max) throw typeError(`number ${literal}`, type, ctx);
  return Number.isSafeInteger(Number(n)) ? Number(n) : n;
}

function decodeQuantity(value: unknown): string {
  if (value === null || value === undefined) return '0';
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'bigint') text = numberLiteral(value);
  else text = typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  try {
    return canonicalQuantity(text);
  } catch (error) {
    if (error instanceof QuantityError) throw new GoDecodeError(error.message);
    throw error;
  }
}

/** Plain JSON data: YAML bigints become numbers when that loses nothing. */
function plainJson(value: unknown): unknown {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value;
  if (Array.isArray(value)) return value.map(plainJson);
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = plainJson(v);
    return out;
  }
  return value;
}

const zeroStructs = new Map<string, unknown>();

function zeroStruct(name: string): unknown {
  if (!zeroStructs.has(name)) zeroStructs.set(name, decodeStruct({}, name, { options: { fromYaml: false }, path: [], struct: undefined }));
  return zeroStructs.get(name);
}

function decodeStruct(value: unknown, name: string, ctx: Context): Record<string, unknown> {
  const input = value === null || value === undefined ? {} : value;
  const type: GoType = { kind: 'struct', name };
  if (!isObject(input)) throw typeError(jsonKind(input), type, ctx);
  const struct = goStruct(name);
  const given = new Map<GoField, unknown>();
  for (const [key, v] of Object.entries(input)) {
    const field = struct.byName.get(key) ?? struct.byFoldedName.get(key.toLowerCase());
    if (field) given.set(field, v);
  }
  const shortName = name.slice(name.indexOf('.') + 1);
  const out: Record<string, unknown> = {};
  for (const field of struct.fields) {
    const present = given.has(field);
    const raw = present ? given.get(field) : undefined;
    const encoded = present ? decode(raw, field.type, { ...ctx, path: [...ctx.path, field.json], struct: shortName }) : zeroValue(field.type);
    if (omitsField(field, encoded)) continue;
    out[field.json] = encoded;
  }
  return out;
}

function zeroValue(type: GoType): unknown {
  switch (type.kind) {
    case 'string':
      return '';
    case 'bool':
      return false;
    case 'int':
    case 'float':
    case 'IntOrString':
      return 0;
    case 'Quantity':
      return '0';
    case 'struct':
      return zeroStruct(type.name);
    default:
      return null;
  }
}
