import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const source = readFileSync(new URL('../../transformer/results.ts', import.meta.url), 'utf8');
const doc = readFileSync(new URL('../../docs/result-codes.md', import.meta.url), 'utf8');
const union = source.slice(source.indexOf('export type ResultCode'), source.indexOf(';', source.indexOf('export type ResultCode')));
const codes = [...union.matchAll(/'([a-z-]+)'/g)].map((m) => m[1]!);

describe('docs/result-codes.md', () => {
  it('documents every result code exactly once', () => {
    expect(codes.length).toBeGreaterThan(20);
    for (const code of codes) {
      expect(doc.match(new RegExp(`\\| \`${code}\` \\|`, 'g'))?.length, code).toBe(1);
    }
  });

  it('documents no code that does not exist', () => {
    const documented = [...doc.matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1]);
    expect(documented.filter((code) => !codes.includes(code!))).toEqual([]);
  });
});
