/**
 * Differential properties of the outline reader (`transformer/yaml/outline/outline.ts`) against `yaml`
 * (`oracle.ts`): on the fast reader's random documents (loosely written template-style
 * YAML, yaml-printed data in any style and both sequence styles, random edits), with trivia lines
 * and comments everywhere, framed with CRLF, markers, a BOM or no final newline. Whenever the
 * outline answers it must agree with yaml exactly; on plain block output it must answer nearly
 * always.
 */
import fc from 'fast-check';
import { Document, Scalar } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readPlainData } from '../../../../transformer/yaml/fast-read/fast-read.js';
import { anyStyle, key, leaf, print, TRICKY, valueOf, writeLoose } from '../fast-read/generators.js';
import { framed, framing, withTrivia } from './generators.js';
import { outlineAgreesWithYaml } from './oracle.js';

const RUNS = 3000;

/** Counts answers; logs the hit rate. */
function tally(label: string) {
  let answered = 0;
  let total = 0;
  return {
    check(text: string): boolean {
      total++;
      const ok = outlineAgreesWithYaml(text);
      if (ok) answered++;
      return ok;
    },
    report(): { answered: number; total: number } {
      console.log(`outline answered ${answered}/${total} ${label}`);
      return { answered, total };
    },
  };
}

describe('outline reader vs yaml', () => {
  it('agrees on loosely indented, template-style block YAML, and answers whenever the fast reader does', () => {
    const t = tally('loosely written documents');
    let fastAnswered = 0;
    fc.assert(
      fc.property(valueOf(leaf, key), fc.gen(), (value, g) => {
        const text = writeLoose(value, g);
        const fast = readPlainData(text);
        // Empty documents are left to yaml (never a Kubernetes object).
        const mine = fast.ok && fast.value !== null;
        if (mine) fastAnswered++;
        const answered = t.check(text);
        if (mine) expect(answered).toBe(true);
      }),
      { numRuns: RUNS },
    );
    const { answered } = t.report();
    expect(answered).toBeGreaterThanOrEqual(fastAnswered);
    expect(answered).toBeGreaterThan(600);
  });

  it('agrees on yaml-printed data in any style, whenever it answers', () => {
    const t = tally('random printed documents');
    fc.assert(
      fc.property(valueOf(leaf, key), anyStyle, fc.gen(), (value, style, g) => {
        const printed = print(value, style, g);
        if (printed !== undefined) t.check(printed);
      }),
      { numRuns: RUNS },
    );
    expect(t.report().answered).toBeGreaterThan(RUNS / 5);
  });

  it('agrees on printed data with random edits (indents, indicators, blank lines)', () => {
    const pieces = [' ', '  ', '\n', '\n   \n', ':', ': ', '-', '- ', '#', ' #', '|', '|-', '|+', '>', '"', "'", '[', ']', '{', '}', ',', 'a', '0', '\\', '\n#', '\n  #', '---', '...'];
    const t = tally('edited documents');
    fc.assert(
      fc.property(valueOf(leaf, key), anyStyle, fc.gen(), fc.integer({ min: 1, max: 3 }), (value, style, g, edits) => {
        let printed: string | undefined = print(value, style, g);
        if (printed === undefined) return;
        for (let i = 0; i < edits; i++) {
          const at: number = g(fc.integer, { min: 0, max: printed.length });
          const remove: number = g(fc.integer, { min: 0, max: 2 });
          printed = printed.slice(0, at) + g(fc.constantFrom, ...pieces) + printed.slice(at + remove);
        }
        t.check(printed);
      }),
      { numRuns: RUNS },
    );
    expect(t.report().answered).toBeGreaterThan(300);
  });

  it('agrees on block documents with blank, whitespace-only and comment lines at any indent between any lines, and comments after lines', () => {
    const t = tally('documents with trivia everywhere');
    fc.assert(
      fc.property(valueOf(leaf, key), anyStyle, fc.gen(), fc.boolean(), (value, style, g, loose) => {
        const text = loose ? writeLoose(value, g) : print(value, { ...style, collectionStyle: 'block' }, g);
        if (text !== undefined) t.check(withTrivia(text, g, g(fc.integer, { min: 1, max: 4 })));
      }),
      { numRuns: RUNS * 2 },
    );
    expect(t.report().answered).toBeGreaterThan(RUNS / 2);
  });

  it('agrees on documents framed with CRLF, --- and ... markers, a BOM, or no final newline', () => {
    const t = tally('framed documents');
    const answeredBy = new Map<string, number>();
    fc.assert(
      fc.property(valueOf(leaf, key), anyStyle, fc.gen(), framing, fc.boolean(), (value, style, g, how, trivia) => {
        const printed = g(fc.boolean) ? writeLoose(value, g) : print(value, { ...style, collectionStyle: g(fc.boolean) ? 'block' : style.collectionStyle }, g);
        if (printed === undefined) return;
        if (t.check(framed(trivia ? withTrivia(printed, g) : printed, how))) answeredBy.set(how, (answeredBy.get(how) ?? 0) + 1);
      }),
      { numRuns: RUNS * 2 },
    );
    t.report();
    console.log(`answered by framing: ${JSON.stringify(Object.fromEntries(answeredBy))}`);
    for (const how of ['crlf', 'start-marker', 'start-marker-comment', 'comments-then-marker', 'end-marker', 'both-markers', 'no-final-newline']) expect(answeredBy.get(how) ?? 0).toBeGreaterThan(50);
  });

  it('answers for nearly all block-style output of ordinary data, in both sequence styles', () => {
    const ordinary = fc.oneof(
      fc.stringMatching(/^[a-zA-Z0-9$(][a-zA-Z0-9.\/_:()$=,-]{0,20}$/),
      fc.constantFrom(...TRICKY.filter((s) => /^[\x21-\x7e]([ -~]*[\x21-\x7e])?$/.test(s))),
    );
    const value = valueOf(fc.oneof(ordinary, fc.integer(), fc.boolean(), fc.constant(null)), fc.stringMatching(/^[a-z][a-zA-Z0-9.\/_-]{0,20}$/));
    const root = fc.dictionary(fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,8}$/), value, { minKeys: 1, maxKeys: 5 });
    // yaml prints an empty collection under a key on a line of its own (`key:\n[]`, at the key's
    // indent without indentSeq), which the fast reader leaves to yaml.
    const hasEmpty = (v: unknown): boolean => v !== null && typeof v === 'object' && (Object.keys(v).length === 0 || Object.values(v).some(hasEmpty));
    for (const indentSeq of [true, false]) {
      const t = tally(`ordinary block documents (indentSeq: ${indentSeq})`);
      for (const v of fc.sample(root.filter((v) => !hasEmpty(v)), { numRuns: 1000, seed: indentSeq ? 7 : 8 })) {
        t.check(new Document(v, { version: '1.1' }).toString({ indentSeq, lineWidth: 0, defaultStringType: Scalar.PLAIN, collectionStyle: 'block' }));
      }
      const { answered, total } = t.report();
      expect(answered / total).toBeGreaterThanOrEqual(0.95);
    }
  });
});
