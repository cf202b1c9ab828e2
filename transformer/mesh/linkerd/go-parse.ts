/**
 * The Go parsers Linkerd reads annotation values with (`strconv.ParseBool`, `ParseInt`,
 * `ParseFloat`, `time.ParseDuration`, `resource.ParseQuantity`), so a value Linkerd takes is
 * taken here and one it ignores is ignored here.
 */
import { canonicalQuantity } from '../../go/go-quantity.js';

const TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

export function parseGoBool(text: string): boolean | undefined {
  if (TRUE.has(text)) return true;
  if (FALSE.has(text)) return false;
  return undefined;
}

/** `strconv.ParseInt(text, 10, bits)` (or ParseUint when `unsigned`). */
export function parseGoInt(text: string, bits: 32 | 64, unsigned = false): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(text) || (unsigned && /^[+-]/.test(text))) return undefined;
  const value = BigInt(text);
  const max = unsigned ? (1n << BigInt(bits)) - 1n : (1n << BigInt(bits - 1)) - 1n;
  const min = unsigned ? 0n : -(1n << BigInt(bits - 1));
  if (value > max || value < min) return undefined;
  return Number(value);
}

/** `strconv.ParseFloat(text, 64)` for the decimal spellings (and inf/nan, which callers reject anyway). */
export function parseGoFloat(text: string): number | undefined {
  if (/^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(text.replaceAll('_', ''))) return Number(text.replaceAll('_', ''));
  if (/^[+-]?(inf|infinity)$/i.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  if (/^nan$/i.test(text)) return NaN;
  return undefined;
}


/** Go's `Duration.Seconds()`: whole seconds plus the fraction, as float64 (its rounding, not nanos / 1e9). */
export function goSeconds(nanos: number): number {
  const sec = Math.trunc(nanos / 1e9);
  return sec + (nanos - sec * 1e9) / 1e9;
}

/** The quantity's canonical spelling (`0.5` → `500m`), or Go's parse error. */
export function parseQuantity(text: string): { canonical: string } | { error: string } {
  try {
    return { canonical: canonicalQuantity(text) };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

const DECIMAL: Readonly<Record<string, number>> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
const BINARY: Readonly<Record<string, number>> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };

/** Linkerd's `ToWholeCPUCores`: the quantity rounded up to whole cores (`110m` → 1, `2.5` → 3). */
export function wholeCpuCores(canonical: string): number {
  const m = /^([+-]?[0-9.]+)(?:[eE]([+-]?[0-9]+)|([a-zA-Z]*))$/.exec(canonical);
  if (!m) return 0;
  const scale = m[2] !== undefined ? 10 ** Number(m[2]) : (DECIMAL[m[3] ?? ''] ?? BINARY[m[3] ?? ''] ?? 1);
  // Round away float noise before taking the ceiling (110m is 0.11, never 0.110000001 → 1 anyway).
  const value = Math.round(Number(m[1]) * scale * 1e9) / 1e9;
  return Math.ceil(value);
}
