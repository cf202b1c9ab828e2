/**
 * go-yaml v3's view of plain scalars and keys: whether a string written plain would read back as
 * something else (bool, null, int, float, timestamp, merge key, YAML 1.1 bool or base-60 number),
 * and the natural order go-yaml sorts map keys in.
 */
import { parseGoFloat, parseGoInteger } from './go-literals.js';

const LETTER = /^\p{L}$/u;
const DIGIT = /^\p{Nd}$/u;

/** go-yaml's key order: letters by code point, non-letters before letters, digit runs by value. */
export function yamlKeyLess(a: string, b: string): boolean {
  if (isAsciiText(a) && isAsciiText(b)) return asciiKeyLess(a, b);
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const x = ar[i]!;
    const y = br[i]!;
    if (x === y) continue;
    const al = LETTER.test(x);
    const bl = LETTER.test(y);
    if (al && bl) return x.codePointAt(0)! < y.codePointAt(0)!;
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (x === '0' || y === '0') {
      for (let j = i - 1; j >= 0 && DIGIT.test(ar[j]!); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && DIGIT.test(ar[ai]!); ai++) an = an * 10 + (ar[ai]!.charCodeAt(0) - 48);
    let bi = i;
    for (; bi < br.length && DIGIT.test(br[bi]!); bi++) bn = bn * 10 + (br[bi]!.charCodeAt(0) - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return x.codePointAt(0)! < y.codePointAt(0)!;
  }
  return ar.length < br.length;
}

function isAsciiText(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

const isAsciiLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isAsciiDigit = (c: number): boolean => c >= 48 && c <= 57;

/** `yamlKeyLess` for ASCII keys (one code unit per rune), without splitting them into arrays. */
function asciiKeyLess(a: string, b: string): boolean {
  for (let i = 0; i < a.length && i < b.length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const al = isAsciiLetter(x);
    const bl = isAsciiLetter(y);
    if (al && bl) return x < y;
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (x === 48 || y === 48) {
      for (let j = i - 1; j >= 0 && isAsciiDigit(a.charCodeAt(j)); j--) {
        if (a.charCodeAt(j) !== 48) {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < a.length && isAsciiDigit(a.charCodeAt(ai)); ai++) an = an * 10 + (a.charCodeAt(ai) - 48);
    let bi = i;
    for (; bi < b.length && isAsciiDigit(b.charCodeAt(bi)); bi++) bn = bn * 10 + (b.charCodeAt(bi) - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return x < y;
  }
  return a.length < b.length;
}

const RESOLVE_NON_STRING = new Set([
  '', '~', 'null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE',
  '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF', '<<',
]);
const OLD_BOOLS = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF']);
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

function daysIn(month: number, year: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function validDate(y: string, m: string, d: string): boolean {
  const month = Number(m);
  const day = Number(d);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(month, Number(y));
}

function validTime(h: string, mi: string, s: string): boolean {
  return Number(h) < 24 && Number(mi) < 60 && Number(s) < 60;
}

/** go-yaml's `parseTimestamp` formats: `2006-1-2`, `2006-1-2T15:4:5.999Z07:00`, `2006-1-2 15:4:5.999`. */
function isTimestamp(s: string): boolean {
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m !== null) return validDate(m[1]!, m[2]!, m[3]!);
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?(?:Z|[+-](\d{2}):(\d{2}))$/.exec(s);
  if (m !== null) {
    const zoneOk = m[7] === undefined || (Number(m[7]) < 24 && Number(m[8]) < 60);
    return validDate(m[1]!, m[2]!, m[3]!) && validTime(m[4]!, m[5]!, m[6]!) && zoneOk;
  }
  m = /^(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?$/.exec(s);
  if (m !== null) return validDate(m[1]!, m[2]!, m[3]!) && validTime(m[4]!, m[5]!, m[6]!);
  return false;
}

/** True when `s`, written plain, would not read back as the same string. */
function resolvesToNonString(s: string): boolean {
  if (RESOLVE_NON_STRING.has(s)) return true;
  const c = s[0];
  if (c === '.') return parseGoFloat(s) !== undefined;
  if (c === '+' || c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
    if (isTimestamp(s)) return true;
    const plain = s.replace(/_/g, '');
    if (parseGoInteger(plain, true) !== undefined || parseGoInteger(plain, false) !== undefined) return true;
    if (YAML_STYLE_FLOAT.test(plain) && parseGoFloat(plain) !== undefined) return true;
    if (/^-?0[bo]/.test(plain)) {
      const digits = plain.replace(/^-?0[bo]/, '');
      const base = plain.includes('0b') ? /^[01]+$/ : /^[0-7]+$/;
      if (base.test(digits)) return true;
    }
  }
  return false;
}

export function canBePlain(s: string): boolean {
  return !resolvesToNonString(s) && !BASE60_FLOAT.test(s) && !OLD_BOOLS.has(s);
}
