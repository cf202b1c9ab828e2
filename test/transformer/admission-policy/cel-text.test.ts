import { isCelError, run } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { describe, expect, it } from 'vitest';
import { celString, globsToCel } from '../../../transformer/admission-policy/cel-text.js';
import { matchesAnyGlob } from '../../../transformer/data/globs.js';

const cel = (expression: string, bindings: Record<string, string> = {}) => {
  const result = run(expression, bindings, { funcs: strings });
  if (isCelError(result)) throw new Error(`${expression}: ${result.message}`);
  return result;
};

describe('celString', () => {
  it('reads back as the same string in CEL', () => {
    for (const value of ['plain', "it's", 'back\\slash', 'line\nbreak', 'tab\there', '"double"', 'ünï']) {
      expect(cel(celString(value))).toBe(value);
    }
  });
});

describe('globsToCel', () => {
  const names = ['shop', 'team-a', 'team-', 'teams', 'xteam-a', 'a.b', 'axb', 'prod-eu-1', 'prod-us-12', 'dev', ''];
  const globSets = [[], ['shop'], ['shop', 'dev'], ['team-*'], ['*-1'], ['prod-??-1'], ['prod-*-1*'], ['a.b'], ['*'], ['t*m-?'], ['shop', 'team-*', 'prod-*-1']];

  it('matches exactly the namespaces data/globs.ts matches', () => {
    for (const globs of globSets) {
      const expression = globsToCel('ns', globs);
      for (const ns of names) expect([globs, ns, cel(expression, { ns })]).toEqual([globs, ns, matchesAnyGlob(ns, globs)]);
    }
  });

  it('writes a trailing * as startsWith and plain names as one list', () => {
    expect(globsToCel('ns', ['team-*'])).toBe("ns.startsWith('team-')");
    expect(globsToCel('ns', ['b', 'a'])).toBe("ns in ['a', 'b']");
    expect(globsToCel('ns', ['a.?'])).toBe("ns.matches('^a\\\\..$')");
  });
});
