/**
 * `metav1.Time` as it reads and writes JSON: RFC 3339 in (fractional seconds accepted), RFC 3339
 * in UTC to whole seconds out, the zero time written as `null`.
 */

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const LAYOUT = '2006-01-02T15:04:05Z07:00';

export class TimeError extends Error {}

/** The JSON value Go writes for a time read from the string `text`: RFC 3339 UTC, or null for the zero time. */
export function canonicalTime(text: string): string | null {
  const m = RFC3339.exec(text);
  if (!m) throw new TimeError(`parsing time ${JSON.stringify(text)} as ${JSON.stringify(LAYOUT)}: cannot parse ${JSON.stringify(text)} as an RFC 3339 time`);
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const days = new Date(Date.UTC(2000, month, 0)).getUTCDate();
  const leap = month === 2 && (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0));
  if (month < 1 || month > 12 || day < 1 || day > (month === 2 ? (leap ? 29 : 28) : days) || hour > 23 || minute > 59 || second > 59) {
    throw new TimeError(`parsing time ${JSON.stringify(text)}: value out of range`);
  }
  const zone = m[7]!;
  const offsetMinutes = zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute - offsetMinutes, second, 0);
  const y = date.getUTCFullYear();
  if (y === 1 && date.getUTCMonth() === 0 && date.getUTCDate() === 1 && date.getUTCHours() === 0 && date.getUTCMinutes() === 0 && date.getUTCSeconds() === 0 && !/\.\d*[1-9]/.test(text)) {
    return null;
  }
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(y, 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}Z`;
}
