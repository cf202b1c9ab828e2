/**
 * Shared pieces of the fast YAML reader (`fast-read.ts`): line and column helpers, and the way
 * out. Any construct outside the reader's subset calls `decline()`; `readPlainData` then answers
 * "not mine" and the caller uses the `yaml` package.
 */

/** One shared, stack-less object: declining unwinds the nested read without building an Error. */
const DECLINED = Object.freeze({ declined: true });

export function decline(): never {
  throw DECLINED;
}

export function isDecline(thrown: unknown): boolean {
  return thrown === DECLINED;
}

/** A read node and the row after its last line. */
export interface Read {
  value: unknown;
  next: number;
}

export function skipSpaces(line: string, col: number): number {
  while (line.charCodeAt(col) === 32) col++;
  return col;
}

export function indentOf(line: string): number {
  return skipSpaces(line, 0);
}

/** The text's lines with their indents, measured once (the block structure asks for them often). */
export class Lines {
  readonly text: string[];
  private readonly indents: Int32Array;

  constructor(source: string) {
    this.text = source.split('\n');
    if (this.text[this.text.length - 1] === '') this.text.pop(); // a final line break ends a line, it does not start one
    this.indents = new Int32Array(this.text.length);
    for (let row = 0; row < this.text.length; row++) this.indents[row] = indentOf(this.text[row]!);
  }

  get length(): number {
    return this.text.length;
  }

  line(row: number): string {
    return this.text[row]!;
  }

  indent(row: number): number {
    return this.indents[row]!;
  }

  /** Only spaces, or a comment: nothing for the block structure. */
  isBlank(row: number): boolean {
    const line = this.text[row]!;
    const indent = this.indents[row]!;
    return indent === line.length || line.charCodeAt(indent) === 35; // '#'
  }

  /** Whether a comment line lies in rows `from` to `to` (excluded). */
  hasComment(from: number, to: number): boolean {
    for (let row = from; row < to; row++) if (this.indents[row]! < this.text[row]!.length) return true;
    return false;
  }

  /** The first row from `row` on with content (`length` when none). */
  nextContentRow(row: number): number {
    while (row < this.text.length && this.isBlank(row)) row++;
    return row;
  }
}

/** Whether only spaces and maybe a comment follow `col` (a comment needs a space before its `#`). */
export function isLineEnd(line: string, col: number): boolean {
  const end = skipSpaces(line, col);
  return end === line.length || (end > col && line[end] === '#');
}

/** `-` followed by a space or the line end: a block sequence entry. */
export function isSeqEntry(line: string, col: number): boolean {
  return line[col] === '-' && (col + 1 === line.length || line[col + 1] === ' ');
}

const NEVER_PLAIN_START = new Set(',[]{}#&*!|>\'"%@`');
const FLOW_INDICATORS = new Set(',[]{}');

/** Whether a plain scalar may start at `col` (`-`, `?` and `:` only when glued to what follows). */
export function canStartPlain(line: string, col: number, inFlow: boolean): boolean {
  const ch = line[col];
  if (ch === undefined || NEVER_PLAIN_START.has(ch)) return false;
  if (ch !== '-' && ch !== '?' && ch !== ':') return true;
  const next = line[col + 1];
  return next !== undefined && next !== ' ' && !(inFlow && FLOW_INDICATORS.has(next));
}

export function isFlowIndicator(ch: string | undefined): boolean {
  return ch !== undefined && FLOW_INDICATORS.has(ch);
}

/** `text` without trailing spaces (only spaces: other whitespace belongs to the scalar). */
export function trimSpacesEnd(text: string): string {
  let end = text.length;
  while (text.charCodeAt(end - 1) === 32) end--;
  return text.slice(0, end);
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
