/**
 * Order of a merged list, as apimachinery computes it (`normalizeElementOrder` +
 * `mergeSortedSlice`, design proposal "Preserve Order in Strategic Merge Patch"):
 *
 * 1. patch items (items the patch names) are sorted by the patch order (or by `$setElementOrder`);
 * 2. server-only items (items only the original has) keep the original order;
 * 3. the two are interleaved: a server-only item is emitted before the next patch item only when
 *    the original had it before that patch item. A patch item the original lacks has no original
 *    position, so it wins: items only in the patch come before the server-only items that follow.
 *
 * Original `[a, b, c]` + patch `[x, b]` gives `[x, a, b, c]`; Istio's injected volumes land before
 * the user's, and its `istio-proxy` before the user's containers.
 */
import { isMap } from './json-kind.js';

/** What identifies an item: its merge-key value for maps, the item itself for scalars. */
type Identify = (item: unknown) => unknown;

export function identifyBy(mergeKey: string | undefined): Identify {
  if (mergeKey === undefined) return (item) => item;
  return (item) => (isMap(item) ? item[mergeKey] : undefined);
}

/** First position of each identity in `list`; only scalar identities can match (Go `==`). */
function positions(list: readonly unknown[], identify: Identify): Map<unknown, number> {
  const at = new Map<unknown, number>();
  list.forEach((item, index) => {
    const id = identify(item);
    if ((id === null || typeof id !== 'object') && !at.has(id)) at.set(id, index);
  });
  return at;
}

/** Stable sort of `items` by their position in `order`; items `order` lacks keep their place after. */
function sortByOrder(items: readonly unknown[], order: readonly unknown[], identify: Identify): unknown[] {
  const at = positions(order, identify);
  const rank = (item: unknown) => at.get(identify(item)) ?? Number.POSITIVE_INFINITY;
  return items
    .map((item, index) => ({ item, index, rank: rank(item) }))
    .sort((a, b) => (a.rank === b.rank ? a.index - b.index : a.rank < b.rank ? -1 : 1))
    .map((entry) => entry.item);
}

/**
 * `serverOnly` (sorted by `serverOrder`) and `patchItems` (sorted by `patchOrder`) interleaved by
 * their positions in `serverOrder`.
 */
export function normalizeElementOrder(
  patchItems: readonly unknown[],
  serverOnly: readonly unknown[],
  patchOrder: readonly unknown[],
  serverOrder: readonly unknown[],
  identify: Identify,
): unknown[] {
  const right = sortByOrder(patchItems, patchOrder, identify);
  const left = sortByOrder(serverOnly, serverOrder, identify);
  const at = positions(serverOrder, identify);
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (j >= right.length) out.push(left[i++]);
    else if (i >= left.length) out.push(right[j++]);
    else {
      const li = at.get(identify(left[i]));
      const ri = at.get(identify(right[j]));
      if (li !== undefined && ri !== undefined && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

/** Splits `list` into the items `by` names (in `list` order) and the others. */
export function partitionByPresence(
  list: readonly unknown[],
  by: readonly unknown[],
  identify: Identify,
): { present: unknown[]; absent: unknown[] } {
  const named = positions(by, identify);
  const present: unknown[] = [];
  const absent: unknown[] = [];
  for (const item of list) (named.has(identify(item)) ? present : absent).push(item);
  return { present, absent };
}
