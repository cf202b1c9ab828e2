/**
 * Go `time.Duration.String()` (`1h2m3.5s`, `1.5ms`, `0s`) and the protobuf `Duration` values
 * Istio's `formatDuration` receives.
 */

const SECOND = 1_000_000_000n;
const MAX = (1n << 63n) - 1n;
const MIN = -(1n << 63n);

/** Go `fmtFrac`: the fraction of v/10^prec without trailing zeros (and no point when zero). */
function frac(v: bigint, prec: number): { text: string; rest: bigint } {
  let digits = '';
  let print = false;
  let u = v;
  for (let i = 0; i < prec; i++) {
    const digit = u % 10n;
    print = print || digit !== 0n;
    if (print) digits = digit.toString() + digits;
    u /= 10n;
  }
  return { text: print ? '.' + digits : '', rest: u };
}

/** Go `time.Duration(nanos).String()`. */
export function formatGoDuration(nanos: bigint): string {
  if (nanos === 0n) return '0s';
  const neg = nanos < 0n;
  let u = neg ? -nanos : nanos;
  let out: string;
  if (u < SECOND) {
    let unit: string;
    let prec: number;
    if (u < 1000n) {
      unit = 'ns';
      prec = 0;
    } else if (u < 1_000_000n) {
      unit = 'µs';
      prec = 3;
    } else {
      unit = 'ms';
      prec = 6;
    }
    const f = frac(u, prec);
    out = f.rest.toString() + f.text + unit;
  } else {
    const f = frac(u, 9);
    u = f.rest;
    out = (u % 60n).toString() + f.text + 's';
    u /= 60n;
    if (u > 0n) {
      out = (u % 60n).toString() + 'm' + out;
      u /= 60n;
      if (u > 0n) out = u.toString() + 'h' + out;
    }
  }
  return neg ? '-' + out : out;
}

/** protobuf `Duration.AsDuration()`: seconds and nanos to nanoseconds, saturating like Go. */
export function durationNanos(seconds: bigint, nanos: bigint): bigint {
  const total = seconds * SECOND + nanos;
  if (total > MAX) return MAX;
  if (total < MIN) return MIN;
  return total;
}

/** A duration in protobuf JSON form (`"23s"`, `"1.5s"`, `"-0.001s"`) as nanoseconds. */
export function parseProtoDuration(text: string): bigint | undefined {
  const m = /^(-)?([0-9]+)(?:\.([0-9]{1,9}))?s$/.exec(text);
  if (m === null) return undefined;
  const nanos = BigInt(m[2]!) * SECOND + BigInt((m[3] ?? '').padEnd(9, '0') || '0');
  return m[1] === '-' ? -nanos : nanos;
}

const UNIT_NANOS: Readonly<Record<string, number>> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** `time.ParseDuration`: nanoseconds, or an error in Go's wording. */
export function parseGoDuration(text: string): { nanos: number } | { error: string } {
  const quoted = JSON.stringify(text);
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return { nanos: 0 };
  if (rest === '') return { error: `time: invalid duration ${quoted}` };
  let total = 0;
  while (rest !== '') {
    const m = /^([0-9]*)(?:\.([0-9]*))?/.exec(rest)!;
    if (m[0] === '' || m[0] === '.') return { error: `time: invalid duration ${quoted}` };
    rest = rest.slice(m[0].length);
    const unit = /^[^0-9.]+/.exec(rest)?.[0];
    if (!unit) return { error: `time: missing unit in duration ${quoted}` };
    const scale = UNIT_NANOS[unit];
    if (scale === undefined) return { error: `time: unknown unit ${JSON.stringify(unit)} in duration ${quoted}` };
    rest = rest.slice(unit.length);
    total += Number(`${m[1] || '0'}.${m[2] ?? ''}0`) * scale;
  }
  return { nanos: Math.trunc(sign * total) };
}
