/**
 * `$retainKeys: [fields]` (strategic-merge-patch.md, "retainKeys Directive"; used for union types
 * such as a volume's source): the original loses every field the list does not name, and the
 * patch may only set fields the list names (nulls and other directives excepted).
 */
import { DELETE_FROM_PRIMITIVE_LIST, RETAIN_KEYS, SET_ELEMENT_ORDER } from './directives.js';
import { childPath, fail } from './errors.js';
import type { Obj } from './json-kind.js';

/** Applies the directive of `patch`, if any, to `target` (the working copy of the original). */
export function applyRetainKeys(target: Obj, patch: Obj, path: string): void {
  if (!Object.hasOwn(patch, RETAIN_KEYS)) return;
  const at = childPath(path, RETAIN_KEYS);
  const retained = patch[RETAIN_KEYS];
  if (!Array.isArray(retained)) fail('invalid-retain-keys', at, '$retainKeys must be a list of field names');
  const keep = new Set(retained);
  for (const [key, value] of Object.entries(patch)) {
    if (key === RETAIN_KEYS || value === null || value === undefined) continue;
    if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST) || key.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!keep.has(key)) fail('invalid-retain-keys', at, `the patch sets "${key}", which $retainKeys does not list`);
  }
  for (const key of Object.keys(target)) if (!keep.has(key)) delete target[key];
}
