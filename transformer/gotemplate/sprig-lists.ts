/**
 * sprig list functions. Lists are returned as new `[]interface {}` slices; errors use sprig's
 * wording (`Cannot push on type string`).
 */
import { GoFuncError } from './errors.js';
import { defineFunc, type FuncMap } from './funcs.js';
import { chargeSteps, checkList, joinChecked } from './limits.js';
import { castToInt64, reflectDeepEqual, isEmpty, kindName } from './sprig-cast.js';
import { withGoType } from './values.js';

const NIL_DEREF = 'runtime error: invalid memory address or nil pointer dereference';

/** The list argument as a JS array, or sprig's error for other kinds. */
function asList(v: unknown, what: string): unknown[] {
  if (v === null || v === undefined) throw new GoFuncError(NIL_DEREF);
  if (!Array.isArray(v)) throw new GoFuncError(`${what} ${kindName(v)}`);
  return v;
}

/** Whether `needle` is in `haystack`; each comparison is a step (`uniq` and `without` are quadratic). */
function inList(haystack: readonly unknown[], needle: unknown): boolean {
  chargeSteps(haystack.length);
  return haystack.some((h) => reflectDeepEqual(needle, h));
}

/** `list` with `v` added, checked against the list limit first. */
function withItem(list: readonly unknown[], v: unknown, first: boolean): unknown[] {
  checkList(list.length + 1);
  return first ? [v, ...list] : [...list, v];
}

function intList(values: number[]): bigint[] {
  return withGoType(
    values.map((v) => BigInt(v)),
    '[]int',
  );
}

/** sprig `untilStep`; the number of values is checked against the list limit before any is made. */
function untilStep(start: number, stop: number, step: number): number[] {
  const out: number[] = [];
  if (stop < start) {
    if (step >= 0) return out;
    checkList(Math.ceil((stop - start) / step));
    for (let i = start; i > stop; i += step) out.push(i);
    return out;
  }
  if (step <= 0) return out;
  checkList(Math.ceil((stop - start) / step));
  for (let i = start; i < stop; i += step) out.push(i);
  return out;
}

function seq(...params: bigint[]): string {
  const p = params.map(Number);
  let values: number[];
  switch (p.length) {
    case 0:
      return '';
    case 1: {
      const end = p[0]!;
      const inc = end < 1 ? -1 : 1;
      values = untilStep(1, end + inc, inc);
      break;
    }
    case 2: {
      const [start = 0, end = 0] = p;
      const step = end < start ? -1 : 1;
      values = untilStep(start, end + step, step);
      break;
    }
    case 3: {
      const [start = 0, step = 0, end = 0] = p;
      let inc = 1;
      if (end < start) {
        inc = -1;
        if (step > 0) return '';
      }
      values = untilStep(start, end + inc, step);
      break;
    }
    default:
      return '';
  }
  return joinChecked(values.map(String), ' ');
}

function slice(list: unknown, ...indices: unknown[]): unknown {
  const l = asList(list, 'list should be type of slice or array but');
  if (l.length === 0) return null;
  const start = indices.length > 0 ? Number(castToInt64(indices[0])) : 0;
  const end = indices.length < 2 ? l.length : Number(castToInt64(indices[1]));
  if (start < 0 || end > l.length || start > end) throw new GoFuncError('reflect: slice index out of range');
  return l.slice(start, end);
}

function chunk(size: bigint, list: unknown): unknown[][] {
  const l = asList(list, 'Cannot chunk type');
  const n = Number(size);
  if (n <= 0) throw new GoFuncError('runtime error: integer divide by zero');
  chargeSteps(l.length);
  const out: unknown[][] = [];
  for (let i = 0; i < l.length; i += n) out.push(l.slice(i, i + n));
  return out;
}

const lists: FuncMap = {
  list: defineFunc([], (...items: unknown[]) => items, 'any'),
  tuple: defineFunc([], (...items: unknown[]) => items, 'any'),
  append: defineFunc(['any', 'any'], (list: unknown, v: unknown) => withItem(asList(list, 'Cannot push on type'), v, false)),
  push: defineFunc(['any', 'any'], (list: unknown, v: unknown) => withItem(asList(list, 'Cannot push on type'), v, false)),
  prepend: defineFunc(['any', 'any'], (list: unknown, v: unknown) => withItem(asList(list, 'Cannot prepend on type'), v, true)),
  first: defineFunc(['any'], (list: unknown) => asList(list, 'Cannot find first on type')[0] ?? null),
  last: defineFunc(['any'], (list: unknown) => {
    const l = asList(list, 'Cannot find last on type');
    return l.length === 0 ? null : l[l.length - 1];
  }),
  rest: defineFunc(['any'], (list: unknown) => asList(list, 'Cannot find rest on type').slice(1)),
  initial: defineFunc(['any'], (list: unknown) => asList(list, 'Cannot find initial on type').slice(0, -1)),
  reverse: defineFunc(['any'], (list: unknown) => [...asList(list, 'Cannot find reverse on type')].reverse()),
  uniq: defineFunc(['any'], (list: unknown) => {
    const out: unknown[] = [];
    for (const item of asList(list, 'Cannot find uniq on type')) if (!inList(out, item)) out.push(item);
    return out;
  }),
  without: defineFunc(['any'], (list: unknown, ...omit: unknown[]) => asList(list, 'Cannot find without on type').filter((x) => !inList(omit, x)), 'any'),
  has: defineFunc(['any', 'any'], (needle: unknown, haystack: unknown) => {
    if (haystack === null) return false;
    return inList(asList(haystack, 'Cannot find has on type'), needle);
  }),
  compact: defineFunc(['any'], (list: unknown) => asList(list, 'Cannot compact on type').filter((x) => !isEmpty(x))),
  slice: defineFunc(['any'], slice, 'any'),
  concat: defineFunc(
    [],
    (...lists: unknown[]) => {
      let length = 0;
      for (const l of lists) {
        if (!Array.isArray(l)) throw new GoFuncError(`Cannot concat type ${kindName(l)} as list`);
        length += l.length;
      }
      checkList(length);
      return lists.flatMap((l) => l as unknown[]);
    },
    'any',
  ),
  chunk: defineFunc(['int', 'any'], chunk),
  until: defineFunc(['int'], (count: bigint) => intList(untilStep(0, Number(count), count < 0n ? -1 : 1))),
  untilStep: defineFunc(['int', 'int', 'int'], (start: bigint, stop: bigint, step: bigint) =>
    intList(untilStep(Number(start), Number(stop), Number(step))),
  ),
  seq: defineFunc([], seq, 'int'),
};

/** sprig's `must*` list variants return the error instead of panicking: same message here. */
const MUST = ['push', 'append', 'prepend', 'first', 'last', 'rest', 'initial', 'reverse', 'uniq', 'without', 'has', 'compact', 'slice', 'chunk'];

export const sprigListFuncs: FuncMap = {
  ...lists,
  ...Object.fromEntries(MUST.map((name) => [`must${name[0]!.toUpperCase()}${name.slice(1)}`, lists[name]!])),
};
