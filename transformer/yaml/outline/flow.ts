/**
 * Flow collections for the outline reader (`read.ts`): the fast reader's `FlowReader`
 * (`../fast-read/flow.ts`, same subset, same declines) building `yaml` nodes with yaml's ranges as
 * well as the plain value. Inside a flow collection, `range[2]` is `range[1]` (yaml's runs on over
 * the spaces and line breaks before the next `,` or bracket; nothing reads it).
 */
import { Scalar, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { CLOSE_BRACE, CLOSE_BRACKET, COLON, COMMA, DOUBLE_QUOTE, HASH, isFlowIndicatorCode, OPEN_BRACE, OPEN_BRACKET, SINGLE_QUOTE, SPACE } from '../fast-read/chars.js';
import { checkKeyLength, checkNewKey, decline, type Lines } from '../fast-read/lines.js';
import { readQuoted } from '../fast-read/scalars.js';
import { mapNode, pairNode, quotedType, scalarNode, seqNode } from './nodes.js';
import { plainKeyName, resolvePlainScalar } from '../plain-scalar.js';

export class FlowOutline {
  /** The end of the cursor's line. */
  end: number;
  /** The plain value of the node read last. */
  value: unknown = null;

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
  readCollection(depth: number): YAMLMap | YAMLSeq {
    const open = this.at;
    const isMap = this.code() === OPEN_BRACE;
    const close = isMap ? CLOSE_BRACE : CLOSE_BRACKET;
    const node = isMap ? mapNode() : seqNode();
    node.flow = true;
    const value: unknown[] | Record<string, unknown> = isMap ? {} : [];
    this.at++;
    for (;;) {
      this.skipSpace(depth + 1);
      if (this.code() === close) break;
      if (isMap) this.readPair(node as YAMLMap, value as Record<string, unknown>, depth + 1);
      else {
        (node as YAMLSeq).items.push(this.readValue(depth + 1));
        (value as unknown[]).push(this.value);
      }
      this.skipSpace(depth + 1);
      if (this.code() === close) break;
      if (this.code() !== COMMA) decline();
      this.at++;
    }
    this.at++;
    node.range = [open, this.at, this.at];
    this.value = value;
    return node;
  }

  private readPair(node: YAMLMap, map: Record<string, unknown>, depth: number): void {
    const { lines } = this;
    const start = this.at;
    const first = this.code();
    let name: string;
    let key: Scalar;
    if (first === DOUBLE_QUOTE || first === SINGLE_QUOTE) {
      name = readQuoted(lines, start, this.end);
      key = scalarNode(name, quotedType(first), start, lines.cursor);
      this.at = lines.skipSpaces(lines.cursor);
      if (this.code() !== COLON) decline();
    } else {
      const text = this.scanPlain();
      if (this.code() !== COLON) decline();
      name = plainKeyName(text);
      key = scalarNode(resolvePlainScalar(text), Scalar.PLAIN, start, start + text.length);
    }
    checkKeyLength(start, this.at);
    checkNewKey(map, name);
    this.at = lines.skipSpaces(this.at + 1);
    // The value must follow on the same line (an empty value or one on the next line declines).
    if (this.at === this.end) decline();
    const value = this.readValue(depth);
    map[name] = this.value;
    node.items.push(pairNode(key, value));
  }

  private readValue(depth: number): Node {
    const code = this.code();
    if (code === OPEN_BRACKET || code === OPEN_BRACE) return this.readCollection(depth);
    const start = this.at;
    if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) {
      this.value = readQuoted(this.lines, start, this.end);
      this.at = this.lines.cursor;
      return scalarNode(this.value, quotedType(code), start, this.at);
    }
    const text = this.scanPlain();
    if (this.code() === COLON) decline(); // a `k: v` pair inside `[...]`, or `{a: b: c}`
    this.value = resolvePlainScalar(text);
    return scalarNode(this.value, Scalar.PLAIN, start, start + text.length);
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
