/**
 * Kubernetes strategic merge patch, applied the way the API server and Istio's webhook apply it
 * (apimachinery `StrategicMergeMapPatchUsingLookupPatchMeta`: parallel lists merged, nulls that
 * match nothing ignored), driven by a patch-metadata table (`schema.ts`).
 *
 * | patch value                      | original value        | result                                              |
 * |----------------------------------|-----------------------|-----------------------------------------------------|
 * | `null`                           | anything              | field removed                                       |
 * | map with `$patch: replace`       | map                   | the patch map, directives and nulls removed         |
 * | map with `$patch: delete`        | map                   | `{}` (apimachinery keeps an empty map)              |
 * | anything                         | absent or other kind  | the patch value, nulls and directives removed;      |
 * |                                  |                       | a map carrying `$patch` is dropped                  |
 * | map                              | map                   | merged key by key (`replace` strategy: the patch)   |
 * | list, `merge` strategy           | list                  | merged by merge key / as a set (`merge-list.ts`)    |
 * | list, other strategy or unknown  | list                  | the patch list                                      |
 * | scalar                           | scalar                | the patch value                                     |
 *
 * Within one map, in this order: `$retainKeys` clears the original, `$setElementOrder/<f>` merges
 * and orders `<f>`, the other fields merge, then `$deleteFromPrimitiveList/<f>` removes items
 * (apimachinery visits these fields in Go map order; removing last makes the outcome fixed).
 *
 * Keys keep the original's order; new keys follow in the patch's order. Neither argument is
 * modified and the result shares no objects with them (unless `shareOriginal` lets it share the
 * original's untouched parts).
 *
 * Where this differs from apimachinery on purpose: fields the schema does not know are untyped
 * (apimachinery's struct lookup fails when both sides hold a map or list there); patch content
 * never carries nulls or nested directives into the result (`directives.ts`); a malformed
 * `$deleteFromPrimitiveList` (not a list, or maps) is rejected instead of skipped or merged.
 */
import { cloneData } from '../objects.js';
import { DELETE_FROM_PRIMITIVE_LIST, materialize, materializeOwned, PATCH, RETAIN_KEYS } from './directives.js';
import { childPath, fail, StrategicMergeError, type StrategicMergeProblem } from './errors.js';
import { isMap, kindOf, type Obj } from './json-kind.js';
import { fieldRule, rootCursor, type FieldRule, type SchemaCursor } from './lookup.js';
import { deleteFromList, mergeList } from './merge-list.js';
import { applyRetainKeys } from './retain-keys.js';
import type { PatchSchema } from './schema-types.js';
import { applySetElementOrder } from './set-element-order.js';

export type MergeOutcome<T> = { ok: true; value: T } | { ok: false; error: StrategicMergeProblem };

export interface MergeOptions {
  /**
   * Let the result hold the parts of `original` the patch does not touch, instead of copies of
   * them: for callers that never modify either afterwards (it saves copying the whole document,
   * and `value === original.x` then says the patch left `x` alone).
   */
  readonly shareOriginal?: boolean;
  /**
   * The caller gives the patch away and modifies neither it nor the result: patch content without
   * nulls or directives goes into the result as it is, not copied.
   */
  readonly ownPatch?: boolean;
}

/** How patch content becomes part of the result (`materialize`, or `materializeOwned` for a patch given away). */
type Take = (value: unknown) => unknown;

/**
 * `patch` merged onto `original` with the patch metadata of `schema` (`POD_SCHEMA` for a Pod).
 * Throws `StrategicMergeError` for a patch apimachinery would reject; `tryStrategicMerge` returns it.
 */
export function strategicMerge<T extends object>(original: T, patch: object, schema: PatchSchema, options: MergeOptions = {}): T {
  if (!isMap(original)) fail('not-a-map', '', 'the document to patch must be a map');
  if (!isMap(patch)) fail('not-a-map', '', 'the patch must be a map');
  // The merge copies every map and list on the patch's paths; the rest is shared unless copied here.
  const take: Take = options.ownPatch ? materializeOwned : materialize;
  return mergeMap(options.shareOriginal ? original : cloneData(original), patch, rootCursor(schema), '', take) as T;
}

export function tryStrategicMerge<T extends object>(original: T, patch: object, schema: PatchSchema, options: MergeOptions = {}): MergeOutcome<T> {
  try {
    return { ok: true, value: strategicMerge(original, patch, schema, options) };
  } catch (error) {
    if (!(error instanceof StrategicMergeError)) throw error;
    return { ok: false, error: { code: error.code, message: error.message, path: error.path } };
  }
}

/** A new map: `original` with `patch` merged in; `original` is not modified. */
function mergeMap(original: Obj, patch: Obj, cursor: SchemaCursor, path: string, take: Take): Obj {
  if (Object.hasOwn(patch, PATCH)) return applyMapDirective(patch, path, take);
  const target: Obj = { ...original };
  applyRetainKeys(target, patch, path);
  const consumed = applySetElementOrder(target, patch, {
    cursor,
    path,
    take,
    mergeListField: (key, from, onto) => mergeListField(from, onto, fieldRule(cursor, key), childPath(path, key), take),
  });
  const deletions: string[] = [];
  for (const key of Object.keys(patch)) {
    if (consumed.has(key) || key === RETAIN_KEYS) continue;
    if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) deletions.push(key);
    else mergeField(target, key, patch[key], cursor, childPath(path, key), take);
  }
  for (const key of deletions) deleteFromField(target, key, patch[key], childPath(path, key));
  return target;
}

function applyMapDirective(patch: Obj, path: string, take: Take): Obj {
  const directive = patch[PATCH];
  if (directive === 'replace') {
    const content: Obj = { ...patch };
    delete content[PATCH];
    return take(content) as Obj;
  }
  if (directive === 'delete') return {};
  return fail(
    'invalid-patch-directive',
    childPath(path, PATCH),
    directive === 'merge'
      ? '$patch: merge is not a patch directive (merge is a schema strategy)'
      : `unknown $patch value ${JSON.stringify(directive)} (replace or delete)`,
  );
}

function mergeField(target: Obj, key: string, value: unknown, cursor: SchemaCursor, path: string, take: Take): void {
  if (value === undefined) return;
  if (value === null) {
    delete target[key];
    return;
  }
  const current = target[key];
  const kind = kindOf(value);
  if (current === undefined || kindOf(current) !== kind) {
    setOrDrop(target, key, take(value));
    return;
  }
  const rule = fieldRule(cursor, key);
  if (kind === 'map') {
    if (rule.strategy === 'replace') setOrDrop(target, key, take(value));
    else target[key] = mergeMap(current as Obj, value as Obj, rule.cursor, path, take);
  } else if (kind === 'list') {
    target[key] = mergeListField(current as unknown[], value as unknown[], rule, path, take);
  } else {
    target[key] = value;
  }
}

function mergeListField(original: unknown[], patch: unknown[], rule: FieldRule, path: string, take: Take): unknown[] {
  if (rule.strategy !== 'merge') return take(patch) as unknown[];
  return mergeList(original, patch, {
    mergeKey: rule.mergeKey,
    path,
    take,
    mergeItem: (from, onto, at) => mergeMap(from, onto, rule.cursor, at, take),
  });
}

/** `$deleteFromPrimitiveList/<field>: [scalars]`, whatever the field's strategy. */
function deleteFromField(target: Obj, directiveKey: string, value: unknown, path: string): void {
  const slash = directiveKey.indexOf('/');
  const field = slash < 0 ? '' : directiveKey.slice(slash + 1);
  if (directiveKey.slice(0, slash) !== DELETE_FROM_PRIMITIVE_LIST || field === '') {
    fail('invalid-delete-from-primitive-list', path, `expected "${DELETE_FROM_PRIMITIVE_LIST}/<field>"`);
  }
  if (value === undefined) return;
  if (value === null) {
    delete target[field];
    return;
  }
  if (!Array.isArray(value)) fail('invalid-delete-from-primitive-list', path, 'the directive must hold a list of scalars');
  const current = target[field];
  if (Array.isArray(current)) target[field] = deleteFromList(current, value, path);
}

function setOrDrop(target: Obj, key: string, value: unknown): void {
  if (value === undefined) delete target[key];
  else target[key] = value;
}
