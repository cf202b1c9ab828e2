/**
 * Go `strconv.FormatFloat(f, fmt, prec, 64)` for `e`, `E`, `f`, `g`, `G`: shortest round-trip
 * digits when `prec < 0`, otherwise the exact binary value rounded half to even. `%v` of a
 * float64 is `g` shortest: `15020`, `0.5`, `1e+06`, `1e+21`.
 */

type FloatFormat = 'e' | 'E' | 'f' | 'g' | 'G';

/** Decimal digits `d` (no leading or trailing zeros; empty for 0) with the point after `dp` digits. */
interface Digits {
  d: string;
  dp: number;
}

function shortestDigits(abs: number): Digits {
  if (abs === 0) return { d: '', dp: 0 };
  const [mantissa = '', exponent = '0'] = abs.toExponential().split('e');
  const d = mantissa.replace('.', '').replace(/0+$/, '');
  return { d, dp: Number(exponent) + 1 };
}

/** The exact decimal expansion of a finite non-negative double. */
function exactDigits(abs: number): Digits {
  if (abs === 0) return { d: '', dp: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, abs);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const expBits = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e2: number;
  if (expBits === 0) e2 = -1074;
  else {
    mant |= 1n << 52n;
    e2 = expBits - 1075;
  }
  let digits: string;
  let dp: number;
  if (e2 >= 0) {
    digits = (mant << BigInt(e2)).toString();
    dp = digits.length;
  } else {
    digits = (mant * 5n ** BigInt(-e2)).toString();
    dp = digits.length + e2;
  }
  return { d: digits.replace(/0+$/, ''), dp };
}

/** Go `decimal.Round(nd)`: keep `nd` digits, half to even on an exact tie. */
function roundDigits(x: Digits, nd: number): Digits {
  if (nd < 0 || nd >= x.d.length) return x;
  const digit = x.d.charCodeAt(nd) - 48;
  let up: boolean;
  if (digit === 5 && nd + 1 === x.d.length) up = nd > 0 && (x.d.charCodeAt(nd - 1) - 48) % 2 === 1;
  else up = digit >= 5;
  if (!up) return { d: x.d.slice(0, nd).replace(/0+$/, ''), dp: x.dp };
  for (let i = nd - 1; i >= 0; i--) {
    if (x.d[i] !== '9') {
      return { d: x.d.slice(0, i) + String.fromCharCode(x.d.charCodeAt(i) + 1), dp: x.dp };
    }
  }
  return { d: '1', dp: x.dp + 1 };
}

function fmtE(neg: boolean, x: Digits, prec: number, letter: 'e' | 'E'): string {
  let out = neg ? '-' : '';
  out += x.d[0] ?? '0';
  if (prec > 0) {
    out += '.';
    const frac = x.d.slice(1, prec + 1);
    out += frac + '0'.repeat(prec - frac.length);
  }
  const exp = x.d.length === 0 ? 0 : x.dp - 1;
  const abs = Math.abs(exp);
  out += letter + (exp < 0 ? '-' : '+') + (abs < 10 ? '0' + abs : String(abs));
  return out;
}

function fmtF(neg: boolean, x: Digits, prec: number): string {
  let out = neg ? '-' : '';
  if (x.dp > 0) {
    const intDigits = x.d.slice(0, x.dp);
    out += intDigits + '0'.repeat(x.dp - intDigits.length);
  } else out += '0';
  if (prec > 0) {
    out += '.';
    for (let i = 0; i < prec; i++) {
      const j = x.dp + i;
      out += j >= 0 && j < x.d.length ? x.d[j] : '0';
    }
  }
  return out;
}

export function formatFloat(value: number, format: FloatFormat, precision: number): string {
  // Shortest %g without an exponent (1e-4 <= |v| < 1e6, Go's limits) is JS's own shortest form.
  if (format === 'g' && precision < 0) {
    const abs = Math.abs(value);
    if (abs >= 1e-4 && abs < 1e6) return String(value);
  }
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  const neg = value < 0 || Object.is(value, -0);
  const abs = Math.abs(value);
  const shortest = precision < 0;
  let prec = precision;
  let x: Digits;
  if (shortest) {
    x = shortestDigits(abs);
    if (format === 'e' || format === 'E') prec = Math.max(x.d.length - 1, 0);
    else if (format === 'f') prec = Math.max(x.d.length - x.dp, 0);
    else prec = x.d.length;
  } else {
    x = exactDigits(abs);
    if (format === 'e' || format === 'E') x = roundDigits(x, prec + 1);
    else if (format === 'f') x = roundDigits(x, x.dp + prec);
    else {
      if (prec === 0) prec = 1;
      x = roundDigits(x, prec);
    }
  }
  switch (format) {
    case 'e':
    case 'E':
      return fmtE(neg, x, prec, format);
    case 'f':
      return fmtF(neg, x, prec);
    default: {
      let eprec = prec;
      if (eprec > x.d.length && x.d.length >= x.dp) eprec = x.d.length;
      if (shortest) eprec = 6;
      const exp = x.dp - 1;
      if (exp < -4 || exp >= eprec) {
        if (prec > x.d.length) prec = x.d.length;
        return fmtE(neg, x, prec - 1, format === 'g' ? 'e' : 'E');
      }
      if (prec > x.dp) prec = x.d.length;
      return fmtF(neg, x, Math.max(prec - x.dp, 0));
    }
  }
}

/** Go `encoding/json` float encoding: `f` form unless tiny or huge, exponent without padding. */
export function formatFloatJSON(value: number): string {
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) {
    return formatFloat(value, 'e', -1).replace(/e-0(\d)$/, 'e-$1');
  }
  return formatFloat(value, 'f', -1);
}
