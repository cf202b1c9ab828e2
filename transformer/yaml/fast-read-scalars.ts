/**
 * Scalars for the fast YAML reader: single-line quoted scalars, single-line plain values and
 * block scalars (`|`, `>`, with `-`/`+` chomping). Mirrors the `yaml` package's rules; anything
 * rarer (multi-line quoted or plain scalars, indentation indicators) declines.
 */
import { canStartPlain, decline, isLineEnd, trimSpacesEnd, type Lines, type Read } from './fast-read-lines.js';
import { resolvePlainScalar } from './plain-scalar.js';

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

/** A quoted scalar closed on its own line; `end` is the column after the closing quote. */
export function readQuoted(line: string, col: number): { value: string; end: number } {
  return line[col] === "'" ? readSingleQuoted(line, col) : readDoubleQuoted(line, col);
}

function readSingleQuoted(line: string, col: number): { value: string; end: number } {
  let value = '';
  let from = col + 1;
  for (;;) {
    const quote = line.indexOf("'", from);
    if (quote === -1) decline();
    value += line.slice(from, quote);
    if (line[quote + 1] !== "'") return { value, end: quote + 1 };
    value += "'";
    from = quote + 2;
  }
}

function readDoubleQuoted(line: string, col: number): { value: string; end: number } {
  let value = '';
  let from = col + 1;
  for (;;) {
    const quote = line.indexOf('"', from);
    const escape = line.indexOf('\\', from);
    if (quote === -1) decline();
    if (escape === -1 || quote < escape) return { value: value + line.slice(from, quote), end: quote + 1 };
    value += line.slice(from, escape);
    const code = line[escape + 1];
    if (code === undefined) decline(); // an escaped line break: multi-line
    const length = HEX_LENGTH[code];
    if (length === undefined) {
      value += ESCAPES[code] ?? decline();
      from = escape + 2;
      continue;
    }
    const hex = line.slice(escape + 2, escape + 2 + length);
    const point = hex.length === length && /^[0-9a-fA-F]+$/.test(hex) ? parseInt(hex, 16) : -1;
    if (point < 0 || point > 0x10ffff) decline();
    value += String.fromCodePoint(point);
    from = escape + 2 + length;
  }
}

/** A plain scalar that is the whole rest of a block line (up to a comment). */
export function readPlainValue(line: string, col: number): unknown {
  if (!canStartPlain(line, col, false)) decline();
  const comment = line.indexOf(' #', col);
  const text = trimSpacesEnd(comment === -1 ? line.slice(col) : line.slice(col, comment));
  // `a: b: c` and `a: b:` are errors, not strings.
  if (text.includes(': ') || text.endsWith(':')) decline();
  return resolvePlainScalar(text);
}

const BLOCK_HEADER = /^([|>])([-+]?)(?: +#.*| *)$/;

/**
 * A block scalar whose header is at `col` of `row`; its content must be indented deeper than
 * `parentIndent` (the collection holding it). Declines what needs yaml's finer rules: empty
 * content, lines of only spaces deeper than the content, keep-chomping up to the end of the text.
 */
export function readBlockScalar(lines: Lines, row: number, col: number, parentIndent: number): Read {
  const header = BLOCK_HEADER.exec(lines.line(row).slice(col)) ?? decline();
  const [, style, chomp] = header;
  let first = row + 1;
  let leadingWidth = 0;
  for (; first < lines.length && lines.indent(first) === lines.line(first).length; first++) leadingWidth = Math.max(leadingWidth, lines.indent(first));
  if (first === lines.length) decline();
  const indent = lines.indent(first);
  if (indent <= parentIndent || leadingWidth > indent) decline();
  let last = first;
  let end = first + 1;
  for (; end < lines.length; end++) {
    const lineIndent = lines.indent(end);
    if (lineIndent === lines.line(end).length) {
      if (lineIndent > indent) decline();
    } else if (lineIndent < indent) break;
    else last = end;
  }
  if (chomp === '+' && end === lines.length) decline();
  const content = lines.text.slice(first, last + 1).map((line) => line.slice(indent));
  const body = '\n'.repeat(first - row - 1) + (style === '|' ? content.join('\n') : fold(content));
  const tail = chomp === '-' ? '' : chomp === '+' ? '\n'.repeat(end - last) : '\n';
  return { value: body + tail, next: end };
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

/** A scalar starting at `col` that must end its line: quoted or plain. */
export function readLineScalar(line: string, col: number): unknown {
  if (line[col] !== '"' && line[col] !== "'") return readPlainValue(line, col);
  const quoted = readQuoted(line, col);
  if (!isLineEnd(line, quoted.end)) decline();
  return quoted.value;
}
