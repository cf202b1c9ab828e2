/**
 * A fast reader for the plain block YAML that injection templates print: block mappings and
 * sequences, comments, blank and whitespace-only lines, plain and quoted one-line scalars, block
 * scalars and flow collections. When it answers `ok`, the value equals what
 * `parseDocument(text, PARSE_OPTIONS).toJS()` gives and that document has no errors or warnings;
 * anything outside its subset (anchors, aliases, tags, explicit keys, tabs, several documents,
 * multi-line plain or quoted scalars, duplicate keys, ...) answers `{ ok: false }`: use `yaml`.
 *
 * Readers take a row and an absolute position in the text, return the node's value and leave the
 * row after it in `lines.next` (see `Lines`).
 *
 * With a `BlockCache` (the caller's, kept across calls), block collections of a few rows or more
 * are looked up by their text before being read (`block-cache.ts`), and the whole value is
 * frozen all the way down: parts of it are shared with other documents read with the same cache
 * (treat it as `DeepReadonly`).
 */
import { GREATER, HASH, OPEN_BRACE, OPEN_BRACKET, PIPE } from './chars.js';
import { BLOCK_MAP, BLOCK_SAME_INDENT_SEQ, BLOCK_SEQ, readCached, type BlockCache } from './block-cache.js';
import { readFlow } from './flow.js';
import { readKey } from './keys.js';
import { checkNewKey, decline, isDecline, Lines } from './lines.js';
import { readBlockScalar, readLineScalar } from './scalars.js';
import { isOutsideSubset } from './subset.js';
import { settle } from '../../data/frozen-data.js';

export { BlockCache, createBlockCache } from './block-cache.js';

export type PlainRead<T = unknown> = { ok: true; value: T } | { ok: false };

const NOT_MINE: PlainRead = { ok: false };

export function readPlainData(text: string, cache?: BlockCache): PlainRead {
  try {
    if (isOutsideSubset(text)) return NOT_MINE;
    const lines = new Lines(text, cache);
    const value = readDocument(lines);
    return { ok: true, value: cache === undefined ? value : settle(value) };
  } catch (thrown) {
    // RangeError: nesting too deep for the call stack; yaml then decides (and reports) as before.
    if (isDecline(thrown) || thrown instanceof RangeError) return NOT_MINE;
    throw thrown;
  }
}

function readDocument(lines: Lines): unknown {
  const row = lines.nextContentRow(0);
  if (!lines.has(row)) return null;
  const value = readNode(lines, row, -1, false);
  if (lines.has(lines.nextContentRow(lines.next))) decline();
  return value;
}

/**
 * A node starting a line of its own, indented deeper than `parentIndent`. A scalar or flow
 * collection there must not follow a comment line (`afterComment`): a less indented `#x` resets
 * yaml's indentation, which then reads a plain scalar on into the next lines
 * (`  -\n#x\n   a\n  - b` is the one entry `a - b`).
 */
function readNode(lines: Lines, row: number, parentIndent: number, afterComment: boolean): unknown {
  const at = lines.firsts[row]!;
  const end = lines.ends[row]!;
  const col = at - lines.starts[row]!;
  if (lines.isSeqEntry(at, end)) return readSeq(lines, row, col, false);
  const key = readKey(lines, at, end);
  if (key !== undefined) return readMap(lines, row, col, key);
  const code = lines.text.charCodeAt(at);
  if (afterComment || code === PIPE || code === GREATER) decline();
  return readInline(lines, row, at, parentIndent);
}

/**
 * A block mapping whose first key, `firstKey`, is at column `col` of `row` (`lines.cursor` just
 * past its `:`); later keys start lines indented by `col`.
 */
function readMap(lines: Lines, row: number, col: number, firstKey: string): Record<string, unknown> {
  if (lines.blocks !== undefined) return readCached(lines, row, col, BLOCK_MAP, readMapEntries, firstKey) as Record<string, unknown>;
  return readMapEntries(lines, row, col, firstKey);
}

function readMapEntries(lines: Lines, row: number, col: number, firstKey: string): Record<string, unknown> {
  const map: Record<string, unknown> = {};
  let key = firstKey;
  for (;;) {
    checkNewKey(map, key);
    map[key] = readValue(lines, row, lines.cursor, col, true);
    row = lines.nextContentRow(lines.next);
    if (!lines.has(row)) break;
    const indent = lines.indent(row);
    if (indent < col) break;
    if (indent > col) decline();
    key = readKey(lines, lines.firsts[row]!, lines.ends[row]!) ?? decline();
  }
  lines.next = row;
  return map;
}

/**
 * A block sequence whose entries' `-` are at column `col`. One that is a mapping value at the
 * mapping's own indent (`key:\n- a`) ends at the next line there that is not an entry (`endsAtSameIndent`).
 */
function readSeq(lines: Lines, row: number, col: number, endsAtSameIndent: boolean): unknown[] {
  if (lines.blocks !== undefined) return readCached(lines, row, col, endsAtSameIndent ? BLOCK_SAME_INDENT_SEQ : BLOCK_SEQ, readSeqEntries, endsAtSameIndent) as unknown[];
  return readSeqEntries(lines, row, col, endsAtSameIndent);
}

function readSeqEntries(lines: Lines, row: number, col: number, endsAtSameIndent: boolean): unknown[] {
  const items: unknown[] = [];
  for (;;) {
    const at = lines.starts[row]! + col;
    const end = lines.ends[row]!;
    if (!lines.isSeqEntry(at, end)) {
      if (endsAtSameIndent) break;
      decline();
    }
    items.push(readEntry(lines, row, at, end));
    row = lines.nextContentRow(lines.next);
    if (!lines.has(row)) break;
    const indent = lines.indent(row);
    if (indent < col) break;
    if (indent > col) decline();
  }
  lines.next = row;
  return items;
}

/** A sequence entry's value (`-` at `at`); `- key: value` and `- - item` start collections indented to their content. */
function readEntry(lines: Lines, row: number, at: number, end: number): unknown {
  const itemAt = lines.skipSpaces(at + 1);
  const itemCol = itemAt - lines.starts[row]!;
  if (lines.isSeqEntry(itemAt, end)) return readSeq(lines, row, itemCol, false);
  const key = readKey(lines, itemAt, end);
  if (key !== undefined) return readMap(lines, row, itemCol, key);
  return readValue(lines, row, at + 1, at - lines.starts[row]!, false);
}

/**
 * The value after `key:` or `-` (`at` is just past the indicator): on the same line, or on the
 * following lines indented deeper than `parentIndent`, or null.
 */
function readValue(lines: Lines, row: number, at: number, parentIndent: number, sameIndentSeq: boolean): unknown {
  const start = lines.skipSpaces(at);
  if (start < lines.ends[row]! && lines.text.charCodeAt(start) !== HASH) return readInline(lines, row, start, parentIndent);
  const next = lines.nextContentRow(row + 1);
  if (lines.has(next)) {
    const indent = lines.indent(next);
    if (indent > parentIndent) return readNode(lines, next, parentIndent, lines.hasComment(row + 1, next));
    if (indent === parentIndent && sameIndentSeq && lines.isSeqEntry(lines.firsts[next]!, lines.ends[next]!)) return readSeq(lines, next, indent, true);
  }
  lines.next = row + 1;
  return null;
}

/** A node starting at `at` of `row` after other content on that line (or alone on it). */
function readInline(lines: Lines, row: number, at: number, parentIndent: number): unknown {
  switch (lines.text.charCodeAt(at)) {
    case PIPE:
    case GREATER:
      return readBlockScalar(lines, row, at, parentIndent);
    case OPEN_BRACKET:
    case OPEN_BRACE:
      return readFlow(lines, row, at, parentIndent);
    default:
      lines.next = row + 1;
      return readLineScalar(lines, at, lines.ends[row]!);
  }
}
