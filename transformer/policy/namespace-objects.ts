/** Labels and annotations of `Namespace` objects in the input, which steer injection like the webhook's selectors. */
import { isObject } from '../kube/objects.js';
import type { NamespaceMeta } from '../mesh/types.js';

/** `Namespace` objects found in the same input, by namespace name. */
export function collectNamespaces(objects: readonly unknown[], into = new Map<string, NamespaceMeta>()): Map<string, NamespaceMeta> {
  for (const object of objects) {
    if (!isObject(object)) continue;
    if (object.kind === 'List' && Array.isArray(object.items)) collectNamespaces(object.items, into);
    if (object.kind !== 'Namespace' || object.apiVersion !== 'v1' || !isObject(object.metadata)) continue;
    const name = object.metadata.name;
    if (typeof name !== 'string') continue;
    into.set(name, { labels: strings(object.metadata.labels), annotations: strings(object.metadata.annotations) });
  }
  return into;
}

function strings(map: unknown): Record<string, string> {
  return isObject(map) ? Object.fromEntries(Object.entries(map).map(([k, v]) => [k, String(v)])) : {};
}
