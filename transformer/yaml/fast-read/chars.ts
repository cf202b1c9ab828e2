/**
 * Char codes and character classes for the fast YAML reader: its scanners compare
 * `charCodeAt` results, which is cheaper than one-character strings and Set lookups.
 */

export const NEWLINE = 0x0a;
export const SPACE = 0x20;
export const DOUBLE_QUOTE = 0x22; // "
export const HASH = 0x23; // #
export const SINGLE_QUOTE = 0x27; // '
export const COMMA = 0x2c;
export const DASH = 0x2d;
export const COLON = 0x3a;
export const GREATER = 0x3e; // >
export const QUESTION = 0x3f;
export const OPEN_BRACKET = 0x5b; // [
export const BACKSLASH = 0x5c;
export const CLOSE_BRACKET = 0x5d; // ]
export const OPEN_BRACE = 0x7b; // {
export const PIPE = 0x7c; // |
export const CLOSE_BRACE = 0x7d; // }

/** Indicators a plain scalar never starts with: ,[]{}#&*!|>'"%@` */
const NEVER_PLAIN_START = new Uint8Array(128);
for (const ch of ',[]{}#&*!|>\'"%@`') NEVER_PLAIN_START[ch.charCodeAt(0)] = 1;

export function neverStartsPlain(code: number): boolean {
  return code < 128 && NEVER_PLAIN_START[code] === 1;
}

/** `,[]{}`: they end plain scalars inside flow collections. */
export function isFlowIndicatorCode(code: number): boolean {
  return code === COMMA || code === OPEN_BRACKET || code === CLOSE_BRACKET || code === OPEN_BRACE || code === CLOSE_BRACE;
}
