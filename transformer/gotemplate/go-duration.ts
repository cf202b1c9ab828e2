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
