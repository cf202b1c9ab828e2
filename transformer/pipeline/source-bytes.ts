/**
 * Bytes in, text out, or the reason the bytes are not a manifest mesh-inject may rewrite. Invalid
 * UTF-8 and NUL bytes are refused with their position, never replaced: a U+FFFD written back would
 * change bytes the user never asked to change, and `uninject` could no longer restore them.
 */

interface SourceText {
  text: string;
}

export interface ByteProblem {
  /** 0-based byte offset of the first offending byte. */
  offset: number;
  /** 1-based line and column (in bytes) of that byte. */
  line: number;
  column: number;
  message: string;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Length of the valid UTF-8 sequence starting at `i`, or 0 when it is not one. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i]!;
  if (b0 < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < bytes.length && bytes[i + k]! >= lo && bytes[i + k]! <= hi;
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if (b0 === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (b0 >= 0xe1 && b0 <= 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (b0 === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b0 >= 0xf1 && b0 <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b0 === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

function positionOf(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function firstProblem(bytes: Uint8Array): ByteProblem | undefined {
  for (let i = 0; i < bytes.length;) {
    if (bytes[i] === 0) {
      return { offset: i, ...positionOf(bytes, i), message: `NUL byte at byte offset ${i}: this is not a text file; mesh-inject only rewrites UTF-8 text` };
    }
    const length = sequenceLength(bytes, i);
    if (length === 0) {
      const hex = bytes[i]!.toString(16).padStart(2, '0');
      return { offset: i, ...positionOf(bytes, i), message: `invalid UTF-8 (byte 0x${hex}) at byte offset ${i}; re-save the file as UTF-8 (e.g. \`iconv -f latin1 -t utf-8\`)` };
    }
    i += length;
  }
  return undefined;
}

/** Strict UTF-8 decoding (a BOM is kept as U+FEFF in the text, so it is written back as it was). */
export function decodeSource(bytes: Uint8Array): SourceText | ByteProblem {
  // The common case (valid, no NUL) costs one native pass plus one scan for NUL.
  if (bytes.indexOf(0) === -1) {
    try {
      return { text: strictUtf8.decode(bytes) };
    } catch {
      // fall through to locate the offending byte
    }
  }
  return firstProblem(bytes) ?? { text: strictUtf8.decode(bytes) };
}

export function isByteProblem(value: SourceText | ByteProblem): value is ByteProblem {
  return 'offset' in value;
}
