/**
 * sprig string functions (Masterminds/sprig v3 semantics). Lengths and offsets are UTF-8 bytes,
 * as in Go (`trunc`, `substr`).
 */
import { GoFuncError } from './errors.js';
import { defineFunc, type FuncMap } from './funcs.js';
import { goQuote } from './go-quote.js';
import { TEMPLATE_LIMITS, chargeSteps, checkList, checkString, joinChecked } from './limits.js';
import { formatV } from './printf.js';
import { byteLength, fromUtf8, sliceBytes, utf8Bytes } from './utf8.js';
import { STRING_MAP_TYPE, compareGoStrings, goKind, withGoType } from './values.js';

/** sprig `strval`: strings as is, Stringers through `String()`, everything else `%v`. */
export function strval(v: unknown): string {
  if (typeof v === 'string') return v;
  return formatV(v);
}

/** sprig `quote`: each non-nil argument `%q`-quoted, space-separated. */
function quote(...args: unknown[]): string {
  if (args.length === 1) return args[0] === null ? '' : goQuote(strval(args[0]));
  return joinChecked(
    args.filter((a) => a !== null).map((a) => goQuote(strval(a))),
    ' ',
  );
}

/** sprig `strslice`: a list as strings (nils dropped), a scalar as a one-item list. */
function strslice(v: unknown): string[] {
  if (Array.isArray(v)) {
    chargeSteps(v.length);
    return v.filter((x) => x !== null && x !== undefined).map(strval);
  }
  if (v === null || v === undefined) return [];
  return [strval(v)];
}

const SPACE = /^\s$/u;

function isSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdfff;
}

function isSpace(ch: string): boolean {
  return SPACE.test(ch) || ch === '\u0085';
}

/** Go `strings.TrimSpace`. */
export function trimSpace(s: string): string {
  // Without surrounding whitespace, or with ASCII whitespace only, no splitting into runes is needed.
  const first = s.charCodeAt(0);
  const last = s.charCodeAt(s.length - 1);
  if (s === '' || (first > 0x20 && first < 0x7f && last > 0x20 && last < 0x7f)) return s;
  chargeSteps(s.length);
  const chars = [...s];
  let start = 0;
  let end = chars.length;
  while (start < end && isSpace(chars[start]!)) start++;
  while (end > start && isSpace(chars[end - 1]!)) end--;
  return chars.slice(start, end).join('');
}

/** Go `strings.Trim(s, cutset)`. */
function trimCutset(s: string, cutset: string): string {
  if (s === '' || (!cutset.includes(s[0]!) && !cutset.includes(s[s.length - 1]!) && !isSurrogate(s.charCodeAt(0)) && !isSurrogate(s.charCodeAt(s.length - 1)))) return s;
  chargeSteps(s.length);
  const set = new Set([...cutset]);
  const chars = [...s];
  let start = 0;
  let end = chars.length;
  while (start < end && set.has(chars[start]!)) start++;
  while (end > start && set.has(chars[end - 1]!)) end--;
  return chars.slice(start, end).join('');
}

/** Go `strings.Split`: an empty separator splits into runes. */
function goSplit(s: string, sep: string): string[] {
  // Only a long string can make more parts than a list may hold: count them first.
  if (s.length > TEMPLATE_LIMITS.list) checkList(sep === '' ? runeCountOf(s) : occurrences(s, sep) + 1);
  if (sep === '') {
    chargeSteps(s.length);
    return [...s];
  }
  return s.split(sep);
}

function runeCountOf(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff || i + 1 >= s.length) n++;
  }
  return n;
}

/** Non-overlapping occurrences of a non-empty `sep` in `s`. */
function occurrences(s: string, sep: string): number {
  let n = 0;
  for (let i = s.indexOf(sep); i !== -1; i = s.indexOf(sep, i + sep.length)) n++;
  return n;
}

/** Go `strings.SplitN`. */
function goSplitN(s: string, sep: string, n: number): string[] {
  if (n === 0) return [];
  const all = goSplit(s, sep);
  if (n < 0 || all.length <= n) return all;
  const head = all.slice(0, n - 1);
  return [...head, all.slice(n - 1).join(sep)];
}

function mapOfParts(parts: string[]): Record<string, string> {
  // Maps with numbered keys are slow to build: two steps a part.
  chargeSteps(2 * parts.length);
  const out: Record<string, string> = {};
  parts.forEach((p, i) => {
    out[`_${i}`] = p;
  });
  return withGoType(out, STRING_MAP_TYPE);
}

/** Go `strings.ToUpper`/`ToLower` rune by rune (no multi-character expansions). */
function mapRunes(s: string, f: (c: string) => string): string {
  chargeSteps(s.length);
  let out = '';
  for (const c of s) {
    const m = f(c);
    out += [...m].length === 1 ? m : c;
  }
  return out;
}

const toUpper = (s: string): string => mapRunes(s, (c) => c.toUpperCase());
export const toLower = (s: string): string => mapRunes(s, (c) => c.toLowerCase());

/** Go `strings.Title`: upper-cases letters that start words. */
function title(s: string): string {
  chargeSteps(s.length);
  let prev = ' ';
  let out = '';
  for (const c of s) {
    out += isSeparator(prev) ? mapRunes(c, (x) => x.toUpperCase()) : c;
    prev = c;
  }
  return out;
}

function isSeparator(c: string): boolean {
  const cp = c.codePointAt(0) ?? 0;
  if (cp <= 0x7f) return !/[0-9A-Za-z_]/.test(c);
  if (/[\p{L}\p{Nd}]/u.test(c)) return false;
  return isSpace(c);
}

function sliceOutOfRange(lo: number, hi: number): GoFuncError {
  return new GoFuncError(`runtime error: slice bounds out of range [${lo}:${hi}]`);
}

function substr(start: bigint, end: bigint, s: string): string {
  const len = byteLength(s);
  const st = Number(start);
  const en = Number(end);
  if (st < 0) {
    if (en < 0 || en > len) throw new GoFuncError(`runtime error: slice bounds out of range [:${en}] with length ${len}`);
    return sliceBytes(s, 0, en);
  }
  if (en < 0 || en > len) {
    if (st > len) throw new GoFuncError(`runtime error: slice bounds out of range [${st}:${len}]`);
    return sliceBytes(s, st);
  }
  if (st > en) throw sliceOutOfRange(st, en);
  return sliceBytes(s, st, en);
}

function trunc(c: bigint, s: string): string {
  const len = byteLength(s);
  const n = Number(c);
  if (n < 0 && len + n > 0) return sliceBytes(s, len + n);
  if (n >= 0 && len > n) return sliceBytes(s, 0, n);
  return s;
}

/** The padding `indent` puts before each of `lines` lines, checked against the string limit first. */
export function indentPad(spaces: bigint, lines: number, textLength: number): string {
  const width = Math.max(Number(spaces), 0);
  checkString(textLength + width * lines);
  return lines === 0 ? '' : ' '.repeat(width);
}

export function lineCount(s: string): number {
  let n = 1;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

function indent(spaces: bigint, v: string): string {
  const pad = indentPad(spaces, lineCount(v), v.length + 1);
  return pad + v.split('\n').join('\n' + pad);
}

function repeat(count: bigint, s: string): string {
  if (count < 0n) throw new GoFuncError('strings: negative Repeat count');
  checkString(Number(count) * s.length);
  return s.repeat(Number(count));
}

/** Go `strings.Replace(s, old, repl, -1)`: an empty `old` matches before every rune and at the end. */
function replaceAll(old: string, repl: string, s: string): string {
  if (old === '') {
    chargeSteps(s.length);
    const runes = runeCountOf(s);
    checkString(s.length + repl.length * (s === '' ? 1 : runes + 1));
    return repl + [...s].join(repl) + (s === '' ? '' : repl);
  }
  return joinChecked(s.split(old), repl);
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function b64enc(s: string): string {
  chargeSteps(s.length);
  const bytes = utf8Bytes(s);
  checkString(Math.ceil(bytes.length / 3) * 4);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(bytes.length - i, 3) + 1;
    for (let k = 0; k < 4; k++) out += k < chars ? BASE64[(n >> (18 - 6 * k)) & 63] : '=';
  }
  return out;
}

/** Go `base64.StdEncoding.DecodeString`; errors come back as their message, like sprig. */
function b64dec(s: string): string {
  chargeSteps(s.length);
  const clean = s.replace(/[\r\n]/g, '');
  for (let i = 0; i < clean.length; i++) {
    const c = clean[i]!;
    if (c === '=') {
      const rest = clean.slice(i);
      const pads = i % 4 === 2 ? '==' : i % 4 === 3 ? '=' : '';
      if (pads === '' || rest !== pads) return `illegal base64 data at input byte ${i}`;
      break;
    }
    if (!BASE64.includes(c)) return `illegal base64 data at input byte ${i}`;
  }
  if (clean.length % 4 !== 0) return `illegal base64 data at input byte ${clean.length - (clean.length % 4)}`;
  const data = clean.replace(/=+$/, '');
  const bytes: number[] = [];
  for (let i = 0; i < data.length; i += 4) {
    const quad = data.slice(i, i + 4);
    let n = 0;
    for (let k = 0; k < 4; k++) n = (n << 6) | (k < quad.length ? BASE64.indexOf(quad[k]!) : 0);
    const count = quad.length - 1;
    for (let k = 0; k < count; k++) bytes.push((n >> (16 - 8 * k)) & 255);
  }
  return fromUtf8(Uint8Array.from(bytes));
}

function b32enc(s: string): string {
  chargeSteps(2 * s.length);
  const bytes = utf8Bytes(s);
  checkString(Math.ceil(bytes.length / 5) * 8);
  let out = '';
  for (let i = 0; i < bytes.length; i += 5) {
    const chunk = bytes.subarray(i, i + 5);
    let bits = 0n;
    for (let k = 0; k < 5; k++) bits = (bits << 8n) | BigInt(chunk[k] ?? 0);
    const chars = Math.ceil((chunk.length * 8) / 5);
    for (let k = 0; k < 8; k++) {
      out += k < chars ? BASE32[Number((bits >> BigInt(35 - 5 * k)) & 31n)] : '=';
    }
  }
  return out;
}

function b32dec(s: string): string {
  chargeSteps(2 * s.length);
  const clean = s.replace(/[\r\n]/g, '');
  if (clean.length % 8 !== 0) return `illegal base32 data at input byte ${clean.length - (clean.length % 8)}`;
  const bytes: number[] = [];
  for (let i = 0; i < clean.length; i += 8) {
    const block = clean.slice(i, i + 8);
    const data = block.replace(/=+$/, '');
    if (![8, 7, 5, 4, 2].includes(data.length)) return `illegal base32 data at input byte ${i + data.length}`;
    let bits = 0n;
    for (let k = 0; k < 8; k++) {
      const c = data[k];
      const v = c === undefined ? 0 : BASE32.indexOf(c);
      if (v < 0) return `illegal base32 data at input byte ${i + k}`;
      bits = (bits << 5n) | BigInt(v);
    }
    const n = Math.floor((data.length * 5) / 8);
    for (let k = 0; k < n; k++) bytes.push(Number((bits >> BigInt(32 - 8 * k)) & 255n));
    if (data.length < 8 && i + 8 < clean.length) return `illegal base32 data at input byte ${i + data.length}`;
  }
  return fromUtf8(Uint8Array.from(bytes));
}

/** Go `path.Clean`. */
function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
    } else out.push(part);
  }
  const joined = out.join('/');
  if (rooted) return '/' + joined;
  return joined === '' ? '.' : joined;
}

function pathBase(p: string): string {
  if (p === '') return '.';
  const trimmed = p.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

function pathDir(p: string): string {
  return cleanPath(p.slice(0, p.lastIndexOf('/') + 1));
}

function pathExt(p: string): string {
  for (let i = p.length - 1; i >= 0 && p[i] !== '/'; i--) if (p[i] === '.') return p.slice(i);
  return '';
}

export const sprigStringFuncs: FuncMap = {
  trim: defineFunc(['string'], trimSpace),
  trimAll: defineFunc(['string', 'string'], (cutset: string, s: string) => trimCutset(s, cutset)),
  trimall: defineFunc(['string', 'string'], (cutset: string, s: string) => trimCutset(s, cutset)),
  trimPrefix: defineFunc(['string', 'string'], (prefix: string, s: string) => (s.startsWith(prefix) ? s.slice(prefix.length) : s)),
  trimSuffix: defineFunc(['string', 'string'], (suffix: string, s: string) =>
    suffix !== '' && s.endsWith(suffix) ? s.slice(0, s.length - suffix.length) : s,
  ),
  trunc: defineFunc(['int', 'string'], trunc),
  upper: defineFunc(['string'], toUpper),
  lower: defineFunc(['string'], toLower),
  title: defineFunc(['string'], title),
  untitle: defineFunc(['string'], (s: string) => {
    chargeSteps(s.length);
    const [first = '', ...rest] = [...s];
    return toLower(first) + rest.join('');
  }),
  substr: defineFunc(['int', 'int', 'string'], substr),
  repeat: defineFunc(['int', 'string'], repeat),
  nospace: defineFunc(['string'], (s: string) => {
    chargeSteps(s.length);
    return [...s].filter((c) => !isSpace(c)).join('');
  }),
  contains: defineFunc(['string', 'string'], (substr: string, s: string) => s.includes(substr)),
  hasPrefix: defineFunc(['string', 'string'], (prefix: string, s: string) => s.startsWith(prefix)),
  hasSuffix: defineFunc(['string', 'string'], (suffix: string, s: string) => s.endsWith(suffix)),
  quote: defineFunc([], quote, 'any'),
  squote: defineFunc([], (...args: unknown[]) => joinChecked(args.filter((a) => a !== null).map((a) => `'${formatV(a)}'`), ' '), 'any'),
  cat: defineFunc([], (...args: unknown[]) => joinChecked(args.filter((a) => a !== null).map((a) => formatV(a)), ' '), 'any'),
  indent: defineFunc(['int', 'string'], indent),
  nindent: defineFunc(['int', 'string'], (spaces: bigint, v: string) => '\n' + indent(spaces, v)),
  replace: defineFunc(['string', 'string', 'string'], replaceAll),
  plural: defineFunc(['string', 'string', 'int'], (one: string, many: string, count: bigint) => (count === 1n ? one : many)),
  toString: defineFunc(['any'], strval),
  toStrings: defineFunc(['any'], (v: unknown) => withGoType(strslice(v), '[]string')),
  split: defineFunc(['string', 'string'], (sep: string, s: string) => mapOfParts(goSplit(s, sep))),
  splitn: defineFunc(['string', 'int', 'string'], (sep: string, n: bigint, s: string) => mapOfParts(goSplitN(s, sep, Number(n)))),
  splitList: defineFunc(['string', 'string'], (sep: string, s: string) => withGoType(goSplit(s, sep), '[]string')),
  join: defineFunc(['string', 'any'], (sep: string, v: unknown) => joinChecked(strslice(v), sep)),
  sortAlpha: defineFunc(['any'], (v: unknown) => {
    const list = goKind(v) === 'slice' ? strslice(v) : [strval(v)];
    return withGoType(list.sort(compareGoStrings), '[]string');
  }),
  b64enc: defineFunc(['string'], b64enc),
  b64dec: defineFunc(['string'], b64dec),
  b32enc: defineFunc(['string'], b32enc),
  b32dec: defineFunc(['string'], b32dec),
  base: defineFunc(['string'], pathBase),
  dir: defineFunc(['string'], pathDir),
  ext: defineFunc(['string'], pathExt),
  clean: defineFunc(['string'], cleanPath),
  isAbs: defineFunc(['string'], (p: string) => p.startsWith('/')),
};
