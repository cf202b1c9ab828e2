/** Reading and writing Helm values by dotted key path (`proxy.image.version`). */
import { isObject } from '../kube/objects.js';

export function valueAt(values: unknown, path: string): unknown {
  let node = values;
  for (const key of path.split('.')) {
    if (!isObject(node)) return undefined;
    node = node[key];
  }
  return node;
}

/** Sets `path` in a values tree the caller owns, creating the maps on the way. */
export function setValueAt(values: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = values;
  for (const key of keys.slice(0, -1)) {
    if (!isObject(node[key])) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = value;
}
