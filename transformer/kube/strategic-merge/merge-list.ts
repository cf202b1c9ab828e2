/**
 * Lists with the `merge` strategy (strategic-merge-patch.md):
 *
 * - lists of maps with a merge key merge item by item: an item of the patch is merged into the
 *   original item with the same key, or added; `$patch: delete` items remove every original item
 *   with their key; a `$patch: replace` item makes the other patch items the whole list;
 * - lists of scalars are sets: the union, without duplicates;
 * - `$deleteFromPrimitiveList/<field>` removes every occurrence of its scalars.
 *
 * Order: see `element-order.ts`.
 */
import { hasPatchDirective, PATCH } from './directives.js';
import { identifyBy, normalizeElementOrder, partitionByPresence } from './element-order.js';
import { childPath, fail } from './errors.js';
import { isMap, kindOf, sameScalar, type JsonKind, type Obj } from './json-kind.js';

interface ListMergeContext {
  readonly mergeKey: string | undefined;
  /** Path of the list in the patch, for errors. */
  readonly path: string;
  /** Merges a patch item into the original item with the same key (a strategic map merge). */
  readonly mergeItem: (original: Obj, patch: Obj, path: string) => Obj;
  /** Patch content as it becomes part of the result (`materialize`). */
  readonly take: (value: unknown) => unknown;
}

/** The kind shared by every item of `lists`; `undefined` when they are all empty. */
export function listItemKind(path: string, ...lists: ReadonlyArray<readonly unknown[]>): JsonKind | undefined {
  let kind: JsonKind | undefined;
  for (const list of lists) {
    for (const item of list) {
      const itemKind = kindOf(item);
      if (itemKind === 'list') fail('mixed-list-items', path, 'a list of lists cannot be merged');
      if (kind === undefined) kind = itemKind;
      else if (itemKind !== kind) fail('mixed-list-items', path, `list items are not all of one kind (${kind} and ${itemKind})`);
    }
  }
  return kind;
}

export function mergeList(original: readonly unknown[], patch: readonly unknown[], ctx: ListMergeContext): unknown[] {
  if (original.length === 0 && patch.length === 0) return [];
  const kind = listItemKind(ctx.path, original, patch);
  if (kind !== 'map') {
    if (ctx.mergeKey !== undefined) {
      fail('missing-merge-key', ctx.path, `items of this list are merged by "${ctx.mergeKey}" and must be maps`);
    }
    return mergeSet(original, patch);
  }
  if (ctx.mergeKey === undefined) fail('merge-key-undefined', ctx.path, 'a list of maps with the merge strategy needs a merge key');
  return mergeKeyed(original as Obj[], patch as Obj[], ctx.mergeKey, ctx);
}

/** Union of two lists of scalars, each item once. */
function mergeSet(original: readonly unknown[], patch: readonly unknown[]): unknown[] {
  const union = [...new Set([...original, ...patch])];
  const identify = identifyBy(undefined);
  const { present, absent } = partitionByPresence(union, patch, identify);
  return normalizeElementOrder(present, absent, patch, original, identify);
}

function mergeKeyed(original: readonly Obj[], patch: readonly Obj[], mergeKey: string, ctx: ListMergeContext): unknown[] {
  let base: Obj[] = [...original];
  let replace = false;
  const plain: Array<{ item: Obj; index: number }> = [];
  patch.forEach((item, index) => {
    if (!hasPatchDirective(item)) {
      plain.push({ item, index });
      return;
    }
    const directive = item[PATCH];
    const at = childPath(ctx.path, index);
    if (directive === 'delete') {
      if (!Object.hasOwn(item, mergeKey)) fail('missing-merge-key', at, `a $patch: delete item needs its "${mergeKey}"`);
      base = base.filter((o) => !(Object.hasOwn(o, mergeKey) && sameScalar(o[mergeKey], item[mergeKey])));
    } else if (directive === 'replace') {
      replace = true;
    } else if (directive === 'merge') {
      fail('invalid-patch-directive', at, '$patch: merge cannot be used in a list; merging is the list strategy already');
    } else {
      fail('invalid-patch-directive', at, `unknown $patch value ${JSON.stringify(directive)} (replace or delete)`);
    }
  });

  if (replace) {
    requireMergeKey(plain.map((p) => p.item), mergeKey, ctx.path, 'the patch');
    return plain.map((p) => ctx.take(p.item));
  }

  const merged: unknown[] = [...base];
  for (const { item, index } of plain) {
    const at = childPath(ctx.path, index);
    if (!Object.hasOwn(item, mergeKey)) fail('missing-merge-key', at, `an item of this list needs its "${mergeKey}"`);
    const match = merged.findIndex((o) => isMap(o) && Object.hasOwn(o, mergeKey) && sameScalar(o[mergeKey], item[mergeKey]));
    if (match >= 0) merged[match] = ctx.mergeItem(merged[match] as Obj, item, at);
    else merged.push(ctx.take(item));
  }
  requireMergeKey(merged, mergeKey, ctx.path, 'the merged list');

  const identify = identifyBy(mergeKey);
  const patchItems = plain.map((p) => p.item);
  const { present, absent } = partitionByPresence(merged, patchItems, identify);
  return normalizeElementOrder(present, absent, patchItems, base, identify);
}

function requireMergeKey(items: readonly unknown[], mergeKey: string, path: string, where: string): void {
  for (const item of items) {
    if (!isMap(item) || !Object.hasOwn(item, mergeKey)) {
      fail('missing-merge-key', path, `an item of ${where} has no "${mergeKey}", which identifies the items of this list`);
    }
  }
}

/** `$deleteFromPrimitiveList/<field>`: the original list without any of `toDelete`. */
export function deleteFromList(original: readonly unknown[], toDelete: readonly unknown[], path: string): unknown[] {
  if (toDelete.length === 0) return [...original];
  const kind = listItemKind(path, original, toDelete);
  if (kind === 'map') fail('invalid-delete-from-primitive-list', path, 'only scalars can be deleted from a list');
  const drop = new Set(toDelete);
  return original.filter((item) => !drop.has(item));
}
