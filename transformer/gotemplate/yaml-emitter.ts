/**
 * The go-yaml v3 emitter for JSON-shaped data, as sigs.k8s.io/yaml configures it: block style,
 * 2-space indent, compact sequences, width 80. Scalar styles and line folding follow libyaml's
 * analysis (plain, 'single', "double", literal `|`).
 */
import { chargeSteps, type SizeMeter } from './limits.js';
import { canBePlain } from './yaml-resolve.js';
import { byteLength, runeCount } from './utf8.js';

/** A marshalled value: maps with keys in order, sequences, plain scalars, strings to style. */
export type YNode =
  | { kind: 'map'; entries: [string, YNode][] }
  | { kind: 'seq'; items: YNode[] }
  | { kind: 'plain'; text: string }
  | { kind: 'string'; text: string };

const BEST_WIDTH = 80;
const BEST_INDENT = 2;

interface Analysis {
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

const isBreak = (c: string | undefined): boolean => c === '\n' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';
const isBlankz = (c: string | undefined): boolean => c === undefined || isBlank(c) || isBreak(c) || c === '\0';

/** libyaml `is_printable` (BMP only; astral characters count as special). */
function isPrintable(c: string): boolean {
  const cp = c.codePointAt(0) ?? 0;
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff)
  );
}

function analyze(value: string): Analysis {
  if (value === '') return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  const chars = [...value];
  let blockIndicators = value.startsWith('---') || value.startsWith('...');
  let lineBreaks = false;
  let special = false;
  let tabs = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let precededByWhitespace = true;
  let previousSpace = false;
  let previousBreak = false;
  chars.forEach((c, i) => {
    const followedByWhitespace = isBlankz(chars[i + 1]);
    const last = i === chars.length - 1;
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) blockIndicators = true;
      else if ((c === '?' || c === ':' || c === '-') && followedByWhitespace) blockIndicators = true;
    } else if (c === ':' && followedByWhitespace) blockIndicators = true;
    else if (c === '#' && precededByWhitespace) blockIndicators = true;
    if (c === '\t') tabs = true;
    else if (!isPrintable(c)) special = true;
    if (c === ' ') {
      if (i === 0) leadingSpace = true;
      if (last) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (last) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankz(c);
  });
  const a: Analysis = { multiline: lineBreaks, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) a.blockPlainAllowed = false;
  if (trailingSpace) a.blockAllowed = false;
  if (breakSpace) {
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
  }
  if (spaceBreak || tabs || special) {
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
  }
  if (spaceBreak || special) a.blockAllowed = false;
  if (lineBreaks) a.blockPlainAllowed = false;
  if (blockIndicators) a.blockPlainAllowed = false;
  return a;
}

type Style = 'plain' | 'single' | 'double' | 'literal';

/** Styles already chosen, by key and by text (it depends on nothing else; templates emit the same texts again and again). */
const STYLES = { key: new Map<string, Style>(), value: new Map<string, Style>() };
const MAX_REMEMBERED_STYLES = 10_000;
const MAX_REMEMBERED_LENGTH = 256;

function selectStyle(text: string, isString: boolean, simpleKey: boolean): Style {
  if (!isString) return 'plain';
  if (text.length > MAX_REMEMBERED_LENGTH) return analyzeStyle(text, simpleKey);
  const remembered = simpleKey ? STYLES.key : STYLES.value;
  let style = remembered.get(text);
  if (style === undefined) {
    style = analyzeStyle(text, simpleKey);
    if (remembered.size >= MAX_REMEMBERED_STYLES) remembered.clear();
    remembered.set(text, style);
  }
  return style;
}

function analyzeStyle(text: string, simpleKey: boolean): Style {
  const a = analyze(text);
  let style: Style = text.includes('\n') ? 'literal' : canBePlain(text) ? 'plain' : 'double';
  if (simpleKey && a.multiline) style = 'double';
  if (style === 'plain') {
    if (!a.blockPlainAllowed) style = 'single';
    if (text === '' && simpleKey) style = 'single';
  }
  if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
  if (style === 'literal' && (!a.blockAllowed || simpleKey)) style = 'double';
  return style;
}

const DOUBLE_ESCAPES: Readonly<Record<string, string>> = {
  '\0': '\\0',
  '\x07': '\\a',
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\v': '\\v',
  '\f': '\\f',
  '\r': '\\r',
  '\x1b': '\\e',
  '"': '\\"',
  '\\': '\\\\',
  '\u0085': '\\N',
  '\u00a0': '\\_',
  '\u2028': '\\L',
  '\u2029': '\\P',
};

export class Emitter {
  out = '';
  column = 0;
  whitespace = true;
  indention = true;

  /** `size` bounds the text: indentation can make it much longer than what the tree counted. */
  constructor(private readonly size?: SizeMeter) {}

  put(s: string): void {
    this.out += s;
    this.column += s.length === 1 ? 1 : runeCount(s);
  }

  putBreak(): void {
    // Every line ends here; a line without a break is at most one scalar, already counted.
    this.size?.check(this.out.length);
    this.out += '\n';
    this.column = 0;
    this.indention = true;
  }

  writeIndent(indent: number): void {
    const target = Math.max(indent, 0);
    if (!this.indention || this.column > target || (this.column === target && !this.whitespace)) this.putBreak();
    while (this.column < target) this.put(' ');
    this.whitespace = true;
  }

  writeIndicator(indicator: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.put(indicator);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  scalar(text: string, isString: boolean, indent: number, simpleKey: boolean): void {
    const style = selectStyle(text, isString, simpleKey);
    const allowBreaks = !simpleKey;
    switch (style) {
      case 'plain':
        return this.writePlain(text, indent, allowBreaks);
      case 'single':
        return this.writeSingle(text, indent, allowBreaks);
      case 'double':
        return this.writeDouble(text, indent, allowBreaks);
      case 'literal':
        return this.writeLiteral(text, indent);
    }
  }

  private writePlain(text: string, indent: number, allowBreaks: boolean): void {
    if (text !== '' && !this.whitespace) this.put(' ');
    if (!text.includes(' ')) {
      // Only spaces can become line breaks: the text goes out as it is.
      this.put(text);
      this.whitespace = false;
      this.indention = false;
      return;
    }
    const chars = [...text];
    chargeSteps(chars.length);
    let spaces = false;
    chars.forEach((c, i) => {
      if (c === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && chars[i + 1] !== ' ') this.writeIndent(indent);
        else this.put(c);
        spaces = true;
      } else {
        this.put(c);
        this.indention = false;
        spaces = false;
      }
    });
    this.whitespace = false;
    this.indention = false;
  }

  private writeSingle(text: string, indent: number, allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    const chars = [...text];
    chargeSteps(chars.length);
    let spaces = false;
    chars.forEach((c, i) => {
      if (c === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < chars.length - 1 && chars[i + 1] !== ' ') {
          this.writeIndent(indent);
        } else this.put(c);
        spaces = true;
      } else {
        if (c === "'") this.put("'");
        this.put(c);
        this.indention = false;
        spaces = false;
      }
    });
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeDouble(text: string, indent: number, allowBreaks: boolean): void {
    this.writeIndicator('"', true, false, false);
    const chars = [...text];
    chargeSteps(chars.length);
    let spaces = false;
    chars.forEach((c, i) => {
      if (!isPrintable(c) || c === '\ufeff' || isBreak(c) || c === '"' || c === '\\') {
        const escape = DOUBLE_ESCAPES[c];
        if (escape !== undefined) this.put(escape);
        else {
          const cp = c.codePointAt(0) ?? 0;
          const hex = cp.toString(16).toUpperCase();
          if (cp <= 0xff) this.put('\\x' + hex.padStart(2, '0'));
          else if (cp <= 0xffff) this.put('\\u' + hex.padStart(4, '0'));
          else this.put('\\U' + hex.padStart(8, '0'));
        }
        spaces = false;
      } else if (c === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < chars.length - 1) {
          this.writeIndent(indent);
          if (chars[i + 1] === ' ') this.put('\\');
        } else this.put(c);
        spaces = true;
      } else {
        this.put(c);
        spaces = false;
      }
    });
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeLiteral(text: string, indent: number): void {
    this.writeIndicator('|', true, false, false);
    const chars = [...text];
    chargeSteps(chars.length);
    if (chars[0] === ' ' || isBreak(chars[0])) this.put(String(BEST_INDENT));
    let chomp = '';
    const last = chars.length - 1;
    if (!isBreak(chars[last])) chomp = '-';
    else if (last === 0 || isBreak(chars[last - 1])) chomp = '+';
    this.put(chomp);
    // go-yaml v3 ends the header line itself, so leading line breaks are content.
    this.putBreak();
    this.whitespace = true;
    let breaks = true;
    for (const c of chars) {
      if (isBreak(c)) {
        if (c === '\n') this.putBreak();
        else {
          this.out += c;
          this.column = 0;
          this.indention = true;
        }
        breaks = true;
      } else {
        if (breaks) {
          this.writeIndent(indent);
          breaks = false;
        }
        this.put(c);
        this.indention = false;
      }
    }
  }

  node(n: YNode, indent: number, inMapping: boolean): void {
    switch (n.kind) {
      case 'plain':
      case 'string':
        return this.scalar(n.text, n.kind === 'string', indent < 0 ? BEST_INDENT : indent + BEST_INDENT, false);
      case 'map':
        if (n.entries.length === 0) return this.writeIndicator('{}', true, false, false);
        return this.mapping(n.entries, indent < 0 ? 0 : indent + BEST_INDENT);
      case 'seq':
        if (n.items.length === 0) return this.writeIndicator('[]', true, false, false);
        return this.sequence(n.items, indent < 0 ? 0 : inMapping && (this.column === 0 || !this.indention) ? indent : indent + BEST_INDENT);
    }
  }

  private mapping(entries: [string, YNode][], indent: number): void {
    for (const [key, value] of entries) {
      const simple = byteLength(key) <= 128 && !key.includes('\n');
      this.writeIndent(indent);
      if (simple) {
        this.scalar(key, true, indent + BEST_INDENT, true);
        this.writeIndicator(':', false, false, false);
      } else {
        this.writeIndicator('?', true, false, true);
        this.scalar(key, true, indent + BEST_INDENT, false);
        this.writeIndent(indent);
        this.writeIndicator(':', true, false, true);
      }
      this.node(value, indent, true);
    }
  }

  private sequence(items: YNode[], indent: number): void {
    for (const item of items) {
      this.writeIndent(indent);
      this.writeIndicator('-', true, false, true);
      this.node(item, indent, false);
    }
  }
}
