/**
 * Where `yaml` ends nodes (`range[2]`, and so a collection's `range[1]`, which is its last value's
 * `range[2]`): which blank and comment lines after a node its parser gives to that node. The rules
 * follow yaml 2.x's parser (`parse/parser.js`: `blockMap`, `blockSequence`, `pop`,
 * `atIndentedComment`) and composer (`resolveBlockMap`, `emptyScalarPosition`), for the outline
 * reader's subset; test/transformer/yaml/outline/ compares them with yaml on random documents.
 *
 * "Trivia" are the lines between a node and the next content line `L`: blank, whitespace-only and
 * comment lines. `Lpos` is where `L`'s content starts (the end of the text read when there is no `L`).
 */
import type { Lines } from '../fast-read/lines.js';

/** The end of `row` with its line break. */
export function afterLine(lines: Lines, row: number): number {
  return Math.min(lines.ends[row]! + 1, lines.text.length);
}

/** `Lpos` for the next content row `row`. */
export function contentStart(lines: Lines, row: number): number {
  return lines.has(row) ? lines.firsts[row]! : lines.text.length;
}

function isComment(lines: Lines, row: number): boolean {
  return lines.firsts[row]! < lines.ends[row]!;
}

/** A node's `range[2]` and the deepest comment line among the trivia after it that it left over (-1: none). */
interface Tail {
  end: number;
  pending: number;
}

/**
 * A scalar or flow collection ending on `row`, a value in the block collection at column
 * `parentCol` (-1: the document's root). Its end takes its line's comment and line break, then
 * every comment line indented deeper than its collection until a comment line that is not (blank
 * lines between them included, the blank lines after them not); comment lines after that are
 * left over.
 */
export function leafTail(lines: Lines, row: number, parentCol: number): Tail {
  let end = afterLine(lines, row);
  let pending = -1;
  let merging = parentCol >= 0;
  for (let r = row + 1; lines.has(r) && lines.isBlank(r); r++) {
    if (!isComment(lines, r)) continue;
    const indent = lines.indent(r);
    if (merging && indent > parentCol) end = afterLine(lines, r);
    else {
      merging = false;
      if (indent > pending) pending = indent;
    }
  }
  return { end, pending };
}

/** The deepest comment line among the trivia from `row` on (a block scalar's, or a collection's, leftovers). */
export function pendingFrom(lines: Lines, row: number): number {
  let pending = -1;
  for (let r = row; lines.has(r) && lines.isBlank(r); r++) if (isComment(lines, r) && lines.indent(r) > pending) pending = lines.indent(r);
  return pending;
}

/**
 * The end of an empty value (`key:` or `-` with nothing after it; `position` is just past the
 * indicator and the spaces after it) on `row`, in the collection at `col`; `next` is the next
 * content row. Every trivia line after it goes to the empty node, which ends where they end if a
 * comment is among them or on its own line (or, for a sequence entry, among the trivia before its
 * `-` that no other node took: `commentBefore`), else at `position`. Except for a mapping value
 * followed by the mapping's next key: yaml then hands the lines from the second line break after
 * the last comment indented deeper than the mapping on to that key.
 */
export function emptyEnd(lines: Lines, row: number, position: number, col: number, isMapValue: boolean, next: number, commentBefore: boolean): number {
  const sameLineComment = position < lines.ends[row]!; // only a comment can follow
  let last = next - 1; // the last trivia row the empty node takes
  let end = contentStart(lines, next);
  if (isMapValue && lines.has(next) && lines.indent(next) === col) {
    let lastDeep = row;
    for (let r = row + 1; r < next; r++) if (isComment(lines, r) && lines.indent(r) > col) lastDeep = r;
    if (next - lastDeep >= 2) {
      last = lastDeep + 1;
      end = lines.ends[last]!;
    }
  }
  let hasComment = sameLineComment || commentBefore;
  for (let r = row + 1; r <= last && !hasComment; r++) hasComment = isComment(lines, r);
  return hasComment ? end : position;
}

/**
 * Whether a block collection at `col`, closed by the next content line, keeps the trivia before
 * that line whose deepest comment is at `pending`: yaml keeps them (and the collection's
 * `range[2]` then runs to `Lpos`) when the collection is indented and one of those comments is at
 * least as indented; else they move on to the enclosing collection.
 */
export function keepsTrivia(col: number, pending: number): boolean {
  return col > 0 && pending >= col;
}
