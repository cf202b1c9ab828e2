/**
 * Shared pieces of the fast YAML reader (`fast-read.ts`): the text with its line table, the
 * character tests the readers share, and the way out. Readers work on absolute positions in the
 * text and on char codes (no line strings, no one-character strings). Any construct outside the
 * reader's subset calls `decline()`; `readPlainData` then answers "not mine" and the caller uses
 * the `yaml` package.
 */
import { COLON, DASH, HASH, isFlowIndicatorCode, neverStartsPlain, QUESTION, SPACE } from './chars.js';
import type { BlockCache } from './block-cache.js';

/** One shared, stack-less object: declining unwinds the nested read without building an Error. */
const DECLINED = Object.freeze({ declined: true });

export function decline(): never {
  throw DECLINED;
}

export function isDecline(thrown: unknown): boolean {
  return thrown === DECLINED;
}

/**
 * The text and its lines (start, first non-space and end positions), found as reading reaches
 * them (`has`); the text has no unusual characters (`subset.ts`). Rows are the table's indexes: a block
 * taken from the cache (`skipTo`) takes one row, its first. Readers hand results back through the
 * fields `next` (the row after the node read last) and `cursor` (the position after the token read
 * last) rather than allocating pairs.
 */
export class Lines {
  readonly starts: number[] = [];
  /** Position of each line's first non-space character (its end for a whitespace-only line). */
  readonly firsts: number[] = [];
  /** Position of each line's line break (or the text's end). */
  readonly ends: number[] = [];
  next = 0;
  cursor = 0;
  /** Text lines taken from the cache beyond the one row each such block takes. */
  skippedLines = 0;
  /** Where the line after the last row in the table starts. */
  private scanAt = 0;
  // Memos of `colonFrom` and `commentFrom`: where the last search started and what it found.
  private colonSearch = Infinity;
  private colonFound = -1;
  private commentSearch = Infinity;
  private commentFound = -1;

  /** `blocks`: the caller's cache of block nodes read before, if any (`block-cache.ts`). */
  constructor(
    readonly text: string,
    readonly blocks?: BlockCache,
  ) {}

  /** Whether `row` exists: adds the lines up to it to the table (a final line break ends a line, it does not start one). */
  has(row: number): boolean {
    if (row < this.starts.length) return true;
    const { text, starts, firsts, ends } = this;
    while (starts.length <= row) {
      const start = this.scanAt;
      if (start >= text.length) return false;
      let end = text.indexOf('\n', start);
      if (end === -1) end = text.length;
      let first = start;
      while (text.charCodeAt(first) === SPACE) first++;
      starts.push(start);
      firsts.push(first);
      ends.push(end);
      this.scanAt = end + 1;
    }
    return true;
  }

  /** Whether `row` is the last row in the table (no line after it has been looked at). */
  isLastRow(row: number): boolean {
    return row === this.starts.length - 1;
  }

  /** Makes the line starting at `at` the row after `row` (the last row): the lines before it were read from the cache. */
  skipTo(row: number, at: number, lines: number): void {
    this.scanAt = at;
    this.next = row + 1;
    this.skippedLines += lines - 1;
  }

  indent(row: number): number {
    return this.firsts[row]! - this.starts[row]!;
  }

  /** Only spaces, or a comment: nothing for the block structure. */
  isBlank(row: number): boolean {
    const first = this.firsts[row]!;
    return first === this.ends[row]! || this.text.charCodeAt(first) === HASH;
  }

  /** Whether a comment line lies in rows `from` to `to` (excluded). */
  hasComment(from: number, to: number): boolean {
    for (let row = from; row < to; row++) if (this.firsts[row]! < this.ends[row]!) return true;
    return false;
  }

  /** The first row from `row` on with content (one that does not exist, `has` false, when none). */
  nextContentRow(row: number): number {
    while (this.has(row) && this.isBlank(row)) row++;
    return row;
  }

  /**
   * The first `:` at or after `at`, or -1. Memoized: reading moves forward, so the text is
   * searched (natively) about once, however far the next `:` lies.
   */
  colonFrom(at: number): number {
    if (at < this.colonSearch || (this.colonFound !== -1 && this.colonFound < at)) {
      this.colonSearch = at;
      this.colonFound = this.text.indexOf(':', at);
    }
    return this.colonFound;
  }

  /** The first ` #` (a comment start after content) at or after `at`, or -1; memoized as `colonFrom` is. */
  commentFrom(at: number): number {
    if (at < this.commentSearch || (this.commentFound !== -1 && this.commentFound < at)) {
      this.commentSearch = at;
      // Search the rare `#`, not ` #`: a search for the pair stops at every space of the indentation.
      let hash = this.text.indexOf('#', at + 1);
      while (hash !== -1 && this.text.charCodeAt(hash - 1) !== SPACE) hash = this.text.indexOf('#', hash + 1);
      this.commentFound = hash === -1 ? -1 : hash - 1;
    }
    return this.commentFound;
  }

  skipSpaces(at: number): number {
    const { text } = this;
    while (text.charCodeAt(at) === SPACE) at++;
    return at;
  }

  /** Whether only spaces and maybe a comment follow `at` before `end` (a comment needs a space before its `#`). */
  isLineEnd(at: number, end: number): boolean {
    const after = this.skipSpaces(at);
    return after === end || (after > at && this.text.charCodeAt(after) === HASH);
  }

  /** `-` followed by a space or the line end: a block sequence entry. */
  isSeqEntry(at: number, end: number): boolean {
    return this.text.charCodeAt(at) === DASH && (at + 1 === end || this.text.charCodeAt(at + 1) === SPACE);
  }

  /** Whether a plain scalar may start at `at` (`-`, `?` and `:` only when glued to what follows). */
  canStartPlain(at: number, end: number, inFlow: boolean): boolean {
    if (at >= end) return false;
    const code = this.text.charCodeAt(at);
    if (neverStartsPlain(code)) return false;
    if (code !== DASH && code !== QUESTION && code !== COLON) return true;
    if (at + 1 === end) return false;
    const next = this.text.charCodeAt(at + 1);
    return next !== SPACE && !(inFlow && isFlowIndicatorCode(next));
  }

  /** The end of `from..to` without trailing spaces (only spaces: other whitespace belongs to the scalar). */
  trimSpacesEnd(from: number, to: number): number {
    while (to > from && this.text.charCodeAt(to - 1) === SPACE) to--;
    return to;
  }
}

/** The JS property name is safe to add to a plain-object mapping (not a duplicate, not magic). */
export function checkNewKey(map: Record<string, unknown>, name: string): void {
  // yaml rejects duplicate keys; keys that differ in YAML but name the same property, `__proto__`
  // (set via defineProperty by yaml) and merge keys are left to yaml too.
  if (name === '__proto__' || name === '<<' || Object.hasOwn(map, name)) decline();
}

/** yaml (strict) rejects implicit keys longer than 1024 characters; stay well below. */
export function checkKeyLength(start: number, end: number): void {
  if (end - start > 1000) decline();
}
