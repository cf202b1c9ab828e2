/**
 * sprig dictionary functions over `map[string]interface {}`. Maps are shared like Go maps: `set`,
 * `unset` and `merge` change the map they are given and return it. `keys` and `values` come in
 * key order (Go's order is random; sorted output is one of the orders Go may produce).
 */
import { GoFuncError } from './errors.js';
import { defineFunc, type FuncMap } from './funcs.js';
import { chargeSteps } from './limits.js';
import { isEmpty } from './sprig-cast.js';
import { strval } from './sprig-strings.js';
import { GO_TYPE, declaredType, hasOwn, goKind, sortedKeys, withGoType, type GoMap } from './values.js';

function dict(...pairs: unknown[]): GoMap {
  const out: GoMap = {};
  for (let i = 0; i < pairs.length; i += 2) out[strval(pairs[i])] = i + 1 < pairs.length ? pairs[i + 1] : '';
  return out;
}

/** mergo's deep merge: `dst` keeps its non-empty values unless `overwrite`; nested maps merge. */
function deepMerge(dst: GoMap, src: GoMap, overwrite: boolean): void {
  for (const key of sortedKeys(src)) {
    const s = src[key];
    const present = hasOwn(dst, key);
    const d = dst[key];
    if (s === null || s === undefined) {
      if (overwrite) dst[key] = null;
      continue;
    }
    if (goKind(s) === 'map' && present && goKind(d) === 'map') {
      deepMerge(d as GoMap, s as GoMap, overwrite);
      continue;
    }
    if (overwrite || !present || isEmpty(d)) dst[key] = s;
  }
}

function merge(overwrite: boolean) {
  return (dst: GoMap | null, ...srcs: (GoMap | null)[]): GoMap => {
    const target = dst ?? {};
    for (const src of srcs) if (src !== null) deepMerge(target, src, overwrite);
    return target;
  };
}

function dig(...args: unknown[]): unknown {
  if (args.length < 3) throw new GoFuncError('dig needs at least three arguments');
  const dictArg = args[args.length - 1];
  const def = args[args.length - 2];
  const keys = args.slice(0, -2).map((k) => {
    if (typeof k !== 'string') throw new GoFuncError(`interface conversion: interface {} is ${goKind(k) === 'nil' ? 'nil' : typeof k}, not string`);
    return k;
  });
  let cur: unknown = dictArg;
  for (const [i, k] of keys.entries()) {
    if (goKind(cur) !== 'map') throw new GoFuncError('interface conversion: interface {} is not map[string]interface {}');
    const m = cur as GoMap;
    if (!hasOwn(m, k)) return def;
    if (i === keys.length - 1) return m[k];
    cur = m[k];
  }
  return def;
}

/** copystructure-style deep copy keeping Go type tags and struct prototypes. */
function deepCopy(v: unknown): unknown {
  if (Array.isArray(v)) {
    chargeSteps(v.length);
    const out = v.map(deepCopy);
    const t = declaredType(v);
    return t === undefined ? out : withGoType(out, t);
  }
  if (typeof v === 'object' && v !== null) {
    const out = Object.create(Object.getPrototypeOf(v) as object | null) as Record<string, unknown>;
    const entries = Object.entries(v);
    chargeSteps(entries.length);
    for (const [k, x] of entries) out[k] = deepCopy(x);
    const t = (v as { [GO_TYPE]?: unknown })[GO_TYPE];
    return typeof t === 'string' ? withGoType(out, t) : out;
  }
  return v;
}

/** The functions that change a map they are given (Go maps are references): data reached by a template calling one is the template's to change. */
export const MAP_CHANGING_FUNCS: ReadonlySet<string> = new Set(['set', 'unset', 'merge', 'mustMerge', 'mergeOverwrite', 'mustMergeOverwrite']);

export const sprigDictFuncs: FuncMap = {
  dict: defineFunc([], dict, 'any'),
  get: defineFunc(['map', 'string'], (d: GoMap | null, key: string) => (d !== null && hasOwn(d, key) ? d[key] : '')),
  set: defineFunc(['map', 'string', 'any'], (d: GoMap | null, key: string, value: unknown) => {
    if (d === null) throw new GoFuncError('assignment to entry in nil map');
    d[key] = value;
    return d;
  }),
  unset: defineFunc(['map', 'string'], (d: GoMap | null, key: string) => {
    if (d !== null) delete d[key];
    return d ?? {};
  }),
  hasKey: defineFunc(['map', 'string'], (d: GoMap | null, key: string) => d !== null && hasOwn(d, key)),
  pluck: defineFunc(['string'], (key: string, ...dicts: (GoMap | null)[]) => dicts.filter((d) => d !== null && hasOwn(d, key)).map((d) => d![key]), 'map'),
  keys: defineFunc([], (...dicts: (GoMap | null)[]) => withGoType(dicts.flatMap((d) => (d === null ? [] : sortedKeys(d))), '[]string'), 'map'),
  values: defineFunc(['map'], (d: GoMap | null) => (d === null ? [] : sortedKeys(d).map((k) => d[k]))),
  pick: defineFunc(['map'], (d: GoMap | null, ...keys: string[]) => {
    const out: GoMap = {};
    for (const k of keys) if (d !== null && hasOwn(d, k)) out[k] = d[k];
    return out;
  }, 'string'),
  omit: defineFunc(['map'], (d: GoMap | null, ...keys: string[]) => {
    const out: GoMap = {};
    if (d !== null) for (const k of sortedKeys(d)) if (!keys.includes(k)) out[k] = d[k];
    return out;
  }, 'string'),
  merge: defineFunc(['map'], merge(false), 'map'),
  mustMerge: defineFunc(['map'], merge(false), 'map'),
  mergeOverwrite: defineFunc(['map'], merge(true), 'map'),
  mustMergeOverwrite: defineFunc(['map'], merge(true), 'map'),
  dig: defineFunc([], dig, 'any'),
  deepCopy: defineFunc(['any'], deepCopy),
  mustDeepCopy: defineFunc(['any'], deepCopy),
};
