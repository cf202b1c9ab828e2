/**
 * Go `strconv` quoting: `Quote`, `QuoteToASCII`, `QuoteRune`, `CanBackquote`, and `unicode.IsPrint`.
 */

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** Go `strconv.IsPrint`/`unicode.IsPrint`: letters, marks, numbers, punctuation, symbols, ASCII space. */
export function isPrint(codePoint: number): boolean {
  if (codePoint === 0x20) return true;
  if (codePoint < 0x20 || codePoint === 0x7f) return false;
  if (codePoint < 0x7f) return true;
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) return false;
  return PRINTABLE.test(String.fromCodePoint(codePoint));
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

function escapeRune(r: number, quote: number, asciiOnly: boolean): string {
  if (r === quote || r === 0x5c) return '\\' + String.fromCodePoint(r);
  if (asciiOnly ? r < 0x80 && isPrint(r) : isPrint(r)) return String.fromCodePoint(r);
  switch (r) {
    case 0x07:
      return '\\a';
    case 0x08:
      return '\\b';
    case 0x0c:
      return '\\f';
    case 0x0a:
      return '\\n';
    case 0x0d:
      return '\\r';
    case 0x09:
      return '\\t';
    case 0x0b:
      return '\\v';
  }
  if (r < 0x20 || r === 0x7f) return '\\x' + hex(r, 2);
  if (r >= 0xd800 && r <= 0xdfff) return '\\ufffd';
  if (r < 0x10000) return '\\u' + hex(r, 4);
  return '\\U' + hex(r, 8);
}

/** Printable ASCII other than the quote and backslash: characters a quoted string keeps as they are. */
function isPlainAscii(text: string, quote: number): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c >= 0x7f || c === quote || c === 0x5c) return false;
  }
  return true;
}

function quoteWith(text: string, quote: number, asciiOnly: boolean): string {
  if (isPlainAscii(text, quote)) {
    const q = String.fromCharCode(quote);
    return q + text + q;
  }
  let out = String.fromCodePoint(quote);
  for (const ch of text) out += escapeRune(ch.codePointAt(0) ?? 0xfffd, quote, asciiOnly);
  return out + String.fromCodePoint(quote);
}

/** Go `strconv.Quote` (what `%q` and sprig `quote` print). */
export function goQuote(text: string): string {
  return quoteWith(text, 0x22, false);
}

/** Go `strconv.QuoteToASCII` (`%+q`). */
export function goQuoteASCII(text: string): string {
  return quoteWith(text, 0x22, true);
}

/** Go `strconv.QuoteRune` (`%q` of an integer). */
export function goQuoteRune(r: number, asciiOnly = false): string {
  const valid = r >= 0 && r <= 0x10ffff && !(r >= 0xd800 && r <= 0xdfff);
  return quoteWith(String.fromCodePoint(valid ? r : 0xfffd), 0x27, asciiOnly);
}

/** Go `strconv.CanBackquote`: no control characters other than tab, no backquote, no U+FEFF. */
export function canBackquote(text: string): boolean {
  for (const ch of text) {
    const r = ch.codePointAt(0) ?? 0;
    if (r === 0x60 || r === 0xfeff) return false;
    if (r < 0x20 && r !== 0x09) return false;
    if (r === 0x7f) return false;
  }
  return true;
}
