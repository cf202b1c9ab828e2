/**
 * Scalars for the fast YAML reader: single-line quoted scalars, single-line plain values and
 * block scalars (`|`, `>`, with `-`/`+` chomping). Mirrors the `yaml` package's rules; anything
 * rarer (multi-line quoted or plain scalars, indentation indicators) declines.
 */
import { BACKSLASH, DASH, DOUBLE_QUOTE, PIPE, SINGLE_QUOTE, SPACE } from './chars.js';
import { decline, type Lines } from './lines.js';
import { resolvePlainScalar } from '../plain-scalar.js';

const ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
};
const HEX_LENGTH: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/** A quoted scalar at `at`, closed before the line `end`; leaves `lines.cursor` after the closing quote. */
export function readQuoted(lines: Lines, at: number, end: number): string {
  return lines.text.charCodeAt(at) === SINGLE_QUOTE ? readSingleQuoted(lines, at, end) : readDoubleQuoted(lines, at, end);
}

function readSingleQuoted(lines: Lines, at: number, end: number): string {
  const { text } = lines;
  let value = '';
  let from = at + 1;
  for (;;) {
    const quote = text.indexOf("'", from);
    if (quote === -1 || quote >= end) decline();
    value += text.slice(from, quote);
    if (text.charCodeAt(quote + 1) !== SINGLE_QUOTE) {
      lines.cursor = quote + 1;
      return value;
    }
    value += "'";
    from = quote + 2;
  }
}

function readDoubleQuoted(lines: Lines, at: number, end: number): string {
  const { text } = lines;
  let value = '';
  let from = at + 1;
  for (let i = from; ; i++) {
    if (i >= end) decline(); // closed on a later line, or never: multi-line
    const code = text.charCodeAt(i);
    if (code === DOUBLE_QUOTE) {
      lines.cursor = i + 1;
      return value + text.slice(from, i);
    }
    if (code !== BACKSLASH) continue;
    value += text.slice(from, i);
    if (i + 1 === end) decline(); // an escaped line break: multi-line
    const escape = text[i + 1]!;
    const length = HEX_LENGTH[escape];
    if (length === undefined) {
      value += ESCAPES[escape] ?? decline();
      from = i + 2;
    } else {
      const hex = text.slice(i + 2, Math.min(i + 2 + length, end));
      const point = hex.length === length && /^[0-9a-fA-F]+$/.test(hex) ? parseInt(hex, 16) : -1;
      if (point < 0 || point > 0x10ffff) decline();
      value += String.fromCodePoint(point);
      from = i + 2 + length;
    }
    i = from - 1;
  }
}

/** A plain scalar that is the whole rest of a block line from `at` (up to a comment). */
function readPlainValue(lines: Lines, at: number, end: number): unknown {
  if (!lines.canStartPlain(at, end, false)) decline();
  const { text } = lines;
  const comment = lines.commentFrom(at);
  const stop = comment !== -1 && comment < end ? comment : end;
  for (let colon = lines.colonFrom(at); colon !== -1 && colon < stop; colon = lines.colonFrom(colon + 1)) {
    // `a: b: c` and `a: b:` are errors, not strings.
    if (colon + 1 === end || text.charCodeAt(colon + 1) === SPACE) decline();
  }
  return resolvePlainScalar(text.slice(at, lines.trimSpacesEnd(at, stop)));
}

/**
 * A block scalar whose header is at `at` of `row`; its content must be indented deeper than
 * `parentIndent` (the collection holding it). Declines what needs yaml's finer rules: empty
 * content, lines of only spaces deeper than the content, keep-chomping up to the end of the text.
 * Leaves the row after it in `lines.next`.
 */
export function readBlockScalar(lines: Lines, row: number, at: number, parentIndent: number): string {
  const { text } = lines;
  const literal = text.charCodeAt(at) === PIPE;
  const chomp = text.charCodeAt(at + 1);
  const keep = chomp === 0x2b; // +
  const strip = chomp === DASH;
  if (!lines.isLineEnd(keep || strip ? at + 2 : at + 1, lines.ends[row]!)) decline(); // only `|`, `>`, chomping and a comment
  let first = row + 1;
  let leadingWidth = 0;
  for (; lines.has(first) && lines.firsts[first] === lines.ends[first]; first++) leadingWidth = Math.max(leadingWidth, lines.indent(first));
  if (!lines.has(first)) decline();
  const indent = lines.indent(first);
  if (indent <= parentIndent || leadingWidth > indent) decline();
  let last = first;
  let end = first + 1;
  for (; lines.has(end); end++) {
    const lineIndent = lines.indent(end);
    if (lines.firsts[end] === lines.ends[end]) {
      if (lineIndent > indent) decline();
    } else if (lineIndent < indent) break;
    else last = end;
  }
  if (keep && !lines.has(end)) decline();
  const content: string[] = [];
  for (let r = first; r <= last; r++) content.push(text.slice(lines.starts[r]! + indent, lines.ends[r]!));
  const body = '\n'.repeat(first - row - 1) + (literal ? content.join('\n') : fold(content));
  const tail = strip ? '' : keep ? '\n'.repeat(end - last) : '\n';
  lines.next = end;
  return body + tail;
}

/** Folded-style line joining, as yaml's `resolveBlockScalar` does it (content lines, indentation removed). */
function fold(content: readonly string[]): string {
  let value = '';
  let sep = '';
  let prevMoreIndented = false;
  for (const line of content) {
    if (line[0] === ' ') {
      if (sep === ' ') sep = '\n';
      else if (!prevMoreIndented && sep === '\n') sep = '\n\n';
      value += sep + line;
      sep = '\n';
      prevMoreIndented = true;
    } else if (line === '') {
      if (sep === '\n') value += '\n';
      else sep = '\n';
    } else {
      value += sep + line;
      sep = ' ';
      prevMoreIndented = false;
    }
  }
  return value;
}

/** A scalar starting at `at` that must end its line (ending at `end`): quoted or plain. */
export function readLineScalar(lines: Lines, at: number, end: number): unknown {
  const code = lines.text.charCodeAt(at);
  if (code !== DOUBLE_QUOTE && code !== SINGLE_QUOTE) return readPlainValue(lines, at, end);
  const value = readQuoted(lines, at, end);
  if (!lines.isLineEnd(lines.cursor, end)) decline();
  return value;
}
