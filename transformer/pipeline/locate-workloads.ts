/** Finds the workload objects (and their pod templates) inside parsed documents. */
import type { WorkloadKind } from '../inject-config.js';
import { isObject } from '../kube/objects.js';
import { findWorkload, LIST_KINDS } from '../kube/workload-kinds.js';
import type { PathSegment } from '../yaml/node-path.js';

export interface LocatedWorkload {
  /** Path from the document root to the object. */
  objectPath: PathSegment[];
  /** Path from the object to its pod template. */
  podPath: string[];
  object: Record<string, unknown>;
}

/** Workloads at `path` in `value`: the object itself, or every workload item of a `kind: List`. */
export function locateWorkloads(value: unknown, path: PathSegment[], extraKinds: readonly WorkloadKind[]): LocatedWorkload[] {
  if (!isObject(value)) return [];
  if (typeof value.kind === 'string' && LIST_KINDS.has(value.kind) && Array.isArray(value.items)) {
    return value.items.flatMap((item, index) => locateWorkloads(item, [...path, 'items', index], extraKinds));
  }
  const match = findWorkload(value.apiVersion, value.kind, extraKinds);
  return match ? [{ objectPath: path, podPath: match.podPath, object: value }] : [];
}

export function getIn(value: unknown, path: readonly (string | number)[]): unknown {
  let current = value;
  for (const segment of path) {
    if (!isObject(current) && !Array.isArray(current)) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/** A copy of `value` with `replacement` at `path` (containers along the path copied, the rest shared). */
export function setIn(value: unknown, path: readonly (string | number)[], replacement: unknown): unknown {
  if (!path.length) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...value];
    copy[head as number] = setIn(value[head as number], rest, replacement);
    return copy;
  }
  const object = value as Record<string, unknown>;
  return { ...object, [head as string]: setIn(object[head as string], rest, replacement) };
}
