/**
 * Reverses an injection from its undo record: deletes the nodes it added, puts back the exact
 * text of the nodes it replaced or removed, and drops the record itself.
 */
import { isMap, isSeq, type Node } from 'yaml';
import { findPair, findItem, isSelector, resolveFrom, scalarKey, selectorKey, type Location, type PathSegment } from '../yaml/node-path.js';
import { readPlainData } from '../yaml/fast-read/fast-read.js';
import { parseManifest, toPlainData } from '../yaml/parse-document.js';
import { isObject } from '../kube/objects.js';
import { columnOf, lineEnd, lineStart } from '../yaml/edit/text-lines.js';
import { mergeLineDeletions } from '../yaml/edit/splices.js';
import { inFlowContext, replacedRange } from '../yaml/edit/replace-range.js';
import type { Splice } from '../yaml/edit/splices.js';
import type { InjectionRecord } from './format.js';

/** Whole-line range of a node together with its key or dash. */
function lineRange(text: string, location: Location): [number, number] {
  if (location.kind === 'pair') {
    const end = location.node?.range ? location.node.range[1] : location.pair.key.range![1];
    return [lineStart(text, location.pair.key.range![0]), lineEnd(text, end)];
  }
  return [lineStart(text, location.node.range![0]), lineEnd(text, location.node.range![1])];
}

function shiftContinuationLines(original: string, delta: number): string {
  if (delta === 0) return original;
  return original
    .split('\n')
    .map((line, i) => {
      if (i === 0 || line.trim() === '') return line;
      return delta > 0 ? ' '.repeat(delta) + line : line.slice(Math.min(-delta, line.length - line.trimStart().length));
    })
    .join('\n');
}

function linesUp(text: string, offset: number, count: number): number {
  let at = offset;
  for (let i = 0; i < count && at > 0; i++) at = lineStart(text, at - 1);
  return at;
}

function anchorOffset(text: string, parent: Node, before: PathSegment): number | undefined {
  if (typeof before === 'string' && isMap(parent)) {
    const pair = findPair(parent, before);
    return pair ? lineStart(text, pair.key.range![0]) : undefined;
  }
  if (isSelector(before) && isSeq(parent)) {
    const found = findItem(parent, before);
    return found ? lineStart(text, found.node.range![0]) : undefined;
  }
  return undefined;
}

interface UndoPlan {
  splices: Splice[];
  /** Paths the record names that are no longer in the file (edited by hand). */
  missing: PathSegment[][];
  /** Entries that cannot be what an injection wrote: the record is refused. */
  problems: Array<{ path: PathSegment[]; message: string }>;
}

/** The plain data of a restored text, read with the same parser as the file; undefined if it is not clean YAML. */
function restoredValue(source: string): { value: unknown } | undefined {
  const fast = readPlainData(source);
  if (fast.ok) return { value: fast.value };
  const { parsed, problems } = parseManifest(source);
  if (problems.length || parsed.doc.warnings.length) return undefined;
  try {
    return { value: toPlainData(parsed.doc) };
  } catch {
    return undefined;
  }
}

/**
 * Whether a restored text is exactly one node, the one its path names (a map entry with that key,
 * or one list item with that merge key): otherwise the record was not written by us.
 */
function holdsNode(value: unknown, segment: PathSegment | undefined): boolean {
  if (typeof segment === 'string') return isObject(value) && Object.keys(value).length === 1 && Object.hasOwn(value, segment);
  if (segment === undefined) return true;
  if (!Array.isArray(value) || value.length !== 1 || !isSelector(segment)) return false;
  const [key, wanted] = selectorKey(segment);
  return isObject(value[0]) && value[0][key] === wanted;
}

/** A replaced node's text: from its key (block: at its column; flow: inside braces) or an item's content. */
function restoresNode(text: string, segment: string | undefined, column: number, flow: boolean): boolean {
  const read = restoredValue(flow ? `{${text}}` : ' '.repeat(column) + text);
  return read !== undefined && holdsNode(read.value, segment);
}

/** A removed entry's whole lines, comments above it included. */
function removedNodeMatches(text: string, segment: PathSegment): boolean {
  const read = restoredValue(text);
  return read !== undefined && holdsNode(read.value, segment);
}

/**
 * @param pod where the pod template sits (its pair or item, so a whole-template replacement keeps
 *   the flow or block context it was written in); the record's paths are relative to it
 * @param recordLocation the record annotation's own entry, removed as well
 */
export function planUndo(text: string, pod: Location, record: InjectionRecord, recordLocation: Location | undefined): UndoPlan {
  const splices: Splice[] = [];
  const missing: PathSegment[][] = [];
  const problems: UndoPlan['problems'] = [];

  for (const path of record.added) {
    const location = resolveFrom(pod, path);
    if (!location) missing.push(path);
    else if (location.kind === 'root' || inFlowContext(location)) problems.push({ path, message: 'names a node inside a flow collection, where mesh-inject never adds lines' });
    else {
      const [start, end] = lineRange(text, location);
      splices.push({ start, end, text: '' });
    }
  }
  for (const entry of record.replaced) {
    const location = resolveFrom(pod, entry.path);
    if (!location) {
      missing.push(entry.path);
      continue;
    }
    const flow = inFlowContext(location);
    const segment = location.kind === 'pair' ? scalarKey(location.pair) : undefined;
    if (!restoresNode(entry.text, segment, entry.column, flow)) {
      problems.push({ path: entry.path, message: 'restores text that is not the node it names' });
      continue;
    }
    const [start, end] = replacedRange(text, location);
    const original = shiftContinuationLines(entry.text, columnOf(text, start) - entry.column);
    splices.push({ start, end, text: original });
  }
  for (const entry of [...record.removed].reverse()) {
    const parentLocation = resolveFrom(pod, entry.path.slice(0, -1));
    const parent = parentLocation?.node;
    if (!parent || !(isMap(parent) || isSeq(parent))) {
      missing.push(entry.path);
      continue;
    }
    if (parent.flow || !removedNodeMatches(entry.text, entry.path.at(-1)!)) {
      problems.push({ path: entry.path, message: 'restores text that is not the node it names' });
      continue;
    }
    let at: number | undefined;
    if (entry.before === null) at = lineEnd(text, parent.range![1]);
    else {
      const anchor = anchorOffset(text, parent, entry.before);
      at = anchor === undefined ? undefined : linesUp(text, anchor, entry.gap);
    }
    if (at === undefined) missing.push(entry.path);
    else splices.push({ start: at, end: at, text: entry.text });
  }
  if (recordLocation) {
    const [start, end] = lineRange(text, recordLocation);
    splices.push({ start, end, text: '' });
  }
  return { splices: mergeLineDeletions(withoutNested(splices)), missing, problems };
}

/** Drop edits inside a range another edit already rewrites (e.g. the record inside a restored map). */
function withoutNested(splices: Splice[]): Splice[] {
  return splices.filter((inner) => !splices.some((outer) => isNested(inner, outer)));
}

function isNested(inner: Splice, outer: Splice): boolean {
  if (outer === inner || outer.end === outer.start) return false;
  if (inner.start === inner.end) return outer.start < inner.start && inner.start < outer.end;
  return outer.start <= inner.start && inner.end <= outer.end;
}
