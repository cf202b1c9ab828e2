/**
 * Overlay merge by Kubernetes merge keys: maps merge recursively, lists with a merge key
 * (containers by name, volumeMounts by mountPath, ...) merge item by item, other lists and
 * scalars are replaced by the overlay. Used where "the user's fields win" over injected ones.
 */
import { isObject } from './objects.js';
import { mergeKeyFor } from './merge-keys.js';

export function mergeOverlay(base: unknown, overlay: unknown, field?: string): unknown {
  if (overlay === undefined) return base;
  if (isObject(base) && isObject(overlay)) {
    const out: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(overlay)) out[key] = mergeOverlay(base[key], value, key);
    return out;
  }
  const mergeKey = mergeKeyFor(field);
  if (mergeKey && Array.isArray(base) && Array.isArray(overlay)) return mergeKeyedLists(base, overlay, mergeKey, field);
  return overlay;
}

/** Items in both are merged in the base's position; overlay-only items are appended. */
function mergeKeyedLists(base: unknown[], overlay: unknown[], mergeKey: string, field?: string): unknown[] {
  const keyOf = (item: unknown) => (isObject(item) ? item[mergeKey] : undefined);
  const out = base.map((item) => {
    const match = overlay.find((o) => keyOf(o) !== undefined && keyOf(o) === keyOf(item));
    return match === undefined ? item : mergeOverlay(item, match, field);
  });
  for (const item of overlay) {
    if (keyOf(item) === undefined || !base.some((b) => keyOf(b) === keyOf(item))) out.push(item);
  }
  return out;
}
