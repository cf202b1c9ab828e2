/**
 * Differential properties of the fast YAML reader (`transformer/yaml/fast-read/fast-read.ts`) against the
 * `yaml` package (`oracle.ts`). Texts: random data printed by `yaml` in many styles
 * (block/flow, quoting, block scalars, comments, line widths), the same with random edits or with
 * blank, whitespace-only and comment lines inserted, and loosely indented template-style YAML.
 * Whenever the fast reader answers, yaml must read the same value without complaint; for plain
 * block output it must answer nearly always. Plain scalars resolve as yaml's YAML 1.1 schema does.
 */
import fc from 'fast-check';
import { Document, isScalar, parseDocument, Scalar } from 'yaml';
import { describe, expect, it } from 'vitest';
import { plainKeyName, resolvePlainScalar } from '../../../../transformer/yaml/plain-scalar.js';
import { PARSE_OPTIONS } from '../../../../transformer/yaml/yaml-options.js';
import { agreesWithYaml } from './oracle.js';

import { anyStyle, key, leaf, print, TRICKY, valueOf, writeLoose } from './generators.js';

describe('fast YAML reader vs yaml', () => {
  it('reads loosely indented, template-style block YAML as yaml does', () => {
    let answered = 0;
    fc.assert(
      fc.property(valueOf(leaf, key), fc.gen(), (value, g) => {
        if (agreesWithYaml(writeLoose(value, g))) answered++;
      }),
      { numRuns: 3000 },
    );
    console.log(`fast reader answered ${answered}/3000 loosely written documents`);
    expect(answered).toBeGreaterThan(600);
  });

  it('reads any yaml-printed data as yaml does, whenever it answers', () => {
    let answered = 0;
    let total = 0;
    fc.assert(
      fc.property(valueOf(leaf, key), anyStyle, fc.gen(), (value, style, g) => {
        const printed = print(value, style, g);
        if (printed === undefined) return;
        total++;
        if (agreesWithYaml(printed)) answered++;
      }),
      { numRuns: 3000 },
    );
    console.log(`fast reader answered ${answered}/${total} random documents`);
    expect(answered).toBeGreaterThan(total / 4);
  });

  it('never answers differently from yaml on printed data with random edits (indents, indicators, blank lines)', () => {
    const pieces = [' ', '  ', '\n', '\n   \n', ':', ': ', '-', '- ', '#', ' #', '|', '|-', '>', '"', "'", '[', ']', '{', '}', ',', 'a', '0', '\\'];
    let answered = 0;
    fc.assert(
      fc.property(valueOf(leaf, key), anyStyle, fc.gen(), fc.integer({ min: 1, max: 3 }), (value, style, g, edits) => {
        let printed: string | undefined = print(value, style, g);
        if (printed === undefined) return;
        for (let i = 0; i < edits; i++) {
          const at: number = g(fc.integer, { min: 0, max: printed.length });
          const remove: number = g(fc.integer, { min: 0, max: 2 });
          printed = printed.slice(0, at) + g(fc.constantFrom, ...pieces) + printed.slice(at + remove);
        }
        if (agreesWithYaml(printed)) answered++;
      }),
      { numRuns: 3000 },
    );
    expect(answered).toBeGreaterThan(300);
  });

  it('reads printed data with blank, whitespace-only and comment lines inserted anywhere as yaml does', () => {
    const inserted = fc.oneof(fc.nat(12).map((n) => ' '.repeat(n)), fc.tuple(fc.nat(12), fc.stringMatching(/^[ a-z:#-]{0,6}$/)).map(([n, c]) => `${' '.repeat(n)}#${c}`));
    let answered = 0;
    fc.assert(
      fc.property(valueOf(leaf, key), anyStyle, fc.gen(), (value, style, g) => {
        const printed = print(value, { ...style, collectionStyle: 'block' }, g);
        if (printed === undefined) return;
        const lines = printed.split('\n').flatMap((line) => (g(fc.integer, { min: 0, max: 3 }) === 0 ? [g(() => inserted), line] : [line]));
        if (agreesWithYaml(lines.join('\n'))) answered++;
      }),
      { numRuns: 3000 },
    );
    expect(answered).toBeGreaterThan(1000);
  });

  it('answers for nearly all block-style output of ordinary data, plain or double-quoted', () => {
    const ordinary = fc.oneof(
      fc.stringMatching(/^[a-zA-Z0-9$(][a-zA-Z0-9.\/_:()$=,-]{0,20}$/),
      fc.constantFrom(...TRICKY.filter((s) => /^[\x21-\x7e]([ -~]*[\x21-\x7e])?$/.test(s))),
    );
    const value = valueOf(fc.oneof(ordinary, fc.integer(), fc.boolean(), fc.constant(null)), fc.stringMatching(/^[a-z][a-zA-Z0-9.\/_-]{0,20}$/));
    const blockStyle = fc.record({
      version: fc.constant('1.1' as const),
      indentSeq: fc.boolean(),
      defaultStringType: fc.constantFrom(Scalar.PLAIN, Scalar.QUOTE_DOUBLE),
      blockQuote: fc.constantFrom(true, false, 'literal' as const, 'folded' as const),
      collectionStyle: fc.constant('block' as const),
      lineWidth: fc.constant(0),
    });
    let answered = 0;
    const samples = fc.sample(fc.tuple(value, blockStyle), { numRuns: 1000, seed: 42 });
    for (const [v, style] of samples) if (agreesWithYaml(new Document(v, { version: '1.1' }).toString(style))) answered++;
    console.log(`fast reader answered ${answered}/${samples.length} ordinary block documents`);
    expect(answered / samples.length).toBeGreaterThanOrEqual(0.9);
  });

  it('resolves plain scalars as the YAML 1.1 schema does, as values and as keys', () => {
    const scalarText = fc.oneof(
      fc.constantFrom(...TRICKY),
      fc.string({ unit: fc.constantFrom(...'0123456789_.+-eExXbBoOaAfFiInNlLsStTuUrRyY~:# '), maxLength: 10 }),
    );
    let compared = 0;
    fc.assert(
      fc.property(scalarText, (s) => {
        const doc = parseDocument(`k: ${s}\n`, PARSE_OPTIONS);
        const node = doc.get('k', true);
        // Only texts yaml reads as one plain scalar, whole.
        if (doc.errors.length > 0 || !isScalar(node) || node.type !== Scalar.PLAIN || node.source !== s) return;
        compared++;
        expect(resolvePlainScalar(s)).toStrictEqual(node.toJS(doc));
        const answered = agreesWithYaml(`k: ${s}\n`);
        if (!/[\t\r\u0085\u2028]/.test(s)) expect(answered).toBe(true); // tabs and odd line breaks decline
        const asKey = parseDocument(`${s}: 1\n`, PARSE_OPTIONS);
        if (asKey.errors.length === 0 && s.length > 0 && s !== '<<') expect(Object.keys(asKey.toJS() as object)).toEqual([plainKeyName(s)]);
      }),
      { numRuns: 3000 },
    );
    expect(compared).toBeGreaterThan(1000);
  });
});
