/**
 * Go strings are UTF-8 bytes; JS strings are UTF-16. These helpers give the byte view where Go's
 * semantics depend on it (`len`, slicing, `trunc`, `%x`, error columns).
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

/** Number of UTF-8 bytes of `text` (a lone surrogate counts as U+FFFD, 3 bytes). */
export function byteLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1))) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

export function utf8Bytes(text: string): Uint8Array {
  return encoder.encode(text);
}

export function fromUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/** Go `s[start:end]` on the UTF-8 bytes (a cut inside a rune decodes to U+FFFD). */
export function sliceBytes(text: string, start: number, end?: number): string {
  if (isAscii(text)) return text.slice(start, end);
  return fromUtf8(utf8Bytes(text).subarray(start, end));
}

/** The byte at `index` (Go `s[i]`). */
export function byteAt(text: string, index: number): number {
  if (isAscii(text)) return text.charCodeAt(index);
  return utf8Bytes(text)[index] ?? 0;
}

function isAscii(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(text);
}

/** Code points of `text` (a lone surrogate counts as one), without iterating them. */
export function runeCount(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      n--;
      i++;
    }
  }
  return n;
}
