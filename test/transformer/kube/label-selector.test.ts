import { describe, expect, it } from 'vitest';
import { parseSelectorString, selectorMatches } from '../../../transformer/kube/label-selector.js';

describe('label selectors', () => {
  const labels = { app: 'web', tier: 'front', empty: '' };
  const cases: Array<[string, Parameters<typeof selectorMatches>[0], boolean]> = [
    ['empty selector matches everything', {}, true],
    ['matchLabels equal', { matchLabels: { app: 'web' } }, true],
    ['matchLabels differ', { matchLabels: { app: 'api' } }, false],
    ['In', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'back'] }] }, true],
    ['NotIn on a missing key matches', { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }, true],
    ['Exists on an empty value', { matchExpressions: [{ key: 'empty', operator: 'Exists' }] }, true],
    ['DoesNotExist', { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, false],
    ['string: exists', { selector: 'empty' }, true],
    ['string: not exists', { selector: '!zone' }, true],
    ['string: a=b,c!=d', { selector: 'app=web,tier!=back' }, true],
    ['string: ==', { selector: 'app==api' }, false],
    ['string: in ()', { selector: 'tier in (front, back)' }, true],
    ['string: notin ()', { selector: 'tier notin (front)' }, false],
  ];
  for (const [name, selector, want] of cases) it(name, () => expect(selectorMatches(selector, labels)).toBe(want));

  it('rejects malformed terms', () => expect(() => parseSelectorString('a b c')).toThrow(/invalid label selector/));
});
