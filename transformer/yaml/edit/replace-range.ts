/**
 * Where a replaced node's text begins and ends, the same rule for the edit and for its undo: from
 * the key (or the item's content) to the end of the node's last line in block context, and exactly
 * the key and value inside a flow collection, whose commas and brackets share those lines.
 */
import { isMap, isSeq, type Node } from 'yaml';
import type { Location } from '../node-path.js';
import { lineEnd, lineStart } from './text-lines.js';

export function inFlowContext(location: Location): boolean {
  return location.kind !== 'root' && location.parent.flow === true;
}

function valueEnd(location: Location & { kind: 'pair' }): number {
  return location.node?.range ? location.node.range[1] : location.pair.key.range![1];
}

export function replacedRange(text: string, location: Location): [number, number] {
  if (location.kind === 'pair') {
    const start = location.pair.key.range![0];
    const end = valueEnd(location);
    return [start, inFlowContext(location) ? end : lineEnd(text, end)];
  }
  const [start, end] = location.node.range!;
  return [start, inFlowContext(location) ? end : lineEnd(text, end)];
}

/** Leading spaces of the line `offset` is on. */
export function lineIndent(text: string, offset: number): string {
  const start = lineStart(text, offset);
  let end = start;
  while (text[end] === ' ') end++;
  return text.slice(start, end);
}

/** The indentation step of a multi-line flow collection (kubectl's JSON uses 4), else 2. */
export function flowIndentUnit(text: string, node: Node | null): number {
  if (!node || !(isMap(node) || isSeq(node)) || !node.range) return 2;
  const first = node.items[0] as { key?: Node; range?: [number, number, number] } | undefined;
  const firstStart = (isMap(node) ? (first?.key as Node | undefined)?.range?.[0] : first?.range?.[0]);
  if (firstStart === undefined || lineStart(text, firstStart) === lineStart(text, node.range[0])) return 2;
  const unit = lineIndent(text, firstStart).length - lineIndent(text, node.range[0]).length;
  return unit >= 1 && unit <= 8 ? unit : 2;
}
