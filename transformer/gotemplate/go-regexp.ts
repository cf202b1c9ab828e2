/**
 * Go `regexp` (RE2 syntax) on JS `RegExp`: translates the syntax the two spell differently
 * (leading `(?i)`-style flags, `(?P<name>`, `\A`, `\z`, `\Q...\E`, `\x{...}`, octal and
 * punctuation escapes, `\pL`, POSIX classes, `.` not matching only `\n`), and implements Go's
 * match iteration (`FindAll`, `ReplaceAll` with `$1`/`${name}` expansion, `Split`), which differs
 * from JS around empty matches. Perl-only syntax Go rejects (lookaround, backreferences) is
 * rejected; flag groups other than a leading one are not supported.
 */
import { GoFuncError } from './errors.js';
import { chargeSteps, checkString } from './limits.js';

const SYNTAX_CHARS = '^$\\.*+?()[]{}|/';
const POSIX: Readonly<Record<string, string>> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};
const CATEGORIES = new Set([
  'L', 'Lu', 'Ll', 'Lt', 'Lm', 'Lo', 'M', 'Mn', 'Mc', 'Me', 'N', 'Nd', 'Nl', 'No', 'P', 'Pc', 'Pd', 'Ps', 'Pe', 'Pi', 'Pf', 'Po',
  'S', 'Sm', 'Sc', 'Sk', 'So', 'Z', 'Zs', 'Zl', 'Zp', 'C', 'Cc', 'Cf', 'Cs', 'Co', 'Cn',
]);

function parseError(message: string): GoFuncError {
  return new GoFuncError(`error parsing regexp: ${message}`);
}

function codePointEscape(cp: number): string {
  return `\\u{${cp.toString(16)}}`;
}

function unicodeClass(name: string, negated: boolean): string {
  const prop = CATEGORIES.has(name) ? name : `Script=${name}`;
  return `\\${negated ? 'P' : 'p'}{${prop}}`;
}

/** Translates a Go pattern to a JS source and flags. */
function translateRegexp(pattern: string): { source: string; flags: string } {
  let flags = 'u';
  let p = pattern;
  const lead = /^\(\?([a-zA-Z]+)\)/.exec(p);
  if (lead !== null) {
    for (const f of lead[1]!) {
      if (f === 'i' || f === 'm' || f === 's') flags += f;
      else throw parseError(`invalid or unsupported Perl syntax: \`(?${f}\``);
    }
    p = p.slice(lead[0].length);
  }
  const dotAll = flags.includes('s');
  let out = '';
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '\\') {
      const e = p[i + 1];
      if (e === undefined) throw parseError('trailing backslash at end of expression: ``');
      i++;
      if (e === 'Q') {
        const end = p.indexOf('\\E', i + 1);
        const literal = end < 0 ? p.slice(i + 1) : p.slice(i + 1, end);
        for (const ch of literal) out += SYNTAX_CHARS.includes(ch) || ch === '-' ? '\\' + ch : ch;
        i = end < 0 ? p.length : end + 1;
        continue;
      }
      if (e === 'A' && !inClass) out += '(?<![\\s\\S])';
      else if (e === 'z' && !inClass) out += '(?![\\s\\S])';
      else if (e === 'a') out += '\\x07';
      else if ('dDwWsSfnrtv'.includes(e) || (!inClass && (e === 'b' || e === 'B'))) out += '\\' + e;
      else if (e === 'x') {
        if (p[i + 1] === '{') {
          const close = p.indexOf('}', i);
          if (close < 0) throw parseError(`invalid escape sequence: \`\\x{\``);
          out += codePointEscape(parseInt(p.slice(i + 2, close), 16));
          i = close;
        } else {
          out += '\\x' + p.slice(i + 1, i + 3);
          i += 2;
        }
      } else if (e === 'p' || e === 'P') {
        if (p[i + 1] === '{') {
          const close = p.indexOf('}', i);
          if (close < 0) throw parseError(`invalid character class range: \`\\${e}{\``);
          let name = p.slice(i + 2, close);
          let negated = e === 'P';
          if (name.startsWith('^')) {
            negated = !negated;
            name = name.slice(1);
          }
          out += unicodeClass(name, negated);
          i = close;
        } else {
          out += unicodeClass(p[i + 1] ?? '', e === 'P');
          i++;
        }
      } else if (/[0-7]/.test(e)) {
        if (/[1-9]/.test(e) && !/[0-7]/.test(p[i + 1] ?? '')) throw parseError(`invalid escape sequence: \`\\${e}\``);
        const digits = /^[0-7]{1,3}/.exec(p.slice(i))![0];
        out += codePointEscape(parseInt(digits, 8));
        i += digits.length - 1;
      } else if (/[\p{L}\p{N}]/u.test(e)) {
        throw parseError(`invalid escape sequence: \`\\${e}\``);
      } else if (SYNTAX_CHARS.includes(e) || (inClass && e === '-')) out += '\\' + e;
      else out += codePointEscape(e.codePointAt(0) ?? 0);
      continue;
    }
    if (inClass) {
      if (c === '[' && p[i + 1] === ':') {
        const close = p.indexOf(':]', i + 2);
        const name = close < 0 ? '' : p.slice(i + 2, close);
        const set = POSIX[name];
        if (set === undefined) throw parseError(`invalid character class range: \`${p.slice(i, close + 2)}\``);
        out += set;
        i = close + 1;
        continue;
      }
      if (c === '[') out += '\\[';
      else {
        if (c === ']') inClass = false;
        out += c;
      }
      continue;
    }
    switch (c) {
      case '[':
        inClass = true;
        out += c;
        if (p[i + 1] === '^') {
          out += '^';
          i++;
        }
        if (p[i + 1] === ']') {
          out += '\\]';
          i++;
        }
        continue;
      case '.':
        out += dotAll ? '[\\s\\S]' : '[^\\n]';
        continue;
      case '(':
        if (p[i + 1] === '?') {
          if (p.startsWith('?P<', i + 1)) {
            out += '(?<';
            i += 3;
            continue;
          }
          if (p.startsWith('?<', i + 1) && !p.startsWith('?<=', i + 1) && !p.startsWith('?<!', i + 1)) {
            out += '(?<';
            i += 2;
            continue;
          }
          if (p[i + 2] !== ':') throw parseError(`invalid or unsupported Perl syntax: \`${p.slice(i, i + 3)}\``);
        }
        out += c;
        continue;
      default:
        out += c;
    }
  }
  return { source: out, flags };
}

export function compileRegexp(pattern: string): RegExp {
  const { source, flags } = translateRegexp(pattern);
  try {
    return new RegExp(source, flags + 'g');
  } catch (e) {
    throw parseError(e instanceof Error ? e.message.replace(/^Invalid regular expression: /, '') : String(e));
  }
}

/** Width in UTF-16 units of the rune at `pos`. */
function runeWidth(s: string, pos: number): number {
  const cp = s.codePointAt(pos);
  return cp !== undefined && cp > 0xffff ? 2 : 1;
}

function execAt(re: RegExp, s: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(s);
}

/** Go `FindAllStringSubmatchIndex`-style iteration (empty matches after a match are skipped). */
export function findAll(re: RegExp, s: string, n: number): RegExpExecArray[] {
  const limit = n < 0 ? s.length + 1 : n;
  const out: RegExpExecArray[] = [];
  let pos = 0;
  let prevMatchEnd = -1;
  while (out.length < limit && pos <= s.length) {
    chargeSteps(1);
    const m = execAt(re, s, pos);
    if (m === null) break;
    const start = m.index;
    const end = start + m[0].length;
    let accept = true;
    if (end === pos) {
      if (start === prevMatchEnd) accept = false;
      pos += pos < s.length ? runeWidth(s, pos) : 1;
    } else pos = end;
    prevMatchEnd = end;
    if (accept) out.push(m);
  }
  return out;
}

/** Go `Regexp.Expand` of a `$1` / `${1}` / `$name` / `${name}` template. */
function expand(template: string, m: RegExpExecArray): string {
  let out = '';
  let t = template;
  for (;;) {
    const i = t.indexOf('$');
    if (i < 0) break;
    out += t.slice(0, i);
    t = t.slice(i + 1);
    if (t.startsWith('$')) {
      out += '$';
      t = t.slice(1);
      continue;
    }
    let name: string;
    let rest: string;
    const braced = /^\{([A-Za-z0-9_]+)\}/.exec(t);
    const bare = /^[A-Za-z0-9_]+/.exec(t);
    if (braced !== null) {
      name = braced[1]!;
      rest = t.slice(braced[0].length);
    } else if (bare !== null) {
      name = bare[0];
      rest = t.slice(name.length);
    } else {
      out += '$';
      continue;
    }
    t = rest;
    if (/^[0-9]+$/.test(name) && name.length < 9) out += m[Number(name)] ?? '';
    else out += m.groups?.[name] ?? '';
    checkString(out.length);
  }
  return out + t;
}

/** Go `ReplaceAllString` (`literal` for `ReplaceAllLiteralString`). */
export function replaceAll(re: RegExp, s: string, repl: string, literal: boolean): string {
  let out = '';
  let lastMatchEnd = 0;
  let searchPos = 0;
  while (searchPos <= s.length) {
    chargeSteps(1);
    const m = execAt(re, s, searchPos);
    if (m === null) break;
    const start = m.index;
    const end = start + m[0].length;
    out += s.slice(lastMatchEnd, start);
    if (end > lastMatchEnd || start === 0) out += literal ? repl : expand(repl, m);
    checkString(out.length);
    lastMatchEnd = end;
    const width = searchPos < s.length ? runeWidth(s, searchPos) : 0;
    if (searchPos + width > end) searchPos += width;
    else if (searchPos + 1 > end) searchPos++;
    else searchPos = end;
  }
  return out + s.slice(lastMatchEnd);
}

/** Go `Regexp.Split`. */
export function split(re: RegExp, pattern: string, s: string, n: number): string[] {
  if (n === 0) return [];
  if (pattern.length > 0 && s.length === 0) return [''];
  const matches = findAll(re, s, n);
  const out: string[] = [];
  let beg = 0;
  let end = 0;
  for (const m of matches) {
    if (n > 0 && out.length === n - 1) break;
    end = m.index;
    if (m.index + m[0].length !== 0) out.push(s.slice(beg, end));
    beg = m.index + m[0].length;
  }
  if (end !== s.length) out.push(s.slice(beg));
  return out;
}

/** Go `regexp.QuoteMeta`. */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}
