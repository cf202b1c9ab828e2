/**
 * Kubernetes `resource.Quantity` as it reads JSON and writes it back (k8s.io/apimachinery
 * `ParseQuantity`, `MarshalJSON`, `CanonicalizeBytes`), so `kube-inject` output spells quantities
 * the way istioctl does: `2000m` -> `2`, `1024Mi` -> `1Gi`, `0.5` -> `500m`, `1000` -> `1k`, while
 * spellings the parser keeps verbatim (`100m`, `100Mi`, `1e3`, `+1`) stay as written.
 */

const QUANTITY_FORMAT_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const NUMERIC_ERROR = 'unable to parse numeric part of quantity';
const SUFFIX_ERROR = "unable to parse quantity's suffix";

type Format = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** An exact value `mantissa * 10^exponent` with its format, or the verbatim text Go keeps. */
interface Quantity {
  mantissa: bigint;
  exponent: number;
  format: Format;
  verbatim?: string;
}

const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const MAX_INT64 = (1n << 63n) - 1n;

export class QuantityError extends Error {}

/** The JSON string Go writes for a quantity read from `text` (a JSON string's content or a JSON number's literal). */
export function canonicalQuantity(text: string): string {
  const q = parseQuantity(text.trim());
  return q.verbatim ?? formatQuantity(q);
}

interface Parts {
  positive: boolean;
  value: string;
  num: string;
  denom: string;
  suffix: string;
}

/** `parseQuantityString`: sign, integer digits (leading zeros dropped), fraction digits, suffix. */
function splitQuantity(str: string): Parts {
  let pos = 0;
  const end = str.length;
  let positive = true;
  if (str[0] === '-') {
    positive = false;
    pos++;
  } else if (str[0] === '+') pos++;
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { positive, value: '0', num: '0', denom: '', suffix: '' };
  const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
  let i = pos;
  while (i < end && isDigit(str[i])) i++;
  if (i >= end) return { positive, value: str, num: str.slice(pos), denom: '', suffix: '' };
  const num = str.slice(pos, i) || '0';
  pos = i;
  let denom = '';
  if (str[pos] === '.') {
    pos++;
    i = pos;
    while (i < end && isDigit(str[i])) i++;
    denom = str.slice(pos, i);
    if (i >= end) return { positive, value: str, num, denom, suffix: '' };
    pos = i;
  }
  const value = str.slice(0, pos);
  const suffixStart = pos;
  while (pos < end && 'eEinumkKMGTP'.includes(str[pos]!)) pos++;
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  while (pos < end && isDigit(str[pos])) pos++;
  if (pos < end) throw new QuantityError(QUANTITY_FORMAT_ERROR);
  return { positive, value, num, denom, suffix: str.slice(suffixStart) };
}

function interpretSuffix(suffix: string): { base: 2 | 10; exponent: number; format: Format } {
  if (suffix in DECIMAL_SUFFIXES) return { base: 10, exponent: DECIMAL_SUFFIXES[suffix]!, format: 'DecimalSI' };
  if (suffix in BINARY_SUFFIXES) return { base: 2, exponent: BINARY_SUFFIXES[suffix]!, format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?[0-9]+$/.test(suffix.slice(1))) {
    return { base: 10, exponent: Number(suffix.slice(1)), format: 'DecimalExponent' };
  }
  throw new QuantityError(SUFFIX_ERROR);
}

function parseQuantity(str: string): Quantity {
  if (str === '') throw new QuantityError(QUANTITY_FORMAT_ERROR);
  if (str === '0') return { mantissa: 0n, exponent: 0, format: 'DecimalSI', verbatim: '0' };
  const { positive, value, num, denom, suffix } = splitQuantity(str);
  const { base, exponent, format: parsedFormat } = interpretSuffix(suffix);

  // Go's int64 fast path decides whether the text is kept verbatim.
  let precision: number;
  let scale: number;
  let binaryShift = 0;
  if (parsedFormat === 'BinarySI') {
    scale = 0;
    if (exponent >= 0 && denom.length === 0) {
      binaryShift = exponent;
      precision = 15 - num.length - Math.trunc(Math.fround(exponent) * 3 / 10) - 1;
    } else precision = -1;
  } else {
    scale = exponent;
    precision = 18 - (num.length + denom.length);
  }
  if (precision >= 0) {
    scale -= denom.length;
    if (scale >= -9) {
      const shifted = num + denom;
      const digits = BigInt(shifted);
      const result = digits << BigInt(binaryShift);
      if (result <= MAX_INT64) {
        const signed = positive ? result : -result;
        const keep =
          parsedFormat === 'BinarySI'
            ? exponent % 10 === 0 && (digits & 7n) !== 0n
            : scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
        return { mantissa: signed, exponent: scale, format: parsedFormat, ...(keep ? { verbatim: str } : {}) };
      }
    }
  }

  // Arbitrary precision: value * base^exponent, rounded up (away from zero) to nano units.
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?$/.exec(value);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new QuantityError(NUMERIC_ERROR);
  const fraction = m[3] ?? '';
  let mantissa = BigInt(`${m[2] || '0'}${fraction}`);
  let exp = -fraction.length;
  if (base === 10) exp += exponent;
  else mantissa <<= BigInt(exponent);
  if (exp < -9) {
    const divisor = 10n ** BigInt(-9 - exp);
    mantissa = (mantissa + divisor - 1n) / divisor;
    exp = -9;
  }
  let format = parsedFormat;
  if (format === 'BinarySI' && mantissa > 0n && compare(mantissa, exp, 1n) < 0) format = 'DecimalSI';
  return { mantissa: m[1] === '-' ? -mantissa : mantissa, exponent: exp, format };
}

/** Sign of `mantissa * 10^exponent - n`. */
function compare(mantissa: bigint, exponent: number, n: bigint): number {
  const [a, b] = exponent >= 0 ? [mantissa * 10n ** BigInt(exponent), n] : [mantissa, n * 10n ** BigInt(-exponent)];
  return a < b ? -1 : a > b ? 1 : 0;
}

function formatQuantity(q: Quantity): string {
  if (q.mantissa === 0n) return '0';
  let format = q.format;
  let integer: bigint | undefined;
  if (format === 'BinarySI') {
    if (compare(q.mantissa, q.exponent, -1024n) > 0 && compare(q.mantissa, q.exponent, 1024n) < 0) format = 'DecimalSI';
    else {
      integer = asInteger(q);
      if (integer === undefined) format = 'DecimalSI';
    }
  }
  if (format === 'BinarySI') {
    let amount = integer!;
    let times = 0;
    while (abs(amount) >= 1024n && amount % 1024n === 0n) {
      amount /= 1024n;
      times++;
    }
    const suffix = Object.entries(BINARY_SUFFIXES).find(([, e]) => e === times * 10)?.[0] ?? '';
    return `${amount}${suffix}`;
  }
  let amount = q.mantissa;
  let exponent = q.exponent;
  while (abs(amount) >= 10n && amount % 10n === 0n) {
    amount /= 10n;
    exponent++;
  }
  const rest = ((exponent % 3) + 3) % 3;
  amount *= 10n ** BigInt(rest);
  exponent -= rest;
  if (format === 'DecimalExponent') return exponent === 0 ? `${amount}` : `${amount}e${exponent}`;
  const suffix = Object.entries(DECIMAL_SUFFIXES).find(([, e]) => e === exponent)?.[0] ?? '';
  return `${amount}${suffix}`;
}

function asInteger(q: Quantity): bigint | undefined {
  if (q.exponent >= 0) return q.mantissa * 10n ** BigInt(q.exponent);
  const divisor = 10n ** BigInt(-q.exponent);
  return q.mantissa % divisor === 0n ? q.mantissa / divisor : undefined;
}

function abs(n: bigint): bigint {
  return n < 0n ? -n : n;
}

/**
 * The quantity in units of `10^scale`, rounded up away from zero as Go's `Quantity.ScaledValue`
 * does: `scaledQuantity('100m', -3)` is 100n (millicores), `scaledQuantity('1Gi', 0)` 1073741824n
 * (bytes). Throws QuantityError for text the API server would refuse.
 */
export function scaledQuantity(text: string, scale: number): bigint {
  const q = parseQuantity(text.trim());
  const shift = q.exponent - scale;
  if (shift >= 0) return q.mantissa * 10n ** BigInt(shift);
  const divisor = 10n ** BigInt(-shift);
  const magnitude = (abs(q.mantissa) + divisor - 1n) / divisor;
  return q.mantissa < 0n ? -magnitude : magnitude;
}
