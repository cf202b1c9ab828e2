/**
 * Reverses an injection from its undo record: deletes the nodes it added, puts back the exact
 * text of the nodes it replaced or removed, and drops the record itself.
 */
import { isMap, isSeq, type Node } from 'yaml';
import { findPair, findItem, isSelector, resolvePath, type Location, type PathSegment } from './node-path.js';
import { columnOf, lineEnd, lineStart } from './text-lines.js';
import { mergeLineDeletions } from './splices.js';
import type { Splice } from './splices.js';
import type { InjectionRecord } from '../record.js';

/** Whole-line range of a node together with its key or dash. */
function lineRange(text: string, location: Location): [number, number] {
  if (location.kind === 'pair') {
    const end = location.node?.range ? location.node.range[1] : location.pair.key.range![1];
    return [lineStart(text, location.pair.key.range![0]), lineEnd(text, end)];
  }
  return [lineStart(text, location.node.range![0]), lineEnd(text, location.node.range![1])];
}

/** Range a replacement covered: from the key (or item content) to the end of the node's last line. */
function replacedRange(text: string, location: Location): [number, number] {
  if (location.kind === 'pair') {
    const end = location.node?.range ? location.node.range[1] : location.pair.key.range![1];
    return [location.pair.key.range![0], lineEnd(text, end)];
  }
  return [location.node.range![0], lineEnd(text, location.node.range![1])];
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

export interface UndoPlan {
  splices: Splice[];
  /** Paths the record names that are no longer in the file (edited by hand). */
  missing: PathSegment[][];
}

/**
 * @param podTemplate the pod template node the record's paths are relative to
 * @param recordLocation the record annotation's own entry, removed as well
 */
export function planUndo(text: string, podTemplate: Node, record: InjectionRecord, recordLocation: Location | undefined): UndoPlan {
  const splices: Splice[] = [];
  const missing: PathSegment[][] = [];

  for (const path of record.added) {
    const location = resolvePath(podTemplate, path);
    if (!location) missing.push(path);
    else {
      const [start, end] = lineRange(text, location);
      splices.push({ start, end, text: '' });
    }
  }
  for (const entry of record.replaced) {
    const location = resolvePath(podTemplate, entry.path);
    if (!location) {
      missing.push(entry.path);
      continue;
    }
    const [start, end] = replacedRange(text, location);
    const original = shiftContinuationLines(entry.text, columnOf(text, start) - entry.column);
    splices.push({ start, end, text: original });
  }
  for (const entry of [...record.removed].reverse()) {
    const parent = resolvePath(podTemplate, entry.path.slice(0, -1))?.node;
    if (!parent || !(isMap(parent) || isSeq(parent))) {
      missing.push(entry.path);
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
  return { splices: mergeLineDeletions(withoutNested(splices)), missing };
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
