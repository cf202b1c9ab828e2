/**
 * The undo record mesh-inject writes next to Istio's `sidecar.istio.io/status`. It lists, by
 * edit-proof paths, every node the injection added, and the exact original text of every node it
 * replaced or removed, so `uninject` restores the original bytes and re-injection starts from them.
 */
import type { PathSegment } from '../yaml/node-path.js';
import { isObject } from '../kube/objects.js';
import { ITEM_SELECTOR_KEYS } from '../kube/merge-keys.js';

export const RECORD_ANNOTATION = 'mesh-inject.dev/injected';
const RECORD_VERSION = 1;

interface ReplacedNode {
  path: PathSegment[];
  /** Original source from the key (or item content) to the end of the node's last line. */
  text: string;
  /** Column the original text started at; continuation lines are shifted if it moved. */
  column: number;
}

interface RemovedNode {
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
   * Digest of the document as written (`digest.ts`), so an unchanged document is
   * recognised without undoing and redoing the injection. Optional: older records lack it.
   */
  digest?: string;
  /**
   * Digests of what the injection wrote (`content-digest.ts`), eight hex digits per `added` and
   * `replaced` entry, so a hand edit inside an injected region is noticed instead of being
   * regenerated away. Optional: older records lack it.
   */
  contentDigest?: string;
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
  if (record.contentDigest !== undefined) out.o = record.contentDigest;
  if (groups.size) out.added = [...groups.values()].map((g) => [...g.parent, g.children]);
  if (record.replaced.length) out.replaced = record.replaced;
  if (record.removed.length) out.removed = record.removed;
  return JSON.stringify(out);
}

/**
 * Bounds on what a record may hold. Real records hold a few dozen paths and the text of a few
 * probes or a flow map; a JSON-style document's record holds the pod template's original text.
 */
const LIMITS = {
  recordBytes: 4 * 1024 * 1024,
  entries: 10_000,
  depth: 32,
  keyLength: 317, // a qualified annotation key: 253-character prefix, `/`, 63-character name
  column: 10_000,
  gap: 10_000,
} as const;


function isSegment(value: unknown): value is PathSegment {
  if (typeof value === 'string') return value.length > 0 && value.length <= LIMITS.keyLength;
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 && value < LIMITS.entries;
  if (!isObject(value)) return false;
  const entries = Object.entries(value);
  if (entries.length !== 1 || !ITEM_SELECTOR_KEYS.has(entries[0]![0])) return false;
  const key = entries[0]![1];
  return (typeof key === 'string' && key.length <= LIMITS.keyLength) || (typeof key === 'number' && Number.isInteger(key));
}

/**
 * A path an injection can own, relative to the pod template: under `spec`, or the pod's labels or
 * annotations, or its `metadata` as a whole. Only a replacement may name the template itself
 * (`[]`: a JSON-style template re-rendered whole) or `spec` as a whole.
 */
function isOwnablePath(value: unknown, replaced: boolean): value is PathSegment[] {
  if (!Array.isArray(value) || value.length > LIMITS.depth || !value.every(isSegment)) return false;
  if (value.length === 0) return replaced;
  if (value[0] === 'spec') return value.length > 1 || replaced;
  if (value[0] !== 'metadata') return false;
  // A template without metadata gets it whole (labels and annotations are all it holds then).
  if (value.length === 1) return true;
  return value[1] === 'labels' || value[1] === 'annotations';
}

/** A document marker line in restored text would split the document in two when put back. */
const DOCUMENT_MARKER = /(^|\n)(---|\.\.\.)(\s|$)/;

function isRestorableText(value: unknown): value is string {
  return typeof value === 'string' && value.length <= LIMITS.recordBytes && !DOCUMENT_MARKER.test(value) && !value.includes('\0');
}

function isCount(value: unknown, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;
}

/**
 * Parses and validates a record. The record is input like any other: a hand edit or a crafted
 * change must not steer what `uninject` writes. This checks its shape; `trust.ts` checks that
 * undoing it changes nothing the injection does not own. Returns an error sentence otherwise.
 */
export function decodeRecord(text: string): InjectionRecord | string {
  const name = `annotation ${RECORD_ANNOTATION}`;
  if (text.length > LIMITS.recordBytes) return `${name} is larger than any record mesh-inject writes (${text.length} characters)`;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return `${name} is not valid JSON`;
  }
  if (!isObject(raw) || raw.v !== RECORD_VERSION) {
    return `${name} has an unknown format (expected {"v":${RECORD_VERSION},...}); was it written by a newer mesh-inject?`;
  }
  const unknown = Object.keys(raw).filter((key) => !['v', 'd', 'o', 'added', 'replaced', 'removed'].includes(key));
  if (unknown.length) return `${name} has an unknown field "${unknown[0]}"`;
  const record = emptyRecord();
  if (raw.d !== undefined) {
    if (typeof raw.d !== 'string' || !/^[0-9a-f]{16}$/.test(raw.d)) return `${name}: malformed "d" (digest) entry`;
    record.digest = raw.d;
  }
  for (const field of ['added', 'replaced', 'removed'] as const) {
    if (raw[field] !== undefined && !Array.isArray(raw[field])) return `${name}: "${field}" must be a list`;
  }
  const count = ((raw.added as unknown[] | undefined)?.length ?? 0) + ((raw.replaced as unknown[] | undefined)?.length ?? 0) + ((raw.removed as unknown[] | undefined)?.length ?? 0);
  if (count > LIMITS.entries) return `${name} lists more entries than any record mesh-inject writes`;
  for (const group of (raw.added as unknown[] | undefined) ?? []) {
    if (!Array.isArray(group) || !Array.isArray(group.at(-1))) return `${name}: malformed "added" entry`;
    const children = group.at(-1) as unknown[];
    for (const child of children) {
      const path = [...group.slice(0, -1), child];
      if (!isOwnablePath(path, false)) return `${name}: "added" names ${JSON.stringify(path)}, which no injection adds`;
      record.added.push(path);
    }
  }
  for (const entry of (raw.replaced as unknown[] | undefined) ?? []) {
    if (!isObject(entry) || Object.keys(entry).some((k) => !['path', 'text', 'column'].includes(k))) return `${name}: malformed "replaced" entry`;
    if (!isOwnablePath(entry.path, true)) return `${name}: "replaced" names ${JSON.stringify(entry.path)}, which no injection replaces`;
    if (!isRestorableText(entry.text) || !isCount(entry.column, LIMITS.column)) return `${name}: malformed "replaced" entry at ${JSON.stringify(entry.path)}`;
    record.replaced.push({ path: entry.path, text: entry.text, column: entry.column });
  }
  for (const entry of (raw.removed as unknown[] | undefined) ?? []) {
    if (!isObject(entry) || Object.keys(entry).some((k) => !['path', 'text', 'before', 'gap'].includes(k))) return `${name}: malformed "removed" entry`;
    if (!isOwnablePath(entry.path, false)) return `${name}: "removed" names ${JSON.stringify(entry.path)}, which no injection removes`;
    if (!isRestorableText(entry.text) || !(entry.before === null || isSegment(entry.before)) || !isCount(entry.gap, LIMITS.gap)) {
      return `${name}: malformed "removed" entry at ${JSON.stringify(entry.path)}`;
    }
    record.removed.push({ path: entry.path, text: entry.text, before: entry.before, gap: entry.gap });
  }
  if (raw.o !== undefined) {
    const entries = record.added.length + record.replaced.length;
    if (typeof raw.o !== 'string' || !/^(?:[0-9a-f]{8})*$/.test(raw.o) || raw.o.length !== entries * 8) return `${name}: malformed "o" (content digest) entry`;
    record.contentDigest = raw.o;
  }
  return record;
}
