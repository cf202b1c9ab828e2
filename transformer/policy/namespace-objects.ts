/** Labels of `Namespace` objects in the input, which steer injection like the webhook's selectors. */
import { isObject } from '../kube/objects.js';

/** Labels of `Namespace` objects found in the same input, by namespace name. */
export type NamespaceLabels = ReadonlyMap<string, Readonly<Record<string, string>>>;

export function collectNamespaceLabels(objects: readonly unknown[], into = new Map<string, Record<string, string>>()): Map<string, Record<string, string>> {
  for (const object of objects) {
    if (!isObject(object)) continue;
    if (object.kind === 'List' && Array.isArray(object.items)) collectNamespaceLabels(object.items, into);
    if (object.kind !== 'Namespace' || object.apiVersion !== 'v1' || !isObject(object.metadata)) continue;
    const name = object.metadata.name;
    if (typeof name !== 'string') continue;
    const labels = isObject(object.metadata.labels) ? object.metadata.labels : {};
    into.set(name, Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, String(v)])));
  }
  return into;
}
