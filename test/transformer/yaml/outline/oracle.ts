/**
 * The outline reader's contract (`transformer/yaml/outline/outline.ts`), checked against yaml: whenever
 * `readOutline` answers, `parseDocument(text, PARSE_OPTIONS)` reads the text without errors or
 * warnings, to a node tree of the same shape (kinds, `flow`, key and scalar values, empty values
 * as null scalars) whose every node has the same `range[0]` and `range[1]`, and `range[2]` in
 * block context; the data equals yaml's `toJS()` (key order, -0 and NaN included), the outline's
 * own document reads back as that data, and the line counters agree.
 */
import { isDeepStrictEqual } from 'node:util';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { expect } from 'vitest';
import { readOutline } from '../../../../transformer/yaml/outline/outline.js';
import { PARSE_OPTIONS } from '../../../../transformer/yaml/yaml-options.js';
import { keyOrder } from '../fast-read/oracle.js';

/** A node as the comparison sees it: kind, ranges, flow, style and value, children in order. */
export function describeNode(node: unknown, inFlow = false): unknown {
  if (node === null || node === undefined) return null;
  const n = node as Node;
  const range = n.range ? (inFlow ? [n.range[0], n.range[1]] : [...n.range]) : null;
  if (isScalar(n)) return { kind: 'scalar', range, type: n.type, value: typeof n.value === 'number' && Number.isNaN(n.value) ? 'NaN' : Object.is(n.value, -0) ? '-0' : n.value };
  if (isMap(n)) {
    const flow = inFlow || n.flow === true;
    return { kind: 'map', range, flow: n.flow, pairs: n.items.map((p) => (isPair(p) ? [describeNode(p.key, flow), describeNode(p.value, flow)] : 'not a pair')) };
  }
  if (isSeq(n)) {
    const flow = inFlow || n.flow === true;
    return { kind: 'seq', range, flow: n.flow, items: n.items.map((item) => describeNode(item, flow)) };
  }
  return { kind: (n as object).constructor.name };
}

/** Asserts the contract for `text`; returns whether the outline reader answered. */
export function outlineAgreesWithYaml(text: string): boolean {
  const outline = readOutline(text);
  if (!outline) return false;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { ...PARSE_OPTIONS, lineCounter });
  const clean = doc.errors.length === 0 && doc.warnings.length === 0;
  const expected = { text, clean: true, tree: describeNode(doc.contents), data: keyOrder(doc.toJS()), lineStarts: lineCounter.lineStarts };
  const actual = { text, clean, tree: describeNode(outline.doc.contents), data: keyOrder(outline.data), lineStarts: outline.lineCounter.lineStarts };
  if (!isDeepStrictEqual(actual, expected)) expect(actual).toEqual(expected);
  if (!isDeepStrictEqual(outline.data, doc.toJS()) || !isDeepStrictEqual(outline.doc.toJS(), outline.data)) {
    expect({ text, data: outline.data, fromDoc: outline.doc.toJS() }).toStrictEqual({ text, data: doc.toJS(), fromDoc: doc.toJS() });
    throw new Error(`outline data and yaml differ on ${JSON.stringify(text)}`);
  }
  return true;
}
