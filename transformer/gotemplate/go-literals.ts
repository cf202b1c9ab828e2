/**
 * Go literal syntax as `text/template` parses it: `strconv.Unquote` for "interpreted" and `raw`
 * strings and 'c'haracter constants, and `strconv.ParseInt/ParseUint/ParseFloat` (base 0, with
 * underscores) for numbers.
 */
import { MAX_INT64, MIN_INT64 } from './values.js';

export class LiteralError extends Error {}

const SYNTAX = 'invalid syntax';

interface CharResult {
  value: number;
  /** Index in `text` after the character. */
  next: number;
}

function hexValue(c: string): number {
  const n = parseInt(c, 16);
  return Number.isNaN(n) || !/^[0-9a-fA-F]$/.test(c) ? -1 : n;
}

/** One (possibly escaped) character of a quoted literal starting at `i` (Go `strconv.UnquoteChar`). */
function unquoteChar(text: string, i: number, quote: string): CharResult {
  const c = text[i];
  if (c === undefined) throw new LiteralError(SYNTAX);
  if (c === quote && (quote === "'" || quote === '"')) throw new LiteralError(SYNTAX);
  if (c !== '\\') {
    const cp = text.codePointAt(i) ?? 0;
    return { value: cp, next: i + (cp > 0xffff ? 2 : 1) };
  }
  const e = text[i + 1];
  switch (e) {
    case 'a':
      return { value: 0x07, next: i + 2 };
    case 'b':
      return { value: 0x08, next: i + 2 };
    case 'f':
      return { value: 0x0c, next: i + 2 };
    case 'n':
      return { value: 0x0a, next: i + 2 };
    case 'r':
      return { value: 0x0d, next: i + 2 };
    case 't':
      return { value: 0x09, next: i + 2 };
    case 'v':
      return { value: 0x0b, next: i + 2 };
    case '\\':
      return { value: 0x5c, next: i + 2 };
    case "'":
    case '"':
      if (e !== quote) throw new LiteralError(SYNTAX);
      return { value: e.charCodeAt(0), next: i + 2 };
    case 'x':
    case 'u':
    case 'U': {
      const width = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      let v = 0;
      for (let k = 0; k < width; k++) {
        const d = hexValue(text[i + 2 + k] ?? '');
        if (d < 0) throw new LiteralError(SYNTAX);
        v = v * 16 + d;
      }
      if (e !== 'x' && (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))) throw new LiteralError(SYNTAX);
      return { value: v, next: i + 2 + width };
    }
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7': {
      let v = 0;
      for (let k = 0; k < 3; k++) {
        const d = text[i + 1 + k] ?? '';
        if (!/^[0-7]$/.test(d)) throw new LiteralError(SYNTAX);
        v = v * 8 + Number(d);
      }
      if (v > 255) throw new LiteralError(SYNTAX);
      return { value: v, next: i + 4 };
    }
    default:
      throw new LiteralError(SYNTAX);
  }
}

/**
 * Go `strconv.Unquote` for a string token (with its quotes). Raw strings drop carriage returns.
 * Byte escapes (`\xff`, `\377`) become the code point of that byte value.
 */
export function unquoteString(token: string): string {
  const quote = token[0];
  if (token.length < 2 || token[token.length - 1] !== quote) throw new LiteralError(SYNTAX);
  const body = token.slice(1, -1);
  if (quote === '`') {
    if (body.includes('`')) throw new LiteralError(SYNTAX);
    return body.replace(/\r/g, '');
  }
  if (quote !== '"') throw new LiteralError(SYNTAX);
  if (body.includes('\n')) throw new LiteralError(SYNTAX);
  let out = '';
  for (let i = 0; i < body.length; ) {
    const r = unquoteChar(body, i, '"');
    out += String.fromCodePoint(r.value);
    i = r.next;
  }
  return out;
}

/** The rune of a character constant token such as `'a'` or `'\n'`. */
export function unquoteCharConstant(token: string): number {
  const r = unquoteChar(token, 1, "'");
  if (token.slice(r.next) !== "'") throw new LiteralError(`malformed character constant: ${token}`);
  return r.value;
}

/** Go `underscoreOK`: underscores only between digits (or after a base prefix). */
function underscoreOK(text: string): boolean {
  let s = text;
  if (s.startsWith('+') || s.startsWith('-')) s = s.slice(1);
  let saw = '^';
  let i = 0;
  let hexDigits = false;
  if (s.length >= 2 && s[0] === '0' && /[bBoOxX]/.test(s[1] ?? '')) {
    i = 2;
    saw = '0';
    hexDigits = /[xX]/.test(s[1] ?? '');
  }
  for (; i < s.length; i++) {
    const c = s[i] ?? '';
    if (/[0-9]/.test(c) || (hexDigits && /[a-fA-F]/.test(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** Go `strconv.ParseInt(text, 0, 64)`-style parse; `signed=false` is ParseUint. Undefined on error. */
export function parseGoInteger(text: string, signed: boolean): bigint | undefined {
  let s = text;
  let neg = false;
  if (s.startsWith('+') || s.startsWith('-')) {
    if (!signed) return undefined;
    neg = s.startsWith('-');
    s = s.slice(1);
  }
  let base = 10;
  let digits = s;
  if (/^0[xX]/.test(s)) {
    base = 16;
    digits = s.slice(2);
  } else if (/^0[oO]/.test(s)) {
    base = 8;
    digits = s.slice(2);
  } else if (/^0[bB]/.test(s)) {
    base = 2;
    digits = s.slice(2);
  } else if (s.length > 1 && s[0] === '0') {
    base = 8;
    digits = s.slice(1);
  }
  if (digits.includes('_')) {
    if (!underscoreOK(text)) return undefined;
    digits = digits.replace(/_/g, '');
  }
  if (digits === '') return undefined;
  const valid = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ }[base as 2 | 8 | 10 | 16];
  if (!valid.test(digits)) return undefined;
  const prefix = { 2: '0b', 8: '0o', 10: '', 16: '0x' }[base as 2 | 8 | 10 | 16];
  let value = BigInt(prefix + digits);
  if (neg) value = -value;
  if (signed ? value > MAX_INT64 || value < MIN_INT64 : value > (1n << 64n) - 1n) return undefined;
  return value;
}

/** Go `strconv.ParseFloat(text, 64)` for decimal and hexadecimal literals. Undefined on error. */
export function parseGoFloat(text: string): number | undefined {
  if (text.includes('_') && !underscoreOK(text)) return undefined;
  const s = text.replace(/_/g, '');
  if (/^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(s)) return Number(s);
  const hexMatch = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?[0-9]+)$/.exec(s);
  if (hexMatch !== null) {
    const [, sign, intPart = '', fracPart = '', exp = '0'] = hexMatch;
    if (intPart === '' && fracPart === '') return undefined;
    const mantissa = BigInt('0x' + (intPart + fracPart || '0'));
    const value = Number(mantissa) * 2 ** (Number(exp) - 4 * fracPart.length);
    return sign === '-' ? -value : value;
  }
  return undefined;
}
