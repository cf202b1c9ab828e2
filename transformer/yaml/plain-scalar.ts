/**
 * What a plain (unquoted) scalar means under our parse schema (`yaml-options.ts`: YAML 1.1 minus
 * timestamps and base-60 numbers): the YAML 1.1 implicit types (yaml.org/type: null, bool, int,
 * float), tried in the order the `yaml` package tries them (first match wins), so the fast reader
 * resolves `on`, `0644` or `.inf` exactly as `yaml` does. test/transformer/yaml/fast-read/fast-read.property.test.ts
 * compares the two on random scalars.
 */

/** The YAML 1.1 null and bool words (`~`, `null`, `y`, `on`, `NO`, `False`, ...) and their values. */
const WORDS: ReadonlyMap<string, null | boolean> = new Map<string, null | boolean>([
  ...['~', 'null', 'Null', 'NULL'].map((word) => [word, null] as const),
  ...['Y', 'y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((word) => [word, true] as const),
  ...['N', 'n', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((word) => [word, false] as const),
]);

/** What a plain scalar's first character allows it to be, by char code: a string only, maybe a word, maybe a number. */
const STRING = 0;
const WORD = 1;
const NUMBER = 2;
const FIRST_CHAR_KIND = new Uint8Array(128);
for (const ch of '~nNyYtTfFoO') FIRST_CHAR_KIND[ch.charCodeAt(0)] = WORD;
// `e`/`E`: yaml's exponent float has an optional mantissa, so `e3` is a float (1000).
for (const ch of '0123456789.-+eE') FIRST_CHAR_KIND[ch.charCodeAt(0)] = NUMBER;

/** Every character any number below uses (digits, hex digits, `x`, `_`, `.`, signs, `inf`/`nan` letters). */
const NUMBER_CHAR = new Uint8Array(128);
for (const ch of '0123456789abcdefABCDEFx_.+-inIN') NUMBER_CHAR[ch.charCodeAt(0)] = 1;

/** An int as `yaml` reads it without `intAsBigInt`: `-0` and imprecise big ints included. */
function int(text: string, prefix: number, radix: number): number {
  const sign = text[0];
  const offset = sign === '-' || sign === '+' ? prefix + 1 : prefix;
  const n = parseInt(text.substring(offset).replace(/_/g, ''), radix);
  return sign === '-' ? -1 * n : n;
}

function float(text: string): number {
  return parseFloat(text.replace(/_/g, ''));
}

function special(text: string): number {
  if (text.slice(-3).toLowerCase() === 'nan') return NaN;
  return text[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
}

const NUMBER_TAGS: ReadonlyArray<readonly [RegExp, (text: string) => number]> = [
  [/^[-+]?0b[0-1_]+$/, (t) => int(t, 2, 2)],
  [/^[-+]?0[0-7_]+$/, (t) => int(t, 1, 8)],
  [/^[-+]?[0-9][0-9_]*$/, (t) => int(t, 0, 10)],
  [/^[-+]?0x[0-9a-fA-F_]+$/, (t) => int(t, 2, 16)],
  [/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/, special],
  [/^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/, float],
  [/^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/, float],
];

/** The value of a plain scalar: null, boolean, number or the text itself. */
export function resolvePlainScalar(text: string): unknown {
  if (text.length === 0) return null;
  // Dispatch on the first character: no null or boolean starts like a number and vice versa,
  // and anything else (most Kubernetes strings) is a string without a lookup or a regex.
  const first = text.charCodeAt(0);
  const kind = first < 128 ? FIRST_CHAR_KIND[first] : STRING;
  if (kind === WORD) {
    if (text.length > 5) return text; // longer than `false`
    const word = WORDS.get(text);
    return word === undefined ? text : word;
  }
  if (kind === NUMBER) {
    if (isSmallDecimal(text)) return parseInt(text, 10);
    if (!hasOnlyNumberChars(text)) return text; // `env`, `--domain`, `2000m`
    for (const [test, resolve] of NUMBER_TAGS) if (test.test(text)) return resolve(text);
  }
  return text;
}

function hasOnlyNumberChars(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 128 || NUMBER_CHAR[code] === 0) return false;
  }
  return true;
}

/** `0` or digits without a leading zero (not octal), few enough to be exact: the common int. */
function isSmallDecimal(text: string): boolean {
  if (text.length > 15 || (text.length > 1 && text[0] === '0')) return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

/**
 * The JS property name yaml's `toJS` gives a plain mapping key: the resolved value as a string,
 * `''` for null (so `1`, `0x1`, `01` and `+1` all name `"1"`).
 */
export function plainKeyName(text: string): string {
  const value = resolvePlainScalar(text);
  return value === null ? '' : String(value);
}
