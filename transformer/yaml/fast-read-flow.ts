/**
 * Flow collections for the fast YAML reader: `[a, "b"]`, `{k: v}`, nested, over several lines,
 * trailing commas allowed. Continuation lines must be indented deeper than the block collection
 * holding the flow one (the outermost closing bracket may sit at its indent), as yaml requires.
 * Declines comments inside, keys without values, `[k: v]` pairs and multi-line scalars.
 */
import { canStartPlain, checkKeyLength, checkNewKey, decline, isFlowIndicator, isLineEnd, skipSpaces, trimSpacesEnd, type Lines, type Read } from './fast-read-lines.js';
import { readQuoted } from './fast-read-scalars.js';
import { plainKeyName, resolvePlainScalar } from './plain-scalar.js';

/** The flow collection opening at `col` of `row`, which must be the last thing on its final line. */
export function readFlow(lines: Lines, row: number, col: number, parentIndent: number): Read {
  const reader = new FlowReader(lines, row, col, parentIndent);
  const value = reader.readCollection(0);
  if (!isLineEnd(reader.line, reader.col)) decline();
  return { value, next: reader.row + 1 };
}

class FlowReader {
  line: string;

  constructor(
    private readonly lines: Lines,
    public row: number,
    public col: number,
    private readonly parentIndent: number,
  ) {
    this.line = lines.line(row);
  }

  /** `[...]` or `{...}` at the cursor; `depth` counts the collections around it. */
  readCollection(depth: number): unknown {
    const isMap = this.line[this.col] === '{';
    const close = isMap ? '}' : ']';
    const value: unknown[] | Record<string, unknown> = isMap ? {} : [];
    this.col++;
    for (;;) {
      this.skipSpace(depth + 1);
      if (this.line[this.col] === close) break;
      if (isMap) this.readPair(value as Record<string, unknown>, depth + 1);
      else (value as unknown[]).push(this.readValue(depth + 1));
      this.skipSpace(depth + 1);
      if (this.line[this.col] === close) break;
      if (this.line[this.col] !== ',') decline();
      this.col++;
    }
    this.col++;
    return value;
  }

  private readPair(map: Record<string, unknown>, depth: number): void {
    const start = this.col;
    let name: string;
    if (this.line[start] === '"' || this.line[start] === "'") {
      const quoted = readQuoted(this.line, start);
      name = quoted.value;
      this.col = skipSpaces(this.line, quoted.end);
      if (this.line[this.col] !== ':') decline();
    } else {
      const text = this.scanPlain();
      if (this.line[this.col] !== ':') decline();
      name = plainKeyName(text);
    }
    checkKeyLength(start, this.col);
    checkNewKey(map, name);
    this.col = skipSpaces(this.line, this.col + 1);
    // The value must follow on the same line (an empty value or one on the next line declines).
    if (this.col === this.line.length) decline();
    map[name] = this.readValue(depth);
  }

  private readValue(depth: number): unknown {
    const ch = this.line[this.col];
    if (ch === '[' || ch === '{') return this.readCollection(depth);
    if (ch === '"' || ch === "'") {
      const quoted = readQuoted(this.line, this.col);
      this.col = quoted.end;
      return quoted.value;
    }
    const text = this.scanPlain();
    if (this.line[this.col] === ':') decline(); // a `k: v` pair inside `[...]`, or `{a: b: c}`
    return resolvePlainScalar(text);
  }

  /** A plain scalar up to a flow indicator, a `: ` or the line end; leaves the cursor there. */
  private scanPlain(): string {
    const { line } = this;
    const start = this.col;
    if (!canStartPlain(line, start, true)) decline();
    let i = start;
    for (; i < line.length; i++) {
      const ch = line[i];
      if (isFlowIndicator(ch)) break;
      if (ch === ':' && (i + 1 === line.length || line[i + 1] === ' ' || isFlowIndicator(line[i + 1]))) break;
      if (ch === ' ' && line[i + 1] === '#') decline();
    }
    this.col = i;
    return trimSpacesEnd(line.slice(start, i));
  }

  /** Skips spaces and line breaks inside the collection; `depth` is that of the enclosing collection. */
  private skipSpace(depth: number): void {
    for (;;) {
      this.col = skipSpaces(this.line, this.col);
      if (this.col < this.line.length) {
        if (this.line[this.col] === '#') decline();
        return;
      }
      if (++this.row === this.lines.length) decline();
      this.line = this.lines.line(this.row);
      const indent = this.lines.indent(this.row);
      this.col = indent;
      if (indent === this.line.length || indent > this.parentIndent) continue;
      const closesOutermost = depth === 1 && indent === this.parentIndent && (this.line[indent] === ']' || this.line[indent] === '}');
      if (!closesOutermost) decline();
    }
  }
}
