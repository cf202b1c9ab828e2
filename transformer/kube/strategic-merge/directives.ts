/**
 * Patch directives (strategic-merge-patch.md "Basic Patch Format") and how patch content becomes
 * part of the result when there is nothing to merge it with.
 */
import { isMap, type Obj } from './json-kind.js';

export const PATCH = '$patch';
export const RETAIN_KEYS = '$retainKeys';
export const SET_ELEMENT_ORDER = '$setElementOrder';
export const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList';

/** Keys that only instruct the merge and never belong in a result. */
export function isDirectiveKey(key: string): boolean {
  return key === PATCH || key === RETAIN_KEYS || key.startsWith(SET_ELEMENT_ORDER) || key.startsWith(DELETE_FROM_PRIMITIVE_LIST);
}

export function hasPatchDirective(value: unknown): boolean {
  return isMap(value) && Object.hasOwn(value, PATCH);
}

const DROP = Symbol('drop');

/**
 * Patch content taken as it is (a new field, a new list item, a replaced list, `$patch: replace`):
 * a fresh copy without nulls (with nothing to delete, `null` means "absent") and without
 * directives. A map that carries `$patch` is dropped, as apimachinery's `removeDirectives` does
 * for a field the original lacks: a `$patch: delete` item of a new list vanishes, and so does a
 * `$patch: replace` map for a field the original lacks. (Where apimachinery keeps content raw, i.e.
 * new items of merging lists, replaced lists and `$patch: replace` contents, nested directives
 * survive until Istio's typed decode drops the unknown `$patch` key; here every path drops them.)
 * Returns `undefined` when `value` itself is dropped.
 */
export function materialize(value: unknown): unknown {
  const out = copyWithoutDirectives(value);
  return out === DROP ? undefined : out;
}

function copyWithoutDirectives(value: unknown): unknown {
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) {
      const copy = copyWithoutDirectives(item);
      if (copy !== DROP) out.push(copy);
    }
    return out;
  }
  if (!isMap(value)) return value;
  if (Object.hasOwn(value, PATCH)) return DROP;
  const out: Obj = {};
  for (const key of Object.keys(value)) {
    const item = value[key];
    if (item === null || item === undefined || isDirectiveKey(key)) continue;
    const copy = copyWithoutDirectives(item);
    if (copy !== DROP) out[key] = copy;
  }
  return out;
}

/**
 * `materialize` for a patch the caller gives away: its parts with nothing to drop (no nulls, no
 * directives) are used as they are, only the path to something dropped is copied.
 */
export function materializeOwned(value: unknown): unknown {
  const out = withoutDirectivesOwned(value);
  return out === DROP ? undefined : out;
}

function withoutDirectivesOwned(value: unknown): unknown {
  if (Array.isArray(value)) {
    let out: unknown[] | undefined; // set at the first change, with the items before it
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const result = withoutDirectivesOwned(item);
      if (out === undefined && result !== item) out = value.slice(0, i);
      if (out !== undefined && result !== DROP) out.push(result);
    }
    return out ?? value;
  }
  if (!isMap(value)) return value;
  if (Object.hasOwn(value, PATCH)) return DROP;
  const keys = Object.keys(value);
  let out: Obj | undefined;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const item = value[key];
    const result = item === null || item === undefined || isDirectiveKey(key) ? DROP : withoutDirectivesOwned(item);
    if (out === undefined && result !== item) {
      out = {};
      for (let j = 0; j < i; j++) out[keys[j]!] = value[keys[j]!];
    }
    if (out !== undefined && result !== DROP) out[key] = result;
  }
  return out ?? value;
}
