/**
 * CEL expressions that read a label or annotation of the pod (`object`) or of its Namespace. A
 * value absent (or empty) reads as `''`, so the rules compare strings only. The Namespace's value
 * is the cluster's (`namespaceObject`) when it has the key, else the value of the input's
 * `Namespace` object of that name, written into the policy (so the policy holds before the
 * Namespace's labels reach the cluster).
 */
import type { NamespaceMeta } from '../mesh/types.js';
import { celString, celStringMap } from './cel-text.js';

type Field = 'labels' | 'annotations';

function read(root: string, field: Field, key: string, otherwise: string): string {
  const map = `${root}.metadata.${field}`;
  return `has(${map}) && ${celString(key)} in ${map} ? ${map}[${celString(key)}] : ${otherwise}`;
}

/** The pod's label `key`, else `''`. */
export function podLabel(key: string): string {
  return read('object', 'labels', key, "''");
}

/** The pod's annotation `key`, else `''`. */
export function podAnnotation(key: string): string {
  return read('object', 'annotations', key, "''");
}

/** The pod's label `key`, else its annotation `key` (Istio's `sidecar.istio.io/inject`), else `''`. */
export function podLabelOrAnnotation(key: string): string {
  return read('object', 'labels', key, `(${podAnnotation(key)})`);
}

/** The Namespace's label or annotation `key`: the cluster's, else the input's, else `''`. */
export function namespaceValue(field: Field, key: string, input: ReadonlyMap<string, NamespaceMeta>): string {
  const known = [...input].flatMap(([name, meta]) => (meta[field][key] ? [[name, meta[field][key]] as const] : [])).sort(([a], [b]) => a.localeCompare(b));
  const fallback = known.length === 0 ? "''" : `(request.namespace in ${celStringMap(known)} ? ${celStringMap(known)}[request.namespace] : '')`;
  return read('namespaceObject', field, key, fallback);
}
