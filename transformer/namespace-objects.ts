/** Labels of `Namespace` objects in the input, which steer injection like the webhook's selectors. */
import { isObject } from './kube.js';
import type { NamespaceLabels } from './namespaces.js';
import { parseYaml, toPlainData } from './yaml/parse-document.js';
import { splitDocuments } from './yaml/split-documents.js';

const NAMESPACE_KIND = /["']?kind["']?\s*:\s*["']?Namespace\b/;

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

/** Namespace labels from a YAML stream; documents that are not Namespaces are not parsed. */
export function namespaceLabelsFromText(text: string, into = new Map<string, Record<string, string>>()): Map<string, Record<string, string>> {
  if (!NAMESPACE_KIND.test(text)) return into;
  for (const slice of splitDocuments(text) ?? [{ text }]) {
    if (!NAMESPACE_KIND.test(slice.text)) continue;
    const { parsed, problems } = parseYaml(slice.text);
    if (problems.length) continue;
    try {
      collectNamespaceLabels([toPlainData(parsed.doc)], into);
    } catch {
      // malformed documents are reported when the file itself is transformed
    }
  }
  return into;
}
