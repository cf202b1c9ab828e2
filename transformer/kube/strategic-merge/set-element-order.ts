/**
 * `$setElementOrder/<field>: [items]` (strategic-merge-patch.md, "setElementOrder Directive"):
 * the field's list is merged as usual, then the items the directive names follow its order and
 * the original's other items are interleaved by their original positions (`element-order.ts`).
 * For a list of maps the directive's items hold only the merge key. The patch list must name its
 * items in the directive's relative order.
 */
import { hasPatchDirective, SET_ELEMENT_ORDER } from './directives.js';
import { identifyBy, normalizeElementOrder, partitionByPresence } from './element-order.js';
import { childPath, fail } from './errors.js';
import { isMap, sameScalar, type Obj } from './json-kind.js';
import { fieldRule, type SchemaCursor } from './lookup.js';
import { listItemKind } from './merge-list.js';

interface OrderContext {
  readonly cursor: SchemaCursor;
  readonly path: string;
  /** Merges the list field `key` present in both, with the field's strategy. */
  readonly mergeListField: (key: string, original: unknown[], patch: unknown[]) => unknown[];
  /** Patch content as it becomes part of the result (`materialize`). */
  readonly take: (value: unknown) => unknown;
}

/** Applies every `$setElementOrder/<field>` of `patch` to `target`; returns the patch keys consumed. */
export function applySetElementOrder(target: Obj, patch: Obj, ctx: OrderContext): Set<string> {
  const consumed = new Set<string>();
  for (const directiveKey of Object.keys(patch)) {
    if (!directiveKey.startsWith(SET_ELEMENT_ORDER)) continue;
    consumed.add(directiveKey);
    const at = childPath(ctx.path, directiveKey);
    const field = fieldOf(directiveKey, at);
    const order = patch[directiveKey];
    if (!Array.isArray(order)) fail('invalid-set-element-order', at, 'the directive must hold a list');
    const original = listOrAbsent(target[field], 'original', at);
    const patchList = patch[field] === undefined ? undefined : listOrAbsent(patch[field], 'patch', at, false);
    const { mergeKey } = fieldRule(ctx.cursor, field);
    checkPatchFollowsOrder(patchList ?? [], order, mergeKey, at);

    let merged: unknown[];
    if (original !== undefined && patchList !== undefined) merged = ctx.mergeListField(field, original, patchList);
    else if (patchList !== undefined) merged = ctx.take(patchList) as unknown[];
    else if (original !== undefined) merged = original;
    else continue;
    consumed.add(field);

    const kind = listItemKind(at, original ?? [], patchList ?? []);
    if (kind === 'map' && mergeKey === undefined) fail('merge-key-undefined', at, 'a list of maps without a merge key cannot be ordered');
    if (mergeKey !== undefined) {
      for (const item of [...merged, ...order]) {
        if (!isMap(item) || !Object.hasOwn(item, mergeKey)) fail('missing-merge-key', at, `every item needs its "${mergeKey}"`);
      }
    }
    const identify = identifyBy(mergeKey);
    const { present, absent } = partitionByPresence(merged, order, identify);
    target[field] = normalizeElementOrder(present, absent, order, original ?? [], identify);
  }
  return consumed;
}

function fieldOf(directiveKey: string, at: string): string {
  const slash = directiveKey.indexOf('/');
  const field = slash < 0 ? '' : directiveKey.slice(slash + 1);
  if (directiveKey.slice(0, slash) !== SET_ELEMENT_ORDER || field === '') {
    fail('invalid-set-element-order', at, `expected "${SET_ELEMENT_ORDER}/<field>"`);
  }
  return field;
}

/** A null original counts as absent (Kubernetes serialises an empty list as nothing). */
function listOrAbsent(value: unknown, side: string, at: string, nullIsAbsent = true): unknown[] | undefined {
  if (value === undefined || (value === null && nullIsAbsent)) return undefined;
  if (!Array.isArray(value)) fail('invalid-set-element-order', at, `the ${side} field is not a list`);
  return value;
}

/** The patch's items (deletions and directives aside) must appear in the directive, in the same order. */
function checkPatchFollowsOrder(patchList: readonly unknown[], order: readonly unknown[], mergeKey: string | undefined, at: string): void {
  if (order.length === 0) return;
  const items = patchList.filter((item) => !hasPatchDirective(item));
  let o = 0;
  for (const item of items) {
    while (o < order.length && !sameItem(item, order[o], mergeKey, at)) o++;
    if (o === order.length) fail('invalid-set-element-order', at, 'the patch list names items the directive lacks, or in another order');
    o++;
  }
}

function sameItem(item: unknown, orderItem: unknown, mergeKey: string | undefined, at: string): boolean {
  if (mergeKey === undefined) return sameScalar(item, orderItem);
  if (!isMap(item) || !Object.hasOwn(item, mergeKey) || !isMap(orderItem) || !Object.hasOwn(orderItem, mergeKey)) {
    fail('missing-merge-key', at, `items of this list are identified by "${mergeKey}"`);
  }
  return sameScalar(item[mergeKey], orderItem[mergeKey]);
}
