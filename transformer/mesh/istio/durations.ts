/** protobuf JSON `Duration` text (`"23s"`, `"1.500s"`), as ProxyConfig durations are written. */

/** Nanoseconds of a protobuf JSON duration (`"23s"`, `"-1.5s"`). */
export function durationNanos(text: string): bigint | undefined {
  const m = /^(-)?([0-9]+)(?:\.([0-9]{1,9}))?s$/.exec(text);
  if (!m) return undefined;
  const nanos = BigInt(m[2]!) * 1_000_000_000n + BigInt((m[3] ?? '').padEnd(9, '0'));
  return m[1] ? -nanos : nanos;
}

/** protobuf JSON duration output: 0, 3, 6 or 9 fractional digits. */
export function formatDuration(nanos: bigint): string {
  const sign = nanos < 0n ? '-' : '';
  const abs = nanos < 0n ? -nanos : nanos;
  const seconds = abs / 1_000_000_000n;
  const frac = abs % 1_000_000_000n;
  if (frac === 0n) return `${sign}${seconds}s`;
  let digits = frac.toString().padStart(9, '0');
  while (digits.endsWith('000')) digits = digits.slice(0, -3);
  return `${sign}${seconds}.${digits}s`;
}
