/**
 * The Go value model: how JS values stand for the Go values a template sees.
 *
 * | JS value                                   | Go value                                   |
 * |--------------------------------------------|--------------------------------------------|
 * | `undefined`                                | no value (invalid `reflect.Value`, e.g. a missing map key) |
 * | `null`                                     | nil (an `interface{}` holding nil)          |
 * | `boolean`, `string`                        | `bool`, `string`                            |
 * | `number`                                   | `float64` (what JSON/YAML numbers decode to) |
 * | `bigint`                                   | `int` / `int64` (template integer constants, `len`, sprig arithmetic) |
 * | `Array`                                    | slice (`[]interface {}` unless tagged)      |
 * | plain object (`{}`, `Object.create(null)`) | `map[string]interface {}` (or a tagged map type) |
 * | any other object (class instance, `structValue`) | struct: fields by name, methods are its functions |
 * | `function`                                 | func (called when reached as a field: Go methods) |
 *
 * `withGoType(value, 'map[string]string')` tags a map whose missing keys read as `""` (Kubernetes
 * labels/annotations); any other tag names the type in messages (`v1.ObjectMeta`, `[]string`).
 */

import { chargeSteps } from './limits.js';

/** Non-enumerable property naming a value's Go type. */
export const GO_TYPE: unique symbol = Symbol.for('mesh-inject/gotemplate.goType');

export const STRING_MAP_TYPE = 'map[string]string';
const ANY_MAP_TYPE = 'map[string]interface {}';
const ANY_SLICE_TYPE = '[]interface {}';

export type Kind = 'invalid' | 'nil' | 'bool' | 'int' | 'float' | 'string' | 'slice' | 'map' | 'struct' | 'func';

export type GoMap = Record<string, unknown>;

/** Tags `value` with a Go type name (non-enumerable, so JSON and iteration ignore it). */
export function withGoType<T extends object>(value: T, typeName: string): T {
  Object.defineProperty(value, GO_TYPE, { value: typeName, enumerable: false, configurable: true, writable: true });
  return value;
}

/** A struct value: fields in the given order, printed `{a b}`, unknown fields are errors. */
export function structValue<T extends object>(typeName: string, fields: T): T {
  // A spread copy keeps V8's fast property layout; assigning many fields one by one into an empty
  // object (Object.assign) turns it into a slow dictionary, and every field read pays for that.
  const value = Object.setPrototypeOf({ ...fields }, StructPrototype) as T;
  return withGoType(value, typeName);
}

const StructPrototype: object = Object.create(Object.prototype, {
  [Symbol.toStringTag]: { value: 'GoStruct' },
});

/** Prototypes made by `structType`: they hold the type name and methods, never fields. */
const STRUCT_TYPE = Symbol('mesh-inject/gotemplate.structType');

/**
 * A prototype for the structs of one Go type (`Object.create(proto)` then the fields in order):
 * the type name and `methods` (non-enumerable, e.g. `toJSON`) are stored once instead of on
 * every value, which matters when a program builds thousands of them.
 */
export function structType(typeName: string, methods: Readonly<Record<string, (this: never) => unknown>> = {}): object {
  const descriptors: PropertyDescriptorMap = { [GO_TYPE]: { value: typeName, writable: true, configurable: true }, [STRUCT_TYPE]: { value: true } };
  for (const [name, fn] of Object.entries(methods)) descriptors[name] = { value: fn, writable: true, configurable: true };
  return Object.create(StructPrototype, descriptors) as object;
}

/** A `map[string]string`: missing keys read as `""`, like Kubernetes labels and annotations. */
export function stringMap(entries: Record<string, string> = {}): Record<string, string> {
  return withGoType({ ...entries }, STRING_MAP_TYPE);
}

export function declaredType(value: object): string | undefined {
  const t = (value as { [GO_TYPE]?: unknown })[GO_TYPE];
  return typeof t === 'string' ? t : undefined;
}

/** Whether a non-array object is a map (else it is a struct). */
export function isMapObject(value: object): boolean {
  const declared = (value as { [GO_TYPE]?: unknown })[GO_TYPE];
  if (typeof declared === 'string') return declared.startsWith('map[');
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** The Go `reflect.Kind` a template value stands for (see the table above). */
export function goKind(value: unknown): Kind {
  switch (typeof value) {
    case 'undefined':
      return 'invalid';
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float';
    case 'string':
      return 'string';
    case 'function':
      return 'func';
    case 'object':
      if (value === null) return 'nil';
      if (Array.isArray(value)) return 'slice';
      return isMapObject(value) ? 'map' : 'struct';
    default:
      return 'invalid';
  }
}

export function isStringMap(value: unknown): boolean {
  return typeof value === 'object' && value !== null && declaredType(value) === STRING_MAP_TYPE;
}

/** The Go type name `%T` and error messages print. */
export function typeName(value: unknown): string {
  switch (goKind(value)) {
    case 'invalid':
    case 'nil':
      return '<nil>';
    case 'bool':
      return 'bool';
    case 'int':
      return 'int';
    case 'float':
      return 'float64';
    case 'string':
      return 'string';
    case 'func':
      return 'func()';
    case 'slice':
      return declaredType(value as object) ?? ANY_SLICE_TYPE;
    case 'map':
      return declaredType(value as object) ?? ANY_MAP_TYPE;
    case 'struct': {
      const declared = declaredType(value as object);
      if (declared !== undefined) return declared;
      const ctor = (value as { constructor?: { name?: unknown } }).constructor;
      return typeof ctor?.name === 'string' && ctor.name !== '' ? ctor.name : 'struct';
    }
  }
}

/** `reflect.Kind.String()` as sprig's `kindOf` prints it. */
export function reflectKindName(value: unknown): string {
  switch (goKind(value)) {
    case 'invalid':
    case 'nil':
      return 'invalid';
    case 'int':
      return 'int';
    case 'float':
      return 'float64';
    case 'func':
      return 'func';
    case 'struct':
      return 'struct';
    default:
      return goKind(value);
  }
}

/** Go's definition of truth for `if`, `with`, `and`, `or`, `not`: the value is not its type's zero. */
export function isTrue(value: unknown): boolean {
  // By `typeof` first: most conditions test a bool, a string or a map.
  switch (typeof value) {
    case 'boolean':
      return value;
    case 'string':
      return value.length > 0;
    case 'bigint':
      return value !== 0n;
    case 'number':
      return value !== 0;
    case 'function':
      return true;
    case 'object':
      if (value === null) return false;
      if (Array.isArray(value)) return value.length > 0;
      return isMapObject(value) ? hasOwnKey(value) : true;
    default:
      return false;
  }
}

/** Whether a map has an entry (`Object.keys(map).length > 0` without building the array). */
function hasOwnKey(map: object): boolean {
  for (const key in map) if (hasOwn(map, key)) return true;
  return false;
}

/** Go string order (UTF-8 bytes, i.e. code points) for UTF-16 strings. */
export function compareGoStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) < codePointRank(y) ? -1 : 1;
  }
  return a.length - b.length;
}

/** Surrogates (astral code points) sort after U+E000..U+FFFF in code point order. */
function codePointRank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  if (unit >= 0xe000) return unit - 0x800;
  return unit;
}

/** A map's keys in Go's sorted order (`fmt`, `range`, `encoding/json` all sort). */
export function sortedKeys(map: object): string[] {
  const keys = Object.keys(map);
  // Ranging over, printing, encoding or copying a map all sort its keys: one step per key.
  chargeSteps(keys.length);
  return keys.sort(compareGoStrings);
}

export function hasOwn(map: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(map, key);
}

type FieldLookup = { found: false } | { found: true; value: unknown };

const NOT_FOUND: FieldLookup = { found: false };

/**
 * A struct's field or method: own properties, then the prototype chain up to (not including)
 * `Object.prototype`, never `constructor`.
 */
export function structMember(value: object, name: string): FieldLookup {
  if (name === 'constructor') return NOT_FOUND;
  // Fields are own properties; only methods of class instances live on the prototype chain.
  if (hasOwn(value, name)) return { found: true, value: (value as Record<string, unknown>)[name] };
  let obj: object | null = Object.getPrototypeOf(value) as object | null;
  while (obj !== null && obj !== Object.prototype) {
    const desc = Object.getOwnPropertyDescriptor(obj, name);
    if (desc !== undefined) return { found: true, value: (value as Record<string, unknown>)[name] };
    obj = Object.getPrototypeOf(obj) as object | null;
  }
  return NOT_FOUND;
}

/**
 * Whether `obj` inherits no data: a plain map, a `structValue` value or a struct of a `structType`.
 * A property of it that reads as neither undefined nor a function (nor is `constructor` or
 * `__proto__`) is then the map entry or struct field Go would read, found with one property load
 * instead of a kind check and an own-property lookup.
 */
export function hasPlainProto(obj: object): boolean {
  const proto = Object.getPrototypeOf(obj) as Record<symbol, unknown> | null;
  return proto === Object.prototype || proto === StructPrototype || proto === null || proto[STRUCT_TYPE] === true;
}

/** A map entry or struct field read the quick way (`hasPlainProto`), else undefined. */
export function plainMember(obj: object, name: string): unknown {
  if (!hasPlainProto(obj) || name === 'constructor' || name === '__proto__') return undefined;
  const value = (obj as Record<string, unknown>)[name];
  return typeof value === 'function' ? undefined : value;
}

/** Own enumerable fields of a struct in declaration order, without methods. */
export function structFields(value: object): [string, unknown][] {
  return Object.entries(value).filter(([, v]) => typeof v !== 'function');
}

export const MAX_INT64 = (1n << 63n) - 1n;
export const MIN_INT64 = -(1n << 63n);
