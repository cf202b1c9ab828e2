/**
 * What the outline reader reads of a document's text: CRLF line breaks read as LF (node ranges
 * are mapped back to the text afterwards), a leading `---` line and a closing `...` line (a
 * document as `splitDocuments` cuts it from a stream). Anything else of the stream syntax
 * (directives, several documents, markers with content on their line), a lone CR and the
 * characters the fast reader leaves to yaml (`../fast-read/subset.ts`) decline.
 */
import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { hasUnusualCharacters } from '../fast-read/subset.js';

interface OutlineSource {
  /** The text read: LF line breaks, cut before a closing `...` line. */
  body: string;
  /** Where reading starts in `body`: after a leading `---` line, else 0. */
  start: number;
  /** Positions in `body` of the line breaks that were CRLF in the text, ascending. */
  crs: number[];
}

const STREAM_LINE = /^(?:%|---(?= |\n|$)|\.\.\.(?= |\n|$))/gm;
/** Blank and comment lines only. */
const TRIVIA = /^(?: *(?:#[^\n]*)?(?:\n|$))*$/;
/** The rest of a marker line: spaces, maybe a comment. */
const MARKER_REST = /^(?: +(?:#[^\n]*)?)?(?:\n|$)/;

export function outlineSource(text: string): OutlineSource | undefined {
  const crs: number[] = [];
  let body = text;
  if (text.includes('\r')) {
    body = text.replaceAll('\r\n', '\n');
    if (body.includes('\r')) return undefined;
    for (let at = text.indexOf('\r\n'); at !== -1; at = text.indexOf('\r\n', at + 2)) crs.push(at - crs.length);
  }
  if (hasUnusualCharacters(body)) return undefined;
  let start = 0;
  let sawEnd = false;
  STREAM_LINE.lastIndex = 0;
  for (let match = STREAM_LINE.exec(body); match; match = STREAM_LINE.exec(body)) {
    const at = match.index;
    const marker = match[0];
    const rest = MARKER_REST.exec(body.slice(at + marker.length, body.indexOf('\n', at) === -1 ? body.length : body.indexOf('\n', at) + 1));
    if (marker === '%' || !rest || sawEnd) return undefined;
    if (marker === '---') {
      // Only as the document's first line that is not blank or a comment.
      if (start !== 0 || !TRIVIA.test(body.slice(0, at))) return undefined;
      start = at + marker.length + rest[0].length;
    } else {
      if (!TRIVIA.test(body.slice(at + marker.length + rest[0].length))) return undefined;
      body = body.slice(0, at);
      sawEnd = true;
    }
  }
  return { body, start, crs };
}

/** Maps the ranges of `node` and its descendants from `body` positions to the text's (`crs` non-empty). */
export function mapRanges(node: Node | null, crs: readonly number[]): void {
  if (node === null) return;
  const range = node.range!;
  for (let i = 0; i < 3; i++) range[i] = range[i]! + crBefore(crs, range[i]!);
  if (isScalar(node)) return;
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      mapRanges(pair.key as Node, crs);
      mapRanges(pair.value as Node | null, crs);
    }
  } else if (isSeq(node)) for (const item of node.items) mapRanges(item as Node, crs);
}

/** How many of the `crs` positions lie before `offset`. */
function crBefore(crs: readonly number[], offset: number): number {
  let low = 0;
  let high = crs.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (crs[mid]! < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}
