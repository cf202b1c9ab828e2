/**
 * The comparison builtins with Go's rules: `eq` takes any number of alternatives and compares
 * basic values of the same kind (int with int, float64 with float64, ...); two valid values of
 * different basic kinds are an error; nil (or no value) equals only nil; maps, slices and
 * functions cannot be compared. `lt`/`le`/`gt`/`ge` only order ints, floats and strings.
 */
import { GoFuncError } from './errors.js';
import { chargeChars } from './limits.js';
import { sprintf } from './printf.js';
import { compareGoStrings, goKind, structFields, typeName } from './values.js';

type BasicKind = 'bool' | 'int' | 'float' | 'string' | 'invalid';

function basicKind(v: unknown): BasicKind {
  const k = goKind(v);
  return k === 'bool' || k === 'int' || k === 'float' || k === 'string' ? k : 'invalid';
}

/** A value after Go's `indirectInterface`: nil interfaces and missing values are not valid. */
function isValid(v: unknown): boolean {
  return v !== undefined && v !== null;
}

/** `reflect.Kind` as `canCompare` sees it. */
function reflectKind(v: unknown): string {
  return isValid(v) ? goKind(v) : 'invalid';
}

function isComparable(v: unknown): boolean {
  switch (goKind(v)) {
    case 'map':
    case 'slice':
    case 'func':
      return false;
    case 'struct':
      return structFields(v as object).every(([, f]) => f === null || f === undefined || isComparable(f));
    default:
      return true;
  }
}

function equalValues(a: unknown, b: unknown): boolean {
  if (goKind(a) === 'struct' && goKind(b) === 'struct') {
    if (typeName(a) !== typeName(b)) return false;
    const fa = structFields(a as object);
    const fb = structFields(b as object);
    return fa.length === fb.length && fa.every(([k, v], i) => fb[i]?.[0] === k && equalValues(v, fb[i]?.[1]));
  }
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  return a === b;
}

/** Go `eq arg1 arg2...`: true when arg1 equals any of the others. Throws `GoFuncError`. */
export function goEq(arg1: unknown, ...rest: unknown[]): boolean {
  if (rest.length === 0) throw new GoFuncError('missing argument for comparison');
  const k1 = basicKind(arg1);
  for (const arg of rest) {
    const k2 = basicKind(arg);
    let truth = false;
    if (k1 !== k2) {
      if (isValid(arg1) && isValid(arg)) {
        throw new GoFuncError(`incompatible types for comparison: ${typeName(arg1)} and ${typeName(arg)}`);
      }
    } else if (k1 !== 'invalid') {
      if (k1 === 'string') chargeChars((arg1 as string).length);
      truth = arg1 === arg;
    } else {
      const r1 = reflectKind(arg1);
      const r2 = reflectKind(arg);
      if (r1 !== r2 && r1 !== 'invalid' && r2 !== 'invalid') {
        throw new GoFuncError(sprintf('non-comparable types %s: %v, %s: %v', [arg1, typeName(arg1), typeName(arg), arg]));
      }
      if (!isValid(arg1) || !isValid(arg)) truth = !isValid(arg1) && !isValid(arg);
      else {
        if (!isComparable(arg)) throw new GoFuncError(sprintf('non-comparable type %s: %v', [arg, typeName(arg)]));
        truth = equalValues(arg1, arg);
      }
    }
    if (truth) return true;
  }
  return false;
}

export function goNe(a: unknown, b: unknown): boolean {
  return !goEq(a, b);
}

export function goLt(a: unknown, b: unknown): boolean {
  const k1 = basicKind(a);
  if (k1 === 'invalid') throw new GoFuncError('invalid type for comparison');
  const k2 = basicKind(b);
  if (k2 === 'invalid') throw new GoFuncError('invalid type for comparison');
  if (k1 !== k2) throw new GoFuncError(`incompatible types for comparison: ${typeName(a)} and ${typeName(b)}`);
  switch (k1) {
    case 'bool':
      throw new GoFuncError('invalid type for comparison');
    case 'string':
      chargeChars((a as string).length);
      return compareGoStrings(a as string, b as string) < 0;
    default:
      return (a as number) < (b as number);
  }
}

export function goLe(a: unknown, b: unknown): boolean {
  return goLt(a, b) || goEq(a, b);
}

export function goGt(a: unknown, b: unknown): boolean {
  return !goLe(a, b);
}

export function goGe(a: unknown, b: unknown): boolean {
  return !goLt(a, b);
}
