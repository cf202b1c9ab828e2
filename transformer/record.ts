/**
 * The undo record mesh-inject writes next to Istio's `sidecar.istio.io/status`. It lists, by
 * edit-proof paths, every node the injection added, and the exact original text of every node it
 * replaced or removed, so `uninject` restores the original bytes and re-injection starts from them.
 */
import type { PathSegment } from './yaml/node-path.js';
import { isObject } from './kube.js';

export const RECORD_ANNOTATION = 'mesh-inject.dev/injected';
export const RECORD_VERSION = 1;

export interface ReplacedNode {
  path: PathSegment[];
  /** Original source from the key (or item content) to the end of the node's last line. */
  text: string;
  /** Column the original text started at; continuation lines are shifted if it moved. */
  column: number;
}

export interface RemovedNode {
  /** Path of the removed node (map key or keyed item). */
  path: PathSegment[];
  /** The removed whole lines, indentation included. */
  text: string;
  /** Sibling the node stood before (null: it was last). */
  before: PathSegment | null;
  /** Comment lines that stood between the removed node and `before`. */
  gap: number;
}

export interface InjectionRecord {
  /**
   * Digest of the document as written (`injection-digest.ts`), so an unchanged document is
   * recognised without undoing and redoing the injection. Optional: older records lack it.
   */
  digest?: string;
  added: PathSegment[][];
  replaced: ReplacedNode[];
  removed: RemovedNode[];
}

export function emptyRecord(): InjectionRecord {
  return { added: [], replaced: [], removed: [] };
}

/** Serialised form groups added paths by parent: `[...parentPath, [child, child]]`. */
export function encodeRecord(record: InjectionRecord): string {
  const groups = new Map<string, { parent: PathSegment[]; children: PathSegment[] }>();
  for (const path of record.added) {
    const parent = path.slice(0, -1);
    const key = JSON.stringify(parent);
    const group = groups.get(key) ?? { parent, children: [] };
    group.children.push(path.at(-1) as PathSegment);
    groups.set(key, group);
  }
  const out: Record<string, unknown> = { v: RECORD_VERSION };
  if (record.digest !== undefined) out.d = record.digest;
  if (groups.size) out.added = [...groups.values()].map((g) => [...g.parent, g.children]);
  if (record.replaced.length) out.replaced = record.replaced;
  if (record.removed.length) out.removed = record.removed;
  return JSON.stringify(out);
}

function isSegment(value: unknown): value is PathSegment {
  if (typeof value === 'string' || typeof value === 'number') return true;
  if (!isObject(value)) return false;
  const entries = Object.entries(value);
  return entries.length === 1 && (typeof entries[0]![1] === 'string' || typeof entries[0]![1] === 'number');
}

function isPath(value: unknown): value is PathSegment[] {
  return Array.isArray(value) && value.every(isSegment);
}

/** Parses a record; returns an error sentence when it is not one we wrote. */
export function decodeRecord(text: string): InjectionRecord | string {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return `annotation ${RECORD_ANNOTATION} is not valid JSON`;
  }
  if (!isObject(raw) || raw.v !== RECORD_VERSION) {
    return `annotation ${RECORD_ANNOTATION} has an unknown format (expected {"v":${RECORD_VERSION},...}); was it written by a newer mesh-inject?`;
  }
  const record = emptyRecord();
  if (raw.d !== undefined) {
    if (typeof raw.d !== 'string') return `annotation ${RECORD_ANNOTATION}: malformed "d" (digest) entry`;
    record.digest = raw.d;
  }
  for (const group of (raw.added as unknown[] | undefined) ?? []) {
    if (!Array.isArray(group) || !Array.isArray(group.at(-1))) return `annotation ${RECORD_ANNOTATION}: malformed "added" entry`;
    const parent = group.slice(0, -1);
    const children = group.at(-1) as unknown[];
    if (!isPath(parent) || !children.every(isSegment)) return `annotation ${RECORD_ANNOTATION}: malformed "added" path`;
    for (const child of children) record.added.push([...parent, child]);
  }
  for (const entry of (raw.replaced as unknown[] | undefined) ?? []) {
    if (!isObject(entry) || !isPath(entry.path) || typeof entry.text !== 'string' || typeof entry.column !== 'number') {
      return `annotation ${RECORD_ANNOTATION}: malformed "replaced" entry`;
    }
    record.replaced.push({ path: entry.path, text: entry.text, column: entry.column });
  }
  for (const entry of (raw.removed as unknown[] | undefined) ?? []) {
    if (
      !isObject(entry) || !isPath(entry.path) || typeof entry.text !== 'string' ||
      !(entry.before === null || isSegment(entry.before)) || typeof entry.gap !== 'number'
    ) {
      return `annotation ${RECORD_ANNOTATION}: malformed "removed" entry`;
    }
    record.removed.push({ path: entry.path, text: entry.text, before: entry.before, gap: entry.gap });
  }
  return record;
}
