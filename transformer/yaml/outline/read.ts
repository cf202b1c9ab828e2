/**
 * The outline reader: the fast reader's block structure (`fast-read.ts`: same subset, same
 * declines, same values) building the `yaml` node tree as well, with the source ranges yaml's
 * parser gives (`tail.ts` for where nodes end). Kept apart from `../fast-read/fast-read.ts` so that
 * reading plain data pays nothing for it, and never uses the block cache: nodes are per text.
 *
 * Readers take a row and an absolute position, return the node, leave its plain value in `value`,
 * the row after it in `lines.next` and the comment lines after it that no node took in `pending`
 * (`tail.ts`).
 */
import { Scalar, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { DOUBLE_QUOTE, GREATER, HASH, OPEN_BRACE, OPEN_BRACKET, PIPE, SINGLE_QUOTE } from '../fast-read/chars.js';
import { readKey } from '../fast-read/keys.js';
import { checkNewKey, decline, type Lines } from '../fast-read/lines.js';
import { readBlockScalar, readLineScalar } from '../fast-read/scalars.js';
import { FlowOutline } from './flow.js';
import { mapNode, pairNode, quotedType, scalarNode, seqNode } from './nodes.js';
import { afterLine, contentStart, emptyEnd, keepsTrivia, leafTail, pendingFrom } from './tail.js';
import { resolvePlainScalar } from '../plain-scalar.js';

export class OutlineReader {
  /** The plain value of the node read last. */
  value: unknown = null;
  /** The deepest comment line among the trivia after the node read last that no node took (-1: none). */
  pending = -1;

  constructor(private readonly lines: Lines) {}

  /** The document's root node, its first content row at `row` or later; declines an empty document. */
  readDocument(row: number): Node {
    const { lines } = this;
    row = lines.nextContentRow(row);
    if (!lines.has(row)) decline();
    const node = this.readNode(row, -1, false);
    if (lines.has(lines.nextContentRow(lines.next))) decline();
    return node;
  }

  /** A node starting a line of its own (`fast-read.ts` `readNode`). */
  private readNode(row: number, parentIndent: number, afterComment: boolean): Node {
    const { lines } = this;
    const at = lines.firsts[row]!;
    const end = lines.ends[row]!;
    const col = at - lines.starts[row]!;
    if (lines.isSeqEntry(at, end)) return this.readSeq(row, col, false);
    const key = readKey(lines, at, end);
    if (key !== undefined) return this.readMap(row, col, at, key);
    const code = lines.text.charCodeAt(at);
    if (afterComment || code === PIPE || code === GREATER) decline();
    return this.readInline(row, at, parentIndent);
  }

  /** A block mapping whose first key, `firstKey`, starts at `at` (column `col`) of `row`; `lines.cursor` is just past its `:`. */
  private readMap(row: number, col: number, at: number, firstKey: string): YAMLMap {
    const { lines } = this;
    const node = mapNode();
    const map: Record<string, unknown> = {};
    const start = at;
    let name = firstKey;
    let last: Node;
    for (;;) {
      checkNewKey(map, name);
      const key = this.keyNode(at, name);
      last = this.readValue(row, lines.cursor, col, true);
      map[name] = this.value;
      node.items.push(pairNode(key, last));
      row = lines.nextContentRow(lines.next);
      if (!lines.has(row)) break;
      const indent = lines.indent(row);
      if (indent < col) break;
      if (indent > col) decline();
      at = lines.firsts[row]!;
      name = readKey(lines, at, lines.ends[row]!) ?? decline();
    }
    lines.next = row;
    node.range = this.collectionRange(start, last, col, row);
    this.value = map;
    return node;
  }

  /** The key scalar of the key `name` read at `at` (`lines.cursor` just past its `:`). */
  private keyNode(at: number, name: string): Scalar {
    const { text } = this.lines;
    const end = this.lines.trimSpacesEnd(at, this.lines.cursor - 1);
    const code = text.charCodeAt(at);
    if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) return scalarNode(name, quotedType(code), at, end);
    // The name is the key's text unless the key resolves to something else (`yes`, `0x1`, `~`).
    const value = end - at === name.length && text.startsWith(name, at) ? resolvePlainScalar(name) : resolvePlainScalar(text.slice(at, end));
    return scalarNode(value, Scalar.PLAIN, at, end);
  }

  /** A block sequence whose entries' `-` are at column `col` (`fast-read.ts` `readSeq`). */
  private readSeq(row: number, col: number, endsAtSameIndent: boolean): YAMLSeq {
    const { lines } = this;
    const node = seqNode();
    const items: unknown[] = [];
    const start = lines.starts[row]! + col;
    let last: Node | undefined;
    this.pending = -1;
    for (;;) {
      const at = lines.starts[row]! + col;
      const end = lines.ends[row]!;
      if (!lines.isSeqEntry(at, end)) {
        if (endsAtSameIndent) break;
        decline();
      }
      last = this.readEntry(row, at, end);
      node.items.push(last);
      items.push(this.value);
      row = lines.nextContentRow(lines.next);
      if (!lines.has(row)) break;
      const indent = lines.indent(row);
      if (indent < col) break;
      if (indent > col) decline();
    }
    lines.next = row;
    node.range = this.collectionRange(start, last!, col, row);
    this.value = items;
    return node;
  }

  /** A sequence entry's node (`-` at `at`). */
  private readEntry(row: number, at: number, end: number): Node {
    const { lines } = this;
    const itemAt = lines.skipSpaces(at + 1);
    const itemCol = itemAt - lines.starts[row]!;
    if (lines.isSeqEntry(itemAt, end)) return this.readSeq(row, itemCol, false);
    const key = readKey(lines, itemAt, end);
    if (key !== undefined) return this.readMap(row, itemCol, itemAt, key);
    return this.readValue(row, at + 1, at - lines.starts[row]!, false);
  }

  /**
   * The range of a block collection starting at `start` whose last value is `last`, closed by
   * the content row `next` (or the end): it ends where its last value does, and keeps the
   * trivia before `next` when yaml does (`tail.ts`).
   */
  private collectionRange(start: number, last: Node, col: number, next: number): [number, number, number] {
    const end = last.range![2];
    if (!keepsTrivia(col, this.pending)) return [start, end, end];
    this.pending = -1;
    return [start, end, contentStart(this.lines, next)];
  }

  /** The value after `key:` or `-` (`at` just past the indicator), in the collection at `parentIndent`. */
  private readValue(row: number, at: number, parentIndent: number, isMapValue: boolean): Node {
    const { lines } = this;
    const start = lines.skipSpaces(at);
    if (start < lines.ends[row]! && lines.text.charCodeAt(start) !== HASH) return this.readInline(row, start, parentIndent);
    const next = lines.nextContentRow(row + 1);
    if (lines.has(next)) {
      const indent = lines.indent(next);
      if (indent > parentIndent) return this.readNode(next, parentIndent, lines.hasComment(row + 1, next));
      if (indent === parentIndent && isMapValue && lines.isSeqEntry(lines.firsts[next]!, lines.ends[next]!)) return this.readSeq(next, indent, true);
    }
    lines.next = row + 1;
    const node = scalarNode(null, Scalar.PLAIN, start, start);
    // A sequence entry's `-` comes after the comment lines left over from the entry before it.
    node.range![2] = emptyEnd(lines, row, start, parentIndent, isMapValue, next, !isMapValue && this.pending >= 0);
    this.value = null;
    this.pending = -1;
    return node;
  }

  /** A scalar or flow collection starting at `at` of `row`, a value in the collection at `parentIndent`. */
  private readInline(row: number, at: number, parentIndent: number): Node {
    const { lines } = this;
    const code = lines.text.charCodeAt(at);
    if (code === PIPE || code === GREATER) return this.readBlockScalar(row, at, parentIndent);
    let node: Node;
    let lastRow = row;
    if (code === OPEN_BRACKET || code === OPEN_BRACE) {
      const flow = new FlowOutline(lines, row, at, parentIndent);
      node = flow.readCollection(0);
      if (!lines.isLineEnd(flow.at, flow.end)) decline();
      lastRow = flow.row;
      this.value = flow.value;
    } else {
      const end = lines.ends[row]!;
      this.value = readLineScalar(lines, at, end);
      const quoted = code === DOUBLE_QUOTE || code === SINGLE_QUOTE;
      node = quoted ? scalarNode(this.value, quotedType(code), at, lines.cursor) : scalarNode(this.value, Scalar.PLAIN, at, this.plainEnd(at, end));
    }
    lines.next = lastRow + 1;
    const tail = leafTail(lines, lastRow, parentIndent);
    node.range![2] = tail.end;
    this.pending = tail.pending;
    return node;
  }

  /** Where a plain scalar that is the rest of its line from `at` ends (before a comment and trailing spaces). */
  private plainEnd(at: number, end: number): number {
    const { lines } = this;
    const comment = lines.commentFrom(at);
    return lines.trimSpacesEnd(at, comment !== -1 && comment < end ? comment : end);
  }

  /**
   * A block scalar: its source runs to its last content line's break (with `|+`, over the blank
   * lines after it too), and never takes a comment line.
   */
  private readBlockScalar(row: number, at: number, parentIndent: number): Scalar {
    const { lines } = this;
    const { text } = lines;
    this.value = readBlockScalar(lines, row, at, parentIndent);
    const next = lines.next;
    let end: number;
    if (text.charCodeAt(at + 1) === 0x2b) end = lines.starts[next]!; // `|+`: a following line exists, or yaml's rules differ
    else {
      let last = next - 1;
      while (lines.firsts[last] === lines.ends[last]) last--;
      end = afterLine(lines, last);
    }
    this.pending = pendingFrom(lines, next);
    return scalarNode(this.value, text.charCodeAt(at) === PIPE ? Scalar.BLOCK_LITERAL : Scalar.BLOCK_FOLDED, at, end);
  }
}
