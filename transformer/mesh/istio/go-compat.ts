/**
 * Small Go / sprig semantics Istio's injector relies on, so the preset reads annotations
 * exactly as the webhook does.
 */

const GO_TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const GO_FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** Go `strconv.ParseBool`: undefined when the text is not a boolean. */
export function parseGoBool(value: string): boolean | undefined {
  if (GO_TRUE.has(value)) return true;
  if (GO_FALSE.has(value)) return false;
  return undefined;
}

/** Go `strconv.ParseUint(value, 10, bits)`: undefined when out of range or not decimal digits. */
export function parseGoUint(value: string, bits: 16 | 32): number | undefined {
  if (!/^[0-9]+$/.test(value)) return undefined;
  const n = Number(value);
  return n <= 2 ** bits - 1 ? n : undefined;
}

/** Go `strconv.Atoi` for the values the injector reads back (status port). */
export function parseGoInt(value: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(value)) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** sprig `trunc n`: the first n characters. */
export function trunc(value: string, n: number): string {
  return [...value].slice(0, n).join('');
}

/** sprig `trimAll cutset`: strip every leading and trailing character found in `cutset`. */
export function trimAll(value: string, cutset: string): string {
  const chars = [...value];
  let start = 0;
  let end = chars.length;
  while (start < end && cutset.includes(chars[start]!)) start++;
  while (end > start && cutset.includes(chars[end - 1]!)) end--;
  return chars.slice(start, end).join('');
}

/** sprig `default`: the fallback when the value is undefined or empty. */
export function orDefault(value: string | undefined, fallback: string): string {
  return value === undefined || value === '' ? fallback : value;
}

/** Prometheus `strutil.SanitizeLabelName`: `prometheus.io/scrape` and `prometheus-io.scrape` compare equal. */
export function sanitizeLabelName(name: string): string {
  return name.replace(/[^a-zA-Z0-9_]/g, '_');
}
