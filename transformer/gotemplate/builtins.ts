/**
 * Go's predefined template functions: `and or not len index slice print printf println html js
 * urlquery call eq ne lt le gt ge`. `and`, `or` and `call` are evaluated by the executor
 * (short-circuit, callee name); their entries here carry the signatures.
 */
import { goEq, goGe, goGt, goLe, goLt, goNe } from './compare.js';
import { GoFuncError } from './errors.js';
import { defineFunc, type FuncSpec } from './funcs.js';
import { chargeChars, chargeSteps } from './limits.js';
import { isPrint } from './go-quote.js';
import { sprint, sprintf, sprintln } from './printf.js';
import { byteAt, byteLength, sliceBytes, utf8Bytes } from './utf8.js';
import { STRING_MAP_TYPE, declaredType, hasOwn, isMapObject, isStringMap, isTrue, goKind, typeName } from './values.js';

function notCalled(): never {
  throw new GoFuncError('unreachable: evaluated by the executor');
}

/** Go `indexArg`: an integer index within [0, cap]. */
function indexArg(index: unknown, cap: number): number {
  if (index === undefined || index === null) throw new GoFuncError('cannot index slice/array with nil');
  if (typeof index !== 'bigint') throw new GoFuncError(`cannot index slice/array with type ${typeName(index)}`);
  if (index < 0n || index > BigInt(cap)) throw new GoFuncError(`index out of range: ${index}`);
  return Number(index);
}

function goIndex(item: unknown, ...indexes: unknown[]): unknown {
  // The common case, a map and one key, without the general loop.
  if (indexes.length === 1 && typeof indexes[0] === 'string' && typeof item === 'object' && item !== null && !Array.isArray(item)) {
    // One read of the declared type decides both "is a map" and "a missing key reads as """.
    const declared = declaredType(item);
    if (declared === undefined ? isMapObject(item) : declared.startsWith('map[')) {
      const key = indexes[0];
      return hasOwn(item, key) ? (item as Record<string, unknown>)[key] : declared === STRING_MAP_TYPE ? '' : null;
    }
  }
  if (item === undefined || item === null) throw new GoFuncError('index of untyped nil');
  let cur: unknown = item;
  for (const index of indexes) {
    if (cur === undefined || cur === null) throw new GoFuncError('index of nil pointer');
    switch (goKind(cur)) {
      case 'slice': {
        const arr = cur as unknown[];
        const x = indexArg(index, arr.length);
        if (x === arr.length) throw new GoFuncError('reflect: slice index out of range');
        cur = arr[x];
        break;
      }
      case 'string': {
        const s = cur as string;
        chargeChars(s.length);
        const len = byteLength(s);
        const x = indexArg(index, len);
        if (x === len) throw new GoFuncError('reflect: string index out of range');
        cur = BigInt(byteAt(s, x));
        break;
      }
      case 'map': {
        if (index === undefined || index === null) throw new GoFuncError('value is nil; should be of type string');
        if (typeof index !== 'string') throw new GoFuncError(`value has type ${typeName(index)}; should be string`);
        const map = cur as Record<string, unknown>;
        cur = hasOwn(map, index) ? map[index] : isStringMap(map) ? '' : null;
        break;
      }
      default:
        throw new GoFuncError(`can't index item of type ${typeName(cur)}`);
    }
  }
  return cur;
}

function goSlice(item: unknown, ...indexes: unknown[]): unknown {
  if (item === undefined || item === null) throw new GoFuncError('slice of untyped nil');
  if (indexes.length > 3) throw new GoFuncError(`too many slice indexes: ${indexes.length}`);
  let cap: number;
  switch (goKind(item)) {
    case 'string':
      if (indexes.length === 3) throw new GoFuncError('cannot 3-index slice a string');
      chargeChars((item as string).length);
      cap = byteLength(item as string);
      break;
    case 'slice':
      cap = (item as unknown[]).length;
      break;
    default:
      throw new GoFuncError(`can't slice item of type ${typeName(item)}`);
  }
  const idx = [0, cap, cap];
  indexes.forEach((index, i) => {
    idx[i] = indexArg(index, cap);
  });
  const [lo = 0, hi = cap, max = cap] = idx;
  if (lo > hi) throw new GoFuncError(`invalid slice index: ${lo} > ${hi}`);
  if (indexes.length === 3 && hi > max) throw new GoFuncError(`invalid slice index: ${hi} > ${max}`);
  if (typeof item === 'string') return sliceBytes(item, lo, hi);
  return (item as unknown[]).slice(lo, hi);
}

function goLen(item: unknown): bigint {
  if (item === null) throw new GoFuncError('len of nil pointer');
  switch (goKind(item)) {
    case 'string':
      chargeChars((item as string).length);
      return BigInt(byteLength(item as string));
    case 'slice':
      return BigInt((item as unknown[]).length);
    case 'map': {
      const n = Object.keys(item as object).length;
      chargeSteps(n);
      return BigInt(n);
    }
    case 'invalid':
      throw new GoFuncError('reflect: call of reflect.Value.Type on zero Value');
    default:
      throw new GoFuncError(`len of type ${typeName(item)}`);
  }
}

/** Go `evalArgs`: one string as is, otherwise `fmt.Sprint` of the arguments. */
function evalArgs(args: unknown[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args);
}

function htmlEscape(s: string): string {
  chargeSteps(s.length);
  return s.replace(/[\0"'&<>]/g, (c) => ({ '\0': '\uFFFD', '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] ?? c);
}

function jsEscape(s: string): string {
  chargeSteps(s.length);
  let out = '';
  for (const ch of s) {
    const r = ch.codePointAt(0) ?? 0;
    switch (ch) {
      case '\\':
        out += '\\\\';
        continue;
      case "'":
        out += "\\'";
        continue;
      case '"':
        out += '\\"';
        continue;
      case '<':
        out += '\\u003C';
        continue;
      case '>':
        out += '\\u003E';
        continue;
      case '&':
        out += '\\u0026';
        continue;
      case '=':
        out += '\\u003D';
        continue;
    }
    if (r < 0x20) out += '\\u00' + r.toString(16).toUpperCase().padStart(2, '0');
    else if (r < 0x80 || isPrint(r)) out += ch;
    else out += '\\u' + r.toString(16).toUpperCase().padStart(4, '0');
  }
  return out;
}

/** Go `url.QueryEscape`. */
function queryEscape(s: string): string {
  chargeSteps(2 * s.length);
  let out = '';
  for (const b of utf8Bytes(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

export const BUILTINS: Readonly<Record<string, FuncSpec>> = {
  and: defineFunc(['value'], notCalled, 'value'),
  or: defineFunc(['value'], notCalled, 'value'),
  call: defineFunc(['value'], notCalled, 'value'),
  not: defineFunc(['value'], (v: unknown) => !isTrue(v)),
  len: defineFunc(['value'], goLen),
  index: defineFunc(['value'], goIndex, 'value'),
  slice: defineFunc(['value'], goSlice, 'value'),
  print: defineFunc([], (...args: unknown[]) => sprint(args), 'any'),
  printf: defineFunc(['string'], (format: string, ...args: unknown[]) => sprintf(format, args), 'any'),
  println: defineFunc([], (...args: unknown[]) => sprintln(args), 'any'),
  html: defineFunc([], (...args: unknown[]) => htmlEscape(evalArgs(args)), 'any'),
  js: defineFunc([], (...args: unknown[]) => jsEscape(evalArgs(args)), 'any'),
  urlquery: defineFunc([], (...args: unknown[]) => queryEscape(evalArgs(args)), 'any'),
  eq: defineFunc(['value'], goEq, 'value'),
  ne: defineFunc(['value', 'value'], goNe),
  lt: defineFunc(['value', 'value'], goLt),
  le: defineFunc(['value', 'value'], goLe),
  gt: defineFunc(['value', 'value'], goGt),
  ge: defineFunc(['value', 'value'], goGe),
};

export function isBuiltin(name: string): boolean {
  return hasOwn(BUILTINS, name);
}
