/**
 * The fast reader's block cache (`transformer/yaml/fast-read/block-cache.ts`): reading with a shared
 * cache must give exactly what reading without one gives (and declining alike), whatever the
 * cached block's surroundings were; values are deep-frozen. Named context cases, then random
 * documents and variants sharing their blocks, each compared with the uncached reader and yaml.
 */
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { Scalar } from 'yaml';
import { describe, expect, it } from 'vitest';
import { createBlockCache, readPlainData, type BlockCache } from '../../../../transformer/yaml/fast-read/fast-read.js';
import { anyStyle, key, leaf, print, valueOf, writeLoose } from './generators.js';
import { agreesWithYaml, keyOrder } from './oracle.js';

function isDeepFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  return Object.isFrozen(value) && Object.values(value).every(isDeepFrozen);
}

/** Reads `text` with `cache` and without; asserts the same answer (key order included), deep-frozen. */
function readBoth(text: string, cache: BlockCache): { ok: boolean; value?: unknown } {
  const cached = readPlainData(text, cache);
  const plain = readPlainData(text);
  if (cached.ok !== plain.ok) expect({ text, cached: cached.ok }).toEqual({ text, cached: plain.ok });
  if (!cached.ok || !plain.ok) return { ok: false };
  if (!isDeepStrictEqual(cached.value, plain.value) || !isDeepStrictEqual(keyOrder(cached.value), keyOrder(plain.value))) {
    expect({ text, value: cached.value }).toStrictEqual({ text, value: plain.value });
    throw new Error(`cached and uncached reads differ on ${JSON.stringify(text)}`);
  }
  expect(isDeepFrozen(cached.value)).toBe(true);
  agreesWithYaml(text);
  return { ok: true, value: cached.value };
}

/** Reads all texts in order with one cache, then again (now from the cache); returns the second pass's hits. */
function readAllTwice(texts: readonly string[]): number {
  const cache = createBlockCache();
  for (const text of texts) readBoth(text, cache);
  const before = cache.hits;
  for (const text of texts) readBoth(text, cache);
  return cache.hits - before;
}

const BLOCK = 'name: app\nimage: nginx\nports:\n- 80\n- 443\n';
const indent = (text: string, by: number) => text.replace(/^(?=.)/gm, ' '.repeat(by));

describe('fast reader block cache: context', () => {
  it('finds a block again, in another document and at another place of the same one', () => {
    const doc = `a:\n${indent(BLOCK, 2)}b:\n${indent(BLOCK, 2)}`;
    expect(readAllTwice([doc, `x: 1\nc:\n${indent(BLOCK, 2)}`])).toBeGreaterThan(0);
  });

  it('keeps blocks of the same text at different columns apart', () => {
    const tail = 'a: 1\n    b: 2\n    c: 3\n';
    readAllTwice([`k:\n  - ${tail}`, `k:\n    ${tail}`, `k:\n - ${tail}`, `k:\n   - ${tail}`, `k:\n  -  ${tail}`]);
    expect(readBoth(`k:\n - ${tail}`, createBlockCache()).ok).toBe(false);
  });

  it('keeps `key:\\n- a` sequences apart from indented ones, and declines an indented one followed by a row at its column', () => {
    const seq = '- a\n  - b\n  - c\n';
    readAllTwice([`k:\n  ${seq}z: 1\n`, `k:\n  ${seq}  z: 1\n`, `k:\n- a\n- b\n- c\nz: 1\n`, `k:\n- a\n- b\n- c\n- d\nz: 1\n`, `k:\n  ${seq}`]);
    const cache = createBlockCache();
    expect(readBoth(`k:\n  ${seq}z: 1\n`, cache).ok).toBe(true);
    expect(readBoth(`k:\n  ${seq}  z: 1\n`, cache).ok).toBe(false);
    expect(readBoth(`k:\n- a\n- b\n- c\nz: 1\n`, cache).ok).toBe(true);
    expect(readBoth(`j:\n  k:\n  - a\n  - b\n  - c\n  z: 1\n`, cache).ok).toBe(true);
  });

  it('does not reuse a block whose end differs: more lines, blank or comment lines, the end of the text', () => {
    const block = 'k:\n  a: 1\n  b: 2\n  c: 3\n';
    readAllTwice([`${block}z: 1\n`, `${block}  d: 4\nz: 1\n`, `${block}\nz: 1\n`, `${block}#c\nz: 1\n`, `${block}  #c\nz: 1\n`, block, block.slice(0, -1), `${block}   \n`]);
  });

  it('reads blocks after comment lines as without the cache', () => {
    readAllTwice([`a:\n  x:\n    p: 1\n    q: 2\n    r: 3\n`, `a:\n  x:\n#c\n    p: 1\n    q: 2\n    r: 3\n`, `a:\n  x:\n  # c\n    p: 1\n    q: 2\n    r: 3\n`, `a:\n  -\n#x\n   a\n  - b\n  - c\n`]);
  });

  it('reads block scalars inside blocks as without the cache (keep-chomping at the end of the text declines)', () => {
    const block = 'k:\n  t: >-\n    y\n     z\n\n  s: |+\n    x\n\n';
    readAllTwice([`${block}z: 1\n`, block, `${block}  \nz: 1\n`, `${block}      \nz: 1\n`, `k:\n  s: |\n    x\n  t: 1\n  u: 2\n`, `k:\n  s: |\n    x\n  t: 1\n  u: 2`]);
    const cache = createBlockCache();
    expect(readBoth(`${block}z: 1\n`, cache).ok).toBe(true);
    expect(readBoth(block, cache).ok).toBe(false);
  });

  it('reads flow collections inside blocks as without the cache (closers at the block column)', () => {
    readAllTwice([
      'k:\n  a: [\n    1,\n    2\n  ]\n  b: {x: 1}\n  c: 3\nz: 1\n',
      'k:\n  a: [\n    1,\n    2\n ]\n  b: {x: 1}\n  c: 3\nz: 1\n',
      '- a: [\n    1,\n    2\n  ]\n  b: 2\n  c: 3\n- z\n',
      '- a: [\n    1,\n    2\n  ]\n  b: 2\n  c: 3\n',
    ]);
  });

  it('leaves nothing wrong in the cache when a read declines', () => {
    const cache = createBlockCache();
    const block = 'a:\n  p: 1\n  q: 2\n  r: 3\n';
    expect(readBoth(`${block}a: 2\n`, cache).ok).toBe(false); // duplicate key after the block
    expect(readBoth(`${block}b: [\n`, cache).ok).toBe(false);
    expect(readBoth(block, cache)).toEqual({ ok: true, value: { a: { p: 1, q: 2, r: 3 } } });
  });

  it('deep-freezes values, shares found blocks, and lays big maps out fast', () => {
    const cache = createBlockCache();
    const many = Array.from({ length: 30 }, (_, i) => `  k${i}: ${i}\n`).join('');
    const first = readBoth(`a:\n${many}b: 1\n`, cache).value as { a: object };
    const second = readBoth(`c:\n${many}d: 2\n`, cache).value as { c: object };
    expect(second.c).toBe(first.a);
    expect(() => ((first.a as Record<string, number>).k0 = 5)).toThrow(TypeError);
    expect(Object.keys(first.a)).toEqual(Array.from({ length: 30 }, (_, i) => `k${i}`));
  });

  it('stays bounded', () => {
    const cache = createBlockCache();
    for (let i = 0; i < 5000; i++) readPlainData(`k:\n  a: ${i}\n  b: 2\n  c: 3\n`, cache);
    expect(cache.size).toBeLessThanOrEqual(4096);
    expect(cache.totalChars).toBeLessThanOrEqual(1 << 20);
  });
});

/** Variants of `text` that share its blocks in other surroundings. */
function variants(text: string, other: string): string[] {
  const lines = text.split('\n');
  const cut = lines.length >> 1;
  return [
    text,
    `wrap:\n${indent(text, 2)}`,
    `wrap:\n${indent(text, 4)}tail: 1\n`,
    `- ${indent(text, 2).trimStart()}`,
    `${text}${text.endsWith('\n') ? '' : '\n'}${other}`,
    [...lines.slice(0, cut), '# note', ...lines.slice(cut)].join('\n'),
    [...lines.slice(0, cut), '', ...lines.slice(cut)].join('\n'),
    lines.slice(1).join('\n'),
    lines.slice(0, -2).join('\n'),
    `${text}\n\n`,
  ];
}

describe('fast reader block cache vs uncached reader and yaml', () => {
  it('reads loosely written documents and variants sharing their blocks as without the cache', () => {
    let hits = 0;
    fc.assert(
      fc.property(fc.array(valueOf(leaf, key), { minLength: 2, maxLength: 3 }), fc.gen(), (values, g) => {
        const texts = values.map((value) => writeLoose(value, g));
        hits += readAllTwice(texts.flatMap((text, i) => variants(text, texts[(i + 1) % texts.length]!)));
      }),
      { numRuns: 400 },
    );
    expect(hits).toBeGreaterThan(1000);
  });

  it('reads yaml-printed documents and variants sharing their blocks as without the cache', () => {
    let hits = 0;
    fc.assert(
      fc.property(fc.array(valueOf(leaf, key), { minLength: 2, maxLength: 3 }), anyStyle, fc.gen(), (values, style, g) => {
        const texts = values.map((value) => print(value, { ...style, collectionStyle: 'block', defaultStringType: Scalar.PLAIN }, g)).filter((t) => t !== undefined);
        hits += readAllTwice(texts.flatMap((text, i) => variants(text, texts[(i + 1) % texts.length]!)));
      }),
      { numRuns: 400 },
    );
    expect(hits).toBeGreaterThan(1000);
  });
});
