/**
 * Conversions and equality sprig relies on: `spf13/cast` (`toInt64`, `toFloat64`),
 * `reflect.DeepEqual`, and sprig's `empty`.
 */
import { parseGoFloat, parseGoInteger } from './go-literals.js';
import { chargeChars, chargeSteps } from './limits.js';
import { MIN_INT64, isTrue, goKind, sortedKeys, structFields, typeName } from './values.js';

/** `cast.ToInt64`: ints, floats (truncated), numeric strings (base prefixes, `1.0`), bools; else 0. */
export function castToInt64(v: unknown): bigint {
  switch (goKind(v)) {
    case 'int':
      return v as bigint;
    case 'float': {
      const f = v as number;
      if (Number.isNaN(f)) return MIN_INT64;
      if (f >= 2 ** 63 || f < -(2 ** 63)) return MIN_INT64;
      return BigInt(Math.trunc(f));
    }
    case 'string': {
      const s = (v as string).replace(/^([+-]?[0-9]+)\.0*$/, '$1');
      return parseGoInteger(s, true) ?? 0n;
    }
    case 'bool':
      return v ? 1n : 0n;
    default:
      return 0n;
  }
}

/** `cast.ToFloat64`. */
export function castToFloat64(v: unknown): number {
  switch (goKind(v)) {
    case 'int':
      return Number(v as bigint);
    case 'float':
      return v as number;
    case 'string':
      return parseGoFloat(v as string) ?? 0;
    case 'bool':
      return v ? 1 : 0;
    default:
      return 0;
  }
}

/** Go int64 arithmetic wraps around. */
export function wrap64(v: bigint): bigint {
  return BigInt.asIntN(64, v);
}

/** sprig `empty`: the zero value of its type (structs are never empty). */
export function isEmpty(v: unknown): boolean {
  return !isTrue(v);
}

/** Go `reflect.DeepEqual` over the value model. */
export function reflectDeepEqual(a: unknown, b: unknown): boolean {
  chargeSteps(1);
  if (typeof a === 'string') chargeChars(a.length);
  const ka = goKind(a);
  const kb = goKind(b);
  if ((ka === 'invalid' || ka === 'nil') && (kb === 'invalid' || kb === 'nil')) return true;
  if (ka !== kb || typeName(a) !== typeName(b)) return false;
  switch (ka) {
    case 'slice': {
      const x = a as unknown[];
      const y = b as unknown[];
      return x.length === y.length && x.every((v, i) => reflectDeepEqual(v, y[i]));
    }
    case 'map': {
      const kx = sortedKeys(a as object);
      const ky = sortedKeys(b as object);
      return (
        kx.length === ky.length &&
        kx.every((k, i) => k === ky[i] && reflectDeepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
      );
    }
    case 'struct': {
      const fx = structFields(a as object);
      const fy = structFields(b as object);
      return fx.length === fy.length && fx.every(([k, v], i) => fy[i]?.[0] === k && reflectDeepEqual(v, fy[i]?.[1]));
    }
    case 'func':
      return false;
    default:
      return a === b;
  }
}

/** `reflect.Kind` names sprig puts in its errors (`Cannot push on type string`). */
export function kindName(v: unknown): string {
  switch (goKind(v)) {
    case 'invalid':
    case 'nil':
      return 'invalid';
    case 'float':
      return 'float64';
    default:
      return goKind(v);
  }
}
