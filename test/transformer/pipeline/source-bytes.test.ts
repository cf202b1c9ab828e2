import { describe, expect, it } from 'vitest';
import { decodeSource, isByteProblem } from '../../../transformer/pipeline/source-bytes.js';

const bytes = (...parts: Array<string | number[]>) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

describe('decodeSource', () => {
  it('decodes UTF-8 text and keeps a BOM as U+FEFF', () => {
    expect(decodeSource(bytes([0xef, 0xbb, 0xbf], 'a: é\n'))).toEqual({ text: '\uFEFFa: é\n' });
  });

  it('refuses a Latin-1 byte with its offset, line and column', () => {
    const out = decodeSource(bytes('a: 1\n# caf', [0xe9], '\n'));
    expect(isByteProblem(out) && { offset: out.offset, line: out.line, column: out.column }).toEqual({ offset: 10, line: 2, column: 6 });
  });

  it('refuses NUL bytes', () => {
    const out = decodeSource(bytes('a: 1', [0], '\n'));
    expect(isByteProblem(out) && out.offset).toBe(4);
  });

  it('refuses overlong forms, surrogates and truncated sequences', () => {
    for (const bad of [[0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf4, 0x90, 0x80, 0x80], [0xff]]) {
      const out = decodeSource(bytes('x', bad));
      expect(isByteProblem(out) && out.offset, JSON.stringify(bad)).toBe(1);
    }
  });

  it('accepts every valid multi-byte form', () => {
    expect(decodeSource(bytes('ü € 𝄞 \u{10FFFF}'))).toEqual({ text: 'ü € 𝄞 \u{10FFFF}' });
  });
});
