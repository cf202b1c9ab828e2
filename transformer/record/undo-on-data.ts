/**
 * The pristine pod template read back from an injected one and its undo record, on plain data:
 * what undoing the injection in the text and parsing the result would give, for records this
 * can follow exactly. Anything else (removed nodes, index paths, nested replacements, a recorded
 * path that is not there) answers undefined, and the caller undoes the injection in the text.
 */
import { cloneData, isObject } from '../kube/objects.js';
import { RECORD_ANNOTATION, type InjectionRecord } from './format.js';
import { selectorKey, type PathSegment } from '../yaml/node-path.js';
import { readPlainData } from '../yaml/fast-read/fast-read.js';
import { parseManifest, toPlainData } from '../yaml/parse-document.js';

type Container = Record<string, unknown> | unknown[];

function child(parent: unknown, segment: PathSegment): { container: Container; key: string | number } | undefined {
  if (typeof segment === 'string') return isObject(parent) && Object.hasOwn(parent, segment) ? { container: parent, key: segment } : undefined;
  if (!Array.isArray(parent)) return undefined;
  if (typeof segment === 'number') return segment < parent.length ? { container: parent, key: segment } : undefined;
  const [mergeKey, wanted] = selectorKey(segment);
  const index = parent.findIndex((item) => isObject(item) && item[mergeKey] === wanted);
  return index === -1 ? undefined : { container: parent, key: index };
}

/** The container holding the node at `path`, and its key there. */
function locate(root: unknown, path: readonly PathSegment[]): { container: Container; key: string | number } | undefined {
  let current = root;
  let found: { container: Container; key: string | number } | undefined;
  for (const segment of path) {
    found = child(current, segment);
    if (!found) return undefined;
    current = (found.container as Record<string | number, unknown>)[found.key];
  }
  return found;
}

/** The value of a replaced node's original text: a one-entry map for a key, the item itself otherwise. */
function originalValue(entry: InjectionRecord['replaced'][number]): { value: unknown } | undefined {
  // Re-indent the first line to where it stood so continuation lines keep their geometry.
  const text = ' '.repeat(entry.column) + entry.text;
  const fast = readPlainData(text);
  let value: unknown;
  if (fast.ok) value = fast.value;
  else {
    const { parsed, problems } = parseManifest(text);
    if (problems.length || parsed.doc.warnings.length) return undefined;
    try {
      value = toPlainData(parsed.doc);
    } catch {
      return undefined;
    }
  }
  const last = entry.path.at(-1);
  if (typeof last !== 'string') return { value };
  if (!isObject(value)) return undefined;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === last ? { value: value[last] } : undefined;
}

function isPrefix(prefix: readonly PathSegment[], path: readonly PathSegment[]): boolean {
  return prefix.length < path.length && prefix.every((segment, i) => JSON.stringify(segment) === JSON.stringify(path[i]));
}

export function pristinePod(pod: Record<string, unknown>, record: InjectionRecord): Record<string, unknown> | undefined {
  if (record.removed.length) return undefined;
  // Deleting by index would shift later indexes; the text undo deletes them all at once.
  if (record.added.some((path) => path.some((segment) => typeof segment === 'number'))) return undefined;
  if (record.replaced.some((a) => record.replaced.some((b) => isPrefix(a.path, b.path)))) return undefined;
  const out = cloneData(pod);
  const annotations = isObject(out.metadata) && isObject(out.metadata.annotations) ? out.metadata.annotations : undefined;
  if (annotations) delete annotations[RECORD_ANNOTATION];
  for (const path of record.added) {
    const found = locate(out, path);
    if (!found) return undefined;
    if (Array.isArray(found.container)) found.container.splice(found.key as number, 1);
    else delete found.container[found.key as string];
  }
  // Replacements after deletions: a restored node wins over deletions inside it, as in the text.
  for (const entry of record.replaced) {
    const found = locate(out, entry.path);
    const original = found && originalValue(entry);
    if (!found || !original) return undefined;
    (found.container as Record<string | number, unknown>)[found.key] = original.value;
  }
  return out;
}
