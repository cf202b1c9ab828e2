/**
 * A cache of block nodes for the fast YAML reader, owned by the caller and passed on every read:
 * template outputs differ from pod to pod in a few lines only, so whole blocks (volumes, probes,
 * most env entries) are read once and then found by their text.
 *
 * A block mapping or sequence starting at column `col` of a row ends at the next content row
 * (not blank, not a comment) indented less than `col` or, for a sequence at its key's own indent
 * (`key:\n- a`), at `col` but not a `-` entry (an ordinary sequence declines there, a mapping
 * reads a key). The reader never looks past that row, at it only for that, nor before `col` on
 * the first row. So the value depends only on:
 * - the text from `col` of the first row up to that row, blank and comment lines included
 *   (keep-chomping `|+` scalars count trailing blank lines);
 * - `col` (later rows' indentation is compared with it) and the kind (`BLOCK_*`);
 * - whether the block runs to the end of the text (then `|+` and scalars without content decline).
 * Comment lines before the block (`afterComment`) and `parentIndent` only matter for scalars and
 * flow collections, which are not cached as blocks.
 *
 * Entries are found by the block's first line; a candidate matches when the text continues with
 * its whole text and then an ending row as above. A hit costs a short hash and a native compare,
 * and the block's lines are never split (`Lines.skipTo`).
 */
import { DASH, HASH, NEWLINE, SPACE } from './chars.js';
import { settle } from '../../data/frozen-data.js';

export const BLOCK_MAP = 0;
export const BLOCK_SEQ = 1;
export const BLOCK_SAME_INDENT_SEQ = 2;

/** Smaller blocks are not stored: reading two lines costs about what a lookup does. */
const MIN_LINES = 3;
/** Bigger blocks are not stored: they rarely repeat whole. */
const MAX_BLOCK_CHARS = 1024;
/** Entries kept per first line (the same first line may start different blocks). */
const MAX_PER_HEAD = 4;
/** Bounds of the cache; when one is reached, entries not found since the last time are dropped. */
const MAX_ENTRIES = 4096;
const MAX_TOTAL_CHARS = 1 << 20;

interface Entry {
  /** The block's text, from its first row's `col` up to its ending row (or the end of the text). */
  readonly text: string;
  readonly col: number;
  readonly kind: number;
  readonly atEnd: boolean;
  /** Deep-frozen. */
  readonly value: unknown;
  /** Text lines in the block. */
  readonly lines: number;
  hits: number;
}

export class BlockCache {
  /** Entries by their block's first line. */
  readonly heads = new Map<string, Entry[]>();
  size = 0;
  totalChars = 0;
  hits = 0;
  misses = 0;

  store(head: string, entry: Entry): void {
    if (this.size >= MAX_ENTRIES || this.totalChars + entry.text.length > MAX_TOTAL_CHARS) this.evict();
    let bucket = this.heads.get(head);
    if (bucket === undefined) this.heads.set(detached(head), (bucket = []));
    if (bucket.length < MAX_PER_HEAD) {
      bucket.push(entry);
    } else {
      // Replace the least found: blocks that differ from pod to pod are never found again.
      let least = 0;
      for (let i = 1; i < bucket.length; i++) if (bucket[i]!.hits < bucket[least]!.hits) least = i;
      this.size--;
      this.totalChars -= bucket[least]!.text.length;
      bucket[least] = entry;
    }
    this.size++;
    this.totalChars += entry.text.length;
  }

  /** Drops the entries not found since the last eviction; clears all if that frees too little. */
  private evict(): void {
    for (const [head, bucket] of this.heads) {
      const kept = bucket.filter((entry) => entry.hits > 0);
      for (const entry of bucket) {
        if (entry.hits === 0) this.totalChars -= entry.text.length;
        entry.hits = 0;
      }
      this.size -= bucket.length - kept.length;
      if (kept.length === 0) this.heads.delete(head);
      else this.heads.set(head, kept);
    }
    if (this.size >= MAX_ENTRIES / 2 || this.totalChars > MAX_TOTAL_CHARS / 2) {
      this.heads.clear();
      this.size = 0;
      this.totalChars = 0;
    }
  }
}

export function createBlockCache(): BlockCache {
  return new BlockCache();
}

/** A copy of a slice: a slice keeps its whole source text alive. Appending flattens, slicing the flat copy copies no more. */
function detached(slice: string): string {
  return `${slice} `.slice(0, -1);
}

/** What a cached read needs of the reader's line table (`Lines` in `lines.ts`). */
interface BlockSource {
  readonly blocks?: BlockCache;
  readonly text: string;
  readonly starts: readonly number[];
  readonly ends: readonly number[];
  readonly next: number;
  readonly skippedLines: number;
  has(row: number): boolean;
  isLastRow(row: number): boolean;
  skipTo(row: number, at: number, lines: number): void;
}

type BlockReader<S extends BlockSource, A> = (lines: S, row: number, col: number, arg: A) => unknown;

/**
 * The block of kind `kind` at `col` of `row`, as `read(lines, row, col, arg)` reads it, from
 * `lines.blocks` when seen before; leaves the row after it in `lines.next` either way. Values
 * read here are settled (deep-frozen) whether stored or not, as values found here are.
 */
export function readCached<S extends BlockSource, A>(lines: S, row: number, col: number, kind: number, read: BlockReader<S, A>, arg: A): unknown {
  const cache = lines.blocks!;
  const { text } = lines;
  const at = lines.starts[row]! + col;
  const head = text.slice(at, lines.ends[row]!);
  const bucket = cache.heads.get(head);
  // Only when no later line is in the table yet (none is when a block starts: reading goes forward).
  if (bucket !== undefined && lines.isLastRow(row)) {
    for (const entry of bucket) {
      if (entry.col !== col || entry.kind !== kind || !matches(text, at, entry)) continue;
      entry.hits++;
      cache.hits++;
      lines.skipTo(row, at + entry.text.length, entry.lines);
      return entry.value;
    }
  }
  cache.misses++;
  const skipped = lines.skippedLines;
  const value = settle(read(lines, row, col, arg));
  const next = lines.next;
  const atEnd = !lines.has(next);
  const end = atEnd ? text.length : lines.starts[next]!;
  const lineCount = next - row + lines.skippedLines - skipped;
  if (lineCount >= MIN_LINES && end - at <= MAX_BLOCK_CHARS) {
    cache.store(head, { text: detached(text.slice(at, end)), col, kind, atEnd, value, lines: lineCount, hits: 0 });
  }
  return value;
}

/** Whether `text` holds the entry's block at `at`, ending the same way. */
function matches(text: string, at: number, entry: Entry): boolean {
  const end = at + entry.text.length;
  if (entry.atEnd ? end !== text.length : end >= text.length || !endsBlock(text, end, entry.col, entry.kind)) return false;
  // A slice compared with `===` runs as a memory compare; `startsWith` goes character by character.
  return text.slice(at, end) === entry.text;
}

/** Whether the line starting at `start` ends a block of kind `kind` at `col` (see above). */
function endsBlock(text: string, start: number, col: number, kind: number): boolean {
  let first = start;
  while (text.charCodeAt(first) === SPACE) first++;
  const code = text.charCodeAt(first);
  if (first === text.length || code === NEWLINE || code === HASH) return false; // blank or comment
  const indent = first - start;
  if (indent !== col) return indent < col;
  if (kind !== BLOCK_SAME_INDENT_SEQ) return false;
  // Not a `-` entry: `-` followed by a space, a line break or the end.
  const after = text.charCodeAt(first + 1);
  return !(code === DASH && (first + 1 === text.length || after === SPACE || after === NEWLINE));
}
