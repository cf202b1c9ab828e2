/**
 * sprig numeric functions: integer arithmetic on int64 (`add`, `sub`, `mul`, `div`, `mod`, `max`,
 * `min`, wrapping like Go), conversions (`int`, `int64`, `float64`, `atoi`) and float helpers
 * (`maxf`, `minf`, `floor`, `ceil`, `round`).
 */
import { GoFuncError } from './errors.js';
import { defineFunc, type FuncMap } from './funcs.js';
import { parseGoInteger } from './go-literals.js';
import { castToFloat64, castToInt64, wrap64 } from './sprig-cast.js';

const DIVIDE_BY_ZERO = 'runtime error: integer divide by zero';

function nonZero(v: bigint): bigint {
  if (v === 0n) throw new GoFuncError(DIVIDE_BY_ZERO);
  return v;
}

/** Go `strconv.Atoi` (decimal only); sprig drops the error, giving 0. */
function atoi(s: string): bigint {
  if (!/^[+-]?[0-9]+$/.test(s)) return 0n;
  return parseGoInteger(s.replace(/^\+/, ''), true) ?? 0n;
}

function round(a: unknown, p: bigint, ...rOpt: number[]): number {
  const roundOn = rOpt[0] ?? 0.5;
  const val = castToFloat64(a);
  const pow = 10 ** Number(p);
  const digit = pow * val;
  const frac = digit - Math.trunc(digit);
  const r = frac >= roundOn ? Math.ceil(digit) : Math.floor(digit);
  return r / pow;
}

function goMax(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
  return Math.max(a, b);
}

function goMin(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
  return Math.min(a, b);
}

export const sprigNumberFuncs: FuncMap = {
  int: defineFunc(['any'], castToInt64),
  int64: defineFunc(['any'], castToInt64),
  float64: defineFunc(['any'], castToFloat64),
  atoi: defineFunc(['string'], atoi),
  add: defineFunc([], (...xs: unknown[]) => wrap64(xs.reduce<bigint>((acc, x) => acc + castToInt64(x), 0n)), 'any'),
  add1: defineFunc(['any'], (x: unknown) => wrap64(castToInt64(x) + 1n)),
  sub: defineFunc(['any', 'any'], (a: unknown, b: unknown) => wrap64(castToInt64(a) - castToInt64(b))),
  mul: defineFunc(['any'], (a: unknown, ...xs: unknown[]) => xs.reduce<bigint>((acc, x) => wrap64(acc * castToInt64(x)), castToInt64(a)), 'any'),
  div: defineFunc(['any', 'any'], (a: unknown, b: unknown) => wrap64(castToInt64(a) / nonZero(castToInt64(b)))),
  mod: defineFunc(['any', 'any'], (a: unknown, b: unknown) => castToInt64(a) % nonZero(castToInt64(b))),
  max: defineFunc(['any'], (a: unknown, ...xs: unknown[]) => xs.map(castToInt64).reduce((m, x) => (x > m ? x : m), castToInt64(a)), 'any'),
  biggest: defineFunc(['any'], (a: unknown, ...xs: unknown[]) => xs.map(castToInt64).reduce((m, x) => (x > m ? x : m), castToInt64(a)), 'any'),
  min: defineFunc(['any'], (a: unknown, ...xs: unknown[]) => xs.map(castToInt64).reduce((m, x) => (x < m ? x : m), castToInt64(a)), 'any'),
  maxf: defineFunc(['any'], (a: unknown, ...xs: unknown[]) => xs.map(castToFloat64).reduce(goMax, castToFloat64(a)), 'any'),
  minf: defineFunc(['any'], (a: unknown, ...xs: unknown[]) => xs.map(castToFloat64).reduce(goMin, castToFloat64(a)), 'any'),
  floor: defineFunc(['any'], (a: unknown) => Math.floor(castToFloat64(a))),
  ceil: defineFunc(['any'], (a: unknown) => Math.ceil(castToFloat64(a))),
  round: defineFunc(['any', 'int'], round, 'float64'),
};
