/**
 * A fast reader for the plain block YAML that injection templates print: block mappings and
 * sequences, comments, blank and whitespace-only lines, plain and quoted one-line scalars, block
 * scalars and flow collections. When it answers `ok`, the value equals what
 * `parseDocument(text, PARSE_OPTIONS).toJS()` gives and that document has no errors or warnings;
 * anything outside its subset (anchors, aliases, tags, explicit keys, tabs, several documents,
 * multi-line plain or quoted scalars, duplicate keys, ...) answers `{ ok: false }`: use `yaml`.
 */
import { readFlow } from './fast-read-flow.js';
import { canStartPlain, checkKeyLength, checkNewKey, decline, isDecline, isSeqEntry, Lines, skipSpaces, type Read } from './fast-read-lines.js';
import { readBlockScalar, readLineScalar, readQuoted } from './fast-read-scalars.js';
import { plainKeyName } from './plain-scalar.js';

export type PlainRead = { ok: true; value: unknown } | { ok: false };

const NOT_MINE: PlainRead = { ok: false };
/** Tabs, CR, BOM, control and Unicode line-break characters: yaml has special rules for them. */
const UNUSUAL_CHARACTERS = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]/;
/** Directives and document markers: several documents or stream syntax. */
const STREAM_SYNTAX = /^(?:(?:---|\.\.\.)(?: |$)|%)/;

export function readPlainData(text: string): PlainRead {
  if (UNUSUAL_CHARACTERS.test(text)) return NOT_MINE;
  const lines = new Lines(text);
  for (let row = 0; row < lines.length; row++) if (lines.indent(row) === 0 && STREAM_SYNTAX.test(lines.line(row))) return NOT_MINE;
  try {
    return { ok: true, value: readDocument(lines) };
  } catch (thrown) {
    // RangeError: nesting too deep for the call stack; yaml then decides (and reports) as before.
    if (isDecline(thrown) || thrown instanceof RangeError) return NOT_MINE;
    throw thrown;
  }
}

function readDocument(lines: Lines): unknown {
  const row = lines.nextContentRow(0);
  if (row === lines.length) return null;
  const node = readNode(lines, row, -1, false);
  if (lines.nextContentRow(node.next) !== lines.length) decline();
  return node.value;
}

/**
 * A node starting a line of its own, indented deeper than `parentIndent`. A scalar or flow
 * collection there must not follow a comment line (`afterComment`): a less indented `#x` resets
 * yaml's indentation, which then reads a plain scalar on into the next lines
 * (`  -\n#x\n   a\n  - b` is the one entry `a - b`).
 */
function readNode(lines: Lines, row: number, parentIndent: number, afterComment: boolean): Read {
  const line = lines.line(row);
  const col = lines.indent(row);
  if (isSeqEntry(line, col)) return readSeq(lines, row, col, false);
  if (readKey(line, col) !== undefined) return readMap(lines, row, col);
  if (afterComment || line[col] === '|' || line[col] === '>') decline();
  return readInline(lines, row, col, parentIndent);
}

/** A block mapping whose first key is at `col` of `row`; later keys start lines indented by `col`. */
function readMap(lines: Lines, row: number, col: number): Read {
  const map: Record<string, unknown> = {};
  for (;;) {
    const key = readKey(lines.line(row), col) ?? decline();
    checkNewKey(map, key.name);
    const entry = readValue(lines, row, key.after, col, true);
    map[key.name] = entry.value;
    row = lines.nextContentRow(entry.next);
    if (row === lines.length || lines.indent(row) < col) return { value: map, next: row };
    if (lines.indent(row) > col) decline();
  }
}

/**
 * A block sequence whose entries' `-` are at `col`. One that is a mapping value at the mapping's
 * own indent (`key:\n- a`) ends at the next line there that is not an entry (`endsAtSameIndent`).
 */
function readSeq(lines: Lines, row: number, col: number, endsAtSameIndent: boolean): Read {
  const items: unknown[] = [];
  for (;;) {
    const line = lines.line(row);
    if (!isSeqEntry(line, col)) {
      if (endsAtSameIndent) return { value: items, next: row };
      decline();
    }
    const entry = readEntry(lines, row, col);
    items.push(entry.value);
    row = lines.nextContentRow(entry.next);
    if (row === lines.length || lines.indent(row) < col) return { value: items, next: row };
    if (lines.indent(row) > col) decline();
  }
}

/** A sequence entry's value; `- key: value` and `- - item` start collections indented to their content. */
function readEntry(lines: Lines, row: number, col: number): Read {
  const line = lines.line(row);
  const itemCol = skipSpaces(line, col + 1);
  if (isSeqEntry(line, itemCol)) return readSeq(lines, row, itemCol, false);
  if (readKey(line, itemCol) !== undefined) return readMap(lines, row, itemCol);
  return readValue(lines, row, col + 1, col, false);
}

/**
 * The value after `key:` or `-` (`col` is just past the indicator): on the same line, or on the
 * following lines indented deeper than `parentIndent`, or null.
 */
function readValue(lines: Lines, row: number, col: number, parentIndent: number, sameIndentSeq: boolean): Read {
  const line = lines.line(row);
  const start = skipSpaces(line, col);
  if (start < line.length && line[start] !== '#') return readInline(lines, row, start, parentIndent);
  const next = lines.nextContentRow(row + 1);
  if (next < lines.length) {
    const indent = lines.indent(next);
    if (indent > parentIndent) return readNode(lines, next, parentIndent, lines.hasComment(row + 1, next));
    if (indent === parentIndent && sameIndentSeq && isSeqEntry(lines.line(next), indent)) return readSeq(lines, next, indent, true);
  }
  return { value: null, next: row + 1 };
}

/** A node starting at `col` of `row` after other content on that line (or alone on it). */
function readInline(lines: Lines, row: number, col: number, parentIndent: number): Read {
  const line = lines.line(row);
  switch (line[col]) {
    case '|':
    case '>':
      return readBlockScalar(lines, row, col, parentIndent);
    case '[':
    case '{':
      return readFlow(lines, row, col, parentIndent);
    default:
      return { value: readLineScalar(line, col), next: row + 1 };
  }
}

/** `key:` at `col`: its JS property name and the column after the `:`, or undefined. */
function readKey(line: string, col: number): { name: string; after: number } | undefined {
  let name: string;
  let colon: number;
  if (line[col] === '"' || line[col] === "'") {
    const quoted = readQuoted(line, col);
    colon = skipSpaces(line, quoted.end);
    if (line[colon] !== ':' || (colon + 1 < line.length && line[colon + 1] !== ' ')) return undefined;
    name = quoted.value;
  } else {
    if (!canStartPlain(line, col, false)) return undefined;
    colon = plainKeyEnd(line, col);
    if (colon === -1) return undefined;
    if (line[colon - 1] === ' ') decline(); // `key :` is valid but rare: keep the subset small
    name = plainKeyName(line.slice(col, colon));
  }
  checkKeyLength(col, colon);
  return { name, after: colon + 1 };
}

/** The `:` ending a plain key (followed by a space or the line end, before any comment), or -1. */
function plainKeyEnd(line: string, col: number): number {
  const comment = line.indexOf(' #', col);
  const limit = comment === -1 ? line.length : comment;
  for (let colon = line.indexOf(':', col); colon !== -1 && colon < limit; colon = line.indexOf(':', colon + 1)) {
    if (colon + 1 === line.length || line[colon + 1] === ' ') return colon;
  }
  return -1;
}
