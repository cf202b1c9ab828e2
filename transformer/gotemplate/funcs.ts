/**
 * Template functions. Go checks every argument against the function's parameter types; a
 * `FuncSpec` carries those types so calls get Go's conversions and errors (`expected integer;
 * found "x"`, `wrong type for value; expected string; got float64`). A plain JS function is
 * `func(args ...interface{}) (interface{}, error)`: any arguments, nils as `null`.
 */
import { chargeSteps } from './limits.js';
import { isStringMap, goKind } from './values.js';

/** Parameter types, named as Go prints them in errors (`typeString`). */
export type ArgType =
  /** `interface{}`: anything; a missing value arrives as `null`. */
  | 'any'
  /** `reflect.Value` (builtins only): the value as is, `undefined` for "no value". */
  | 'value'
  | 'string'
  /** `int` (also used for `int64` parameters). */
  | 'int'
  | 'float64'
  | 'bool'
  /** `map[string]interface {}`. */
  | 'map'
  /** `map[string]string`: a tagged string map, or an untagged map whose values are all strings. */
  | 'stringMap'
  /** Any slice. */
  | 'slice'
  | 'func'
  /** A named struct type (`v1.ObjectMeta`; `*T` can be nil): any struct or map value. */
  | { readonly struct: string };

export interface FuncSpec {
  readonly params: readonly ArgType[];
  /** Element type of a trailing variadic parameter. */
  readonly variadic?: ArgType;
  readonly fn: (...args: never[]) => unknown;
  /** `fn` takes the execution's context (`Template.execute(data, context)`) before its arguments. */
  readonly withContext?: true;
}

export type TemplateFunc = FuncSpec | ((...args: never[]) => unknown);
export type FuncMap = Readonly<Record<string, TemplateFunc>>;

/** A typed function: `defineFunc(['int', 'string'], (n, s) => ...)`. */
export function defineFunc<F extends (...args: never[]) => unknown>(params: readonly ArgType[], fn: F, variadic?: ArgType): FuncSpec {
  return variadic === undefined ? { params, fn } : { params, variadic, fn };
}

/**
 * A typed function that reads what differs from one execution to the next (the caller's
 * `Template.execute(data, context)`): `defineContextFunc(['string'], (context, s) => ...)`. The
 * parsed template stays the same for every execution; the context is passed in, not stored.
 */
export function defineContextFunc<F extends (context: never, ...args: never[]) => unknown>(params: readonly ArgType[], fn: F): FuncSpec {
  return { params, fn: fn as unknown as (...args: never[]) => unknown, withContext: true };
}

function isFuncSpec(f: TemplateFunc): f is FuncSpec {
  return typeof f === 'object';
}

/** The spec of any template function (plain JS functions are variadic `interface{}`). */
export function specOf(f: TemplateFunc): FuncSpec {
  return isFuncSpec(f) ? f : { params: [], variadic: 'any', fn: f };
}

export function typeString(t: ArgType): string {
  if (typeof t === 'object') return t.struct;
  switch (t) {
    case 'any':
      return 'interface {}';
    case 'value':
      return 'reflect.Value';
    case 'map':
      return 'map[string]interface {}';
    case 'stringMap':
      return 'map[string]string';
    case 'slice':
      return '[]interface {}';
    case 'func':
      return 'func()';
    default:
      return t;
  }
}

/** Go `canBeNil`: types an untyped nil can be assigned to. */
export function canBeNil(t: ArgType): boolean {
  if (typeof t === 'object') return t.struct.startsWith('*');
  return t === 'any' || t === 'value' || t === 'map' || t === 'stringMap' || t === 'slice' || t === 'func';
}

/** Go's assignability of a (non-nil) value to a parameter type, over the value model. */
export function isAssignable(value: unknown, typ: ArgType): boolean {
  // A struct parameter takes a struct or a map (any object but a slice).
  if (typeof typ === 'object') return typeof value === 'object' && value !== null && !Array.isArray(value);
  switch (typ) {
    case 'any':
    case 'value':
      return true;
    case 'string':
      return typeof value === 'string';
    case 'int':
      return typeof value === 'bigint';
    case 'float64':
      return typeof value === 'number';
    case 'bool':
      return typeof value === 'boolean';
    case 'map':
      return goKind(value) === 'map' && !isStringMap(value);
    case 'stringMap': {
      if (isStringMap(value)) return true;
      if (goKind(value) !== 'map') return false;
      const values = Object.values(value as object);
      chargeSteps(values.length);
      return values.every((v) => typeof v === 'string');
    }
    case 'slice':
      return Array.isArray(value);
    case 'func':
      return typeof value === 'function';
  }
}

/** Go's rule for identifiers used as function names. */
export function isValidFuncName(name: string): boolean {
  return /^[\p{L}_][\p{L}\p{Nd}_]*$/u.test(name);
}
