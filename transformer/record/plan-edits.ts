/**
 * Turns "this node should now hold that value" into the smallest text edits: new map keys and
 * keyed list items are inserted as whole lines, changed subtrees are descended into, and only
 * where that is impossible (scalars, unkeyed lists, flow collections) is a node re-rendered.
 * Every edit is written to the undo record.
 */
import { isMap, isSeq, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { deepEqual } from '../yaml/deep-equal.js';
import { mergeKeyFor } from '../kube/merge-keys.js';
import { findPair, itemKeyValue, scalarKey, type Location, type PathSegment } from '../yaml/node-path.js';
import { renderFlow, renderItemContent, renderItemLines, renderPair, renderPairLines, renderDocument, type RenderStyle } from '../yaml/edit/render.js';
import { columnOf, lineEnd, lineStart, startOfLeadingComments } from '../yaml/edit/text-lines.js';
import { flowIndentUnit, inFlowContext, lineIndent, replacedRange } from '../yaml/edit/replace-range.js';
import type { Splice } from '../yaml/edit/splices.js';
import type { InjectionRecord } from './format.js';
import { isObject } from '../kube/objects.js';

export interface PlanContext {
  /** Source of the parsed document; node ranges index into it. */
  text: string;
  style: RenderStyle;
  splices: Splice[];
  record: InjectionRecord;
}

/** New keys that read better before an existing sibling than at the end of their map. */
const PREFERRED_BEFORE: Readonly<Record<string, string>> = {
  initContainers: 'containers',
  metadata: 'spec',
};

export function planNode(ctx: PlanContext, location: Location, current: unknown, target: unknown, path: PathSegment[]): void {
  if (deepEqual(current, target)) return;
  const node = location.node;
  if (isMap(node) && !node.flow && isObject(current) && isObject(target) && isPlainMap(node)) {
    planMap(ctx, location, node, current, target, path);
  } else if (isSeq(node) && !node.flow && Array.isArray(current) && Array.isArray(target)) {
    planSeq(ctx, location, node, current, target, path);
  } else {
    replaceNode(ctx, location, target, path);
  }
}

/** Only maps of scalar keys without YAML merge keys can be edited key by key. */
function isPlainMap(map: YAMLMap): boolean {
  return map.items.every((pair) => {
    const key = scalarKey(pair);
    return key !== undefined && key !== '<<';
  });
}

function ownsLine(text: string, offset: number): boolean {
  return text.slice(lineStart(text, offset), offset).trim() === '';
}

function valueEnd(pair: { key: unknown; value: unknown }): number {
  const value = pair.value as Node | null;
  if (value?.range) return value.range[1];
  return (pair.key as Node).range![1];
}

function planMap(
  ctx: PlanContext,
  location: Location,
  map: YAMLMap,
  current: Record<string, unknown>,
  target: Record<string, unknown>,
  path: PathSegment[],
): void {
  const { text } = ctx;
  const pairs = map.items as Array<{ key: Node; value: Node | null }>;
  const removed = pairs.filter((pair) => !Object.hasOwn(target, scalarKey(pair as never)!));
  if (removed.some((pair) => !ownsLine(text, pair.key.range![0]))) {
    replaceNode(ctx, location, target, path);
    return;
  }
  const column = columnOf(text, pairs[0]!.key.range![0]);

  pairs.forEach((pair, index) => {
    const key = scalarKey(pair as never)!;
    if (Object.hasOwn(target, key)) {
      planNode(ctx, { kind: 'pair', node: pair.value, pair: pair as never, parent: map }, current[key], target[key], [...path, key]);
      return;
    }
    // A comment right above a removed entry describes it: it goes (and comes back) with it.
    const start = startOfLeadingComments(text, pair.key.range![0], column);
    const end = lineEnd(text, valueEnd(pair));
    const next = pairs[index + 1];
    const nextLine = next ? lineStart(text, next.key.range![0]) : end;
    ctx.splices.push({ start, end, text: '' });
    ctx.record.removed.push({
      path: [...path, key],
      text: text.slice(start, end),
      before: next ? scalarKey(next as never)! : null,
      gap: countLines(text.slice(end, nextLine)),
    });
  });

  const added = Object.keys(target).filter((key) => !Object.hasOwn(current, key));
  const atEnd: Array<[string, unknown]> = [];
  for (const key of added) {
    const sibling = PREFERRED_BEFORE[key];
    const anchor = sibling !== undefined && Object.hasOwn(current, sibling) ? findPair(map, sibling) : undefined;
    if (anchor) {
      const start = startOfLeadingComments(text, anchor.key.range![0], column);
      ctx.splices.push({ start, end: start, text: renderPairLines([[key, target[key]]], column, ctx.style) });
    } else {
      atEnd.push([key, target[key]]);
    }
    ctx.record.added.push([...path, key]);
  }
  if (atEnd.length) {
    const last = pairs.at(-1)!;
    insertAtLineEnd(ctx, valueEnd(last), renderPairLines(atEnd, column, ctx.style));
  }
}

function planSeq(ctx: PlanContext, location: Location, seq: YAMLSeq, current: unknown[], target: unknown[], path: PathSegment[]): void {
  const { text } = ctx;
  const field = [...path].reverse().find((segment): segment is string => typeof segment === 'string');
  const mergeKey = mergeKeyFor(field);
  const items = seq.items as Node[];
  const currentKeys = mergeKey ? items.map((item) => (isMap(item) && !item.flow ? itemKeyValue(item, mergeKey) : undefined)) : [];
  const targetKeys = mergeKey ? target.map((item) => (isObject(item) ? (item[mergeKey] as string | number | undefined) : undefined)) : [];
  const keyed =
    mergeKey !== undefined &&
    items.length > 0 &&
    isUniqueScalars(currentKeys) &&
    isUniqueScalars(targetKeys) &&
    items.every((item) => ownsLine(text, dashOffset(text, item)));
  const kept = currentKeys.filter((key) => targetKeys.includes(key));
  const keptInTarget = targetKeys.filter((key) => currentKeys.includes(key));
  if (!keyed || !deepEqual(kept, keptInTarget)) {
    replaceNode(ctx, location, target, path);
    return;
  }
  const selector = (key: string | number | undefined): PathSegment => ({ [mergeKey!]: key! });
  const dashColumn = columnOf(text, seq.range![0]);
  const contentOffset = columnOf(text, items[0]!.range![0]) - dashColumn;

  items.forEach((item, index) => {
    const key = currentKeys[index]!;
    const targetIndex = targetKeys.indexOf(key);
    if (targetIndex !== -1) {
      planNode(ctx, { kind: 'item', node: item, parent: seq, index }, current[index], target[targetIndex], [...path, selector(key)]);
      return;
    }
    const start = startOfLeadingComments(text, item.range![0], dashColumn);
    const end = lineEnd(text, item.range![1]);
    const next = items[index + 1];
    const nextLine = next ? lineStart(text, next.range![0]) : end;
    ctx.splices.push({ start, end, text: '' });
    ctx.record.removed.push({
      path: [...path, selector(key)],
      text: text.slice(start, end),
      before: next ? selector(currentKeys[index + 1]) : null,
      gap: countLines(text.slice(end, nextLine)),
    });
  });

  let pending: unknown[] = [];
  const flush = (anchorKey: string | number | undefined) => {
    if (!pending.length) return;
    const rendered = renderItemLines(pending, dashColumn, contentOffset, ctx.style);
    if (anchorKey === undefined) {
      insertAtLineEnd(ctx, seq.range![1], rendered);
    } else {
      const anchor = items[currentKeys.indexOf(anchorKey)]!;
      const start = startOfLeadingComments(text, anchor.range![0], dashColumn);
      ctx.splices.push({ start, end: start, text: rendered });
    }
    pending = [];
  };
  target.forEach((item, index) => {
    const key = targetKeys[index]!;
    if (currentKeys.includes(key)) {
      flush(key);
    } else {
      pending.push(item);
      ctx.record.added.push([...path, selector(key)]);
    }
  });
  flush(undefined);
}

function isUniqueScalars(keys: unknown[]): keys is Array<string | number> {
  return keys.every((k) => typeof k === 'string' || typeof k === 'number') && new Set(keys).size === keys.length;
}

/** Offset of the `-` that introduces a sequence item. */
function dashOffset(text: string, item: Node): number {
  const dash = text.lastIndexOf('-', item.range![0] - 1);
  return dash === -1 ? item.range![0] : dash;
}

function countLines(gap: string): number {
  return gap === '' ? 0 : gap.split('\n').length - 1;
}

function insertAtLineEnd(ctx: PlanContext, offset: number, rendered: string): void {
  const at = lineEnd(ctx.text, offset);
  ctx.splices.push({ start: at, end: at, text: rendered });
}

/**
 * Re-render one node in place and keep its original text in the record. Inside a flow collection
 * (JSON style) the node is rendered as JSON and replaced exactly, not by whole lines: block lines
 * cannot stand there, and the collection's commas and brackets share its lines.
 */
function replaceNode(ctx: PlanContext, location: Location, target: unknown, path: PathSegment[]): void {
  const { text } = ctx;
  const [start, end] = replacedRange(text, location);
  let rendered: string;
  if (inFlowContext(location)) {
    const unit = flowIndentUnit(text, location.node);
    const value = renderFlow(target, lineIndent(text, start), unit, ctx.style.eol);
    rendered = location.kind === 'pair' ? `${text.slice(start, location.pair.key.range![1])}: ${value}` : value;
  } else if (location.kind === 'pair') {
    rendered = renderPair(scalarKey(location.pair)!, target, columnOf(text, start), ctx.style);
  } else if (location.kind === 'item') {
    const dashColumn = columnOf(text, dashOffset(text, location.node));
    rendered = renderItemContent(target, dashColumn, columnOf(text, start) - dashColumn, ctx.style);
  } else {
    const json = (isMap(location.node) || isSeq(location.node)) && location.node.flow === true;
    rendered = renderDocument(target, ctx.style, json, json ? flowIndentUnit(text, location.node) : 2);
  }
  ctx.splices.push({ start, end, text: rendered });
  ctx.record.replaced.push({ path, text: text.slice(start, end), column: columnOf(text, start) });
}
