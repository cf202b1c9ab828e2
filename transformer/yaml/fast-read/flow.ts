/**
 * Flow collections for the fast YAML reader: `[a, "b"]`, `{k: v}`, nested, over several lines,
 * trailing commas allowed. Continuation lines must be indented deeper than the block collection
 * holding the flow one (the outermost closing bracket may sit at its indent), as yaml requires.
 * Declines comments inside, keys without values, `[k: v]` pairs and multi-line scalars.
 */
import { CLOSE_BRACE, CLOSE_BRACKET, COLON, COMMA, DOUBLE_QUOTE, HASH, isFlowIndicatorCode, OPEN_BRACE, OPEN_BRACKET, SINGLE_QUOTE, SPACE } from './chars.js';
import { checkKeyLength, checkNewKey, decline, type Lines } from './lines.js';
import { readQuoted } from './scalars.js';
import { plainKeyName, resolvePlainScalar } from '../plain-scalar.js';

/** The flow collection opening at `at` of `row`, which must be the last thing on its final line; leaves the row after it in `lines.next`. */
export function readFlow(lines: Lines, row: number, at: number, parentIndent: number): unknown {
  const reader = new FlowReader(lines, row, at, parentIndent);
  const value = reader.readCollection(0);
  if (!lines.isLineEnd(reader.at, reader.end)) decline();
  lines.next = reader.row + 1;
  return value;
}

class FlowReader {
  /** The end of the cursor's line. */
  end: number;

  constructor(
    private readonly lines: Lines,
    public row: number,
    public at: number,
    private readonly parentIndent: number,
  ) {
    this.end = lines.ends[row]!;
  }

  private code(): number {
    return this.lines.text.charCodeAt(this.at);
  }

  /** `[...]` or `{...}` at the cursor; `depth` counts the collections around it. */
  readCollection(depth: number): unknown {
    const isMap = this.code() === OPEN_BRACE;
    const close = isMap ? CLOSE_BRACE : CLOSE_BRACKET;
    const value: unknown[] | Record<string, unknown> = isMap ? {} : [];
    this.at++;
    for (;;) {
      this.skipSpace(depth + 1);
      if (this.code() === close) break;
      if (isMap) this.readPair(value as Record<string, unknown>, depth + 1);
      else (value as unknown[]).push(this.readValue(depth + 1));
      this.skipSpace(depth + 1);
      if (this.code() === close) break;
      if (this.code() !== COMMA) decline();
      this.at++;
    }
    this.at++;
    return value;
  }

  private readPair(map: Record<string, unknown>, depth: number): void {
    const { lines } = this;
    const start = this.at;
    const first = this.code();
    let name: string;
    if (first === DOUBLE_QUOTE || first === SINGLE_QUOTE) {
      name = readQuoted(lines, start, this.end);
      this.at = lines.skipSpaces(lines.cursor);
      if (this.code() !== COLON) decline();
    } else {
      const text = this.scanPlain();
      if (this.code() !== COLON) decline();
      name = plainKeyName(text);
    }
    checkKeyLength(start, this.at);
    checkNewKey(map, name);
    this.at = lines.skipSpaces(this.at + 1);
    // The value must follow on the same line (an empty value or one on the next line declines).
    if (this.at === this.end) decline();
    map[name] = this.readValue(depth);
  }

  private readValue(depth: number): unknown {
    const code = this.code();
    if (code === OPEN_BRACKET || code === OPEN_BRACE) return this.readCollection(depth);
    if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) {
      const value = readQuoted(this.lines, this.at, this.end);
      this.at = this.lines.cursor;
      return value;
    }
    const text = this.scanPlain();
    if (this.code() === COLON) decline(); // a `k: v` pair inside `[...]`, or `{a: b: c}`
    return resolvePlainScalar(text);
  }

  /** A plain scalar up to a flow indicator, a `: ` or the line end; leaves the cursor there. */
  private scanPlain(): string {
    const { lines, end } = this;
    const { text } = lines;
    const start = this.at;
    if (!lines.canStartPlain(start, end, true)) decline();
    let i = start;
    for (; i < end; i++) {
      const code = text.charCodeAt(i);
      if (isFlowIndicatorCode(code)) break;
      if (code === COLON && (i + 1 === end || text.charCodeAt(i + 1) === SPACE || isFlowIndicatorCode(text.charCodeAt(i + 1)))) break;
      if (code === SPACE && text.charCodeAt(i + 1) === HASH) decline();
    }
    this.at = i;
    return text.slice(start, lines.trimSpacesEnd(start, i));
  }

  /** Skips spaces and line breaks inside the collection; `depth` is that of the enclosing collection. */
  private skipSpace(depth: number): void {
    const { lines } = this;
    for (;;) {
      this.at = lines.skipSpaces(this.at);
      if (this.at < this.end) {
        if (this.code() === HASH) decline();
        return;
      }
      if (!lines.has(++this.row)) decline();
      this.at = lines.firsts[this.row]!;
      this.end = lines.ends[this.row]!;
      const indent = lines.indent(this.row);
      if (this.at === this.end || indent > this.parentIndent) continue;
      const code = this.code();
      const closesOutermost = depth === 1 && indent === this.parentIndent && (code === CLOSE_BRACKET || code === CLOSE_BRACE);
      if (!closesOutermost) decline();
    }
  }
}
