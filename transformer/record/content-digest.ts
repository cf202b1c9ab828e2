/**
 * Digests of what an injection wrote, one per `added` and `replaced` entry of its record, taken on
 * plain data (so kustomize or kpt re-serialising the file changes nothing). A later run that finds
 * one of them changed knows the user edited an injected region (the proxy's resources, say): it
 * refuses instead of regenerating the region and dropping the edit.
 */
import { isObject } from '../kube/objects.js';
import { selectorKey, type PathSegment } from '../yaml/node-path.js';
import { hash64 } from './digest.js';
import { RECORD_ANNOTATION, type InjectionRecord } from './format.js';

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let current = root;
  for (const segment of path) {
    if (typeof segment === 'string') current = isObject(current) ? current[segment] : undefined;
    else if (typeof segment === 'number') current = Array.isArray(current) ? current[segment] : undefined;
    else {
      const [key, wanted] = selectorKey(segment);
      current = Array.isArray(current) ? current.find((item) => isObject(item) && item[key] === wanted) : undefined;
    }
    if (current === undefined) return undefined;
  }
  return current;
}

/** JSON with map keys sorted and the record annotation left out (it holds these digests). */
function canonical(value: unknown): string {
  const out: string[] = [];
  write(value, out);
  return out.join('');
}

function write(value: unknown, out: string[]): void {
  if (Array.isArray(value)) {
    out.push('[');
    value.forEach((item, i) => {
      if (i) out.push(',');
      write(item, out);
    });
    out.push(']');
  } else if (isObject(value)) {
    out.push('{');
    let first = true;
    for (const key of Object.keys(value).sort()) {
      if (key === RECORD_ANNOTATION) continue;
      out.push(first ? '' : ',', JSON.stringify(key), ':');
      write(value[key], out);
      first = false;
    }
    out.push('}');
  } else {
    out.push(value === undefined ? '-' : JSON.stringify(value));
  }
}

function entries(record: InjectionRecord): PathSegment[][] {
  return [...record.added, ...record.replaced.map((entry) => entry.path)];
}

function digestOf(pod: unknown, path: readonly PathSegment[]): string {
  return hash64(canonical(valueAt(pod, path))).slice(0, 8);
}

export function contentDigest(pod: unknown, record: InjectionRecord): string {
  return entries(record).map((path) => digestOf(pod, path)).join('');
}

/** The first entry whose content no longer matches its digest (edited by hand), if any. */
export function editedEntry(pod: unknown, record: InjectionRecord): PathSegment[] | undefined {
  const digest = record.contentDigest;
  if (digest === undefined) return undefined;
  return entries(record).find((path, i) => digestOf(pod, path) !== digest.slice(i * 8, i * 8 + 8));
}
