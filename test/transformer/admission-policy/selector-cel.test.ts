import { isCelError, run } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { describe, expect, it } from 'vitest';
import { anySelectorToCel, selectorToCel } from '../../../transformer/admission-policy/selector-cel.js';
import { selectorMatches, type LabelSelector } from '../../../transformer/kube/label-selector.js';

const cel = (expression: string, labels: Record<string, string> | undefined) => {
  const metadata: Record<string, Record<string, string>> = labels === undefined ? {} : { labels };
  const object = { metadata };
  const result = run(expression, { object }, { funcs: strings });
  if (isCelError(result)) throw new Error(`${expression}: ${result.message}`);
  return result;
};

const podLabels: Array<Record<string, string> | undefined> = [
  undefined,
  {},
  { tier: 'batch' },
  { tier: '' },
  { tier: 'db', team: 'a' },
  { team: 'b', 'app.kubernetes.io/name': "it's" },
  { legacy: 'yes', team: 'c' },
];

const selectors: LabelSelector[] = [
  {},
  { matchLabels: { tier: 'batch' } },
  { matchLabels: { tier: '' } },
  { matchLabels: { tier: 'db', team: 'a' } },
  { matchExpressions: [{ key: 'legacy', operator: 'Exists' }] },
  { matchExpressions: [{ key: 'legacy', operator: 'DoesNotExist' }] },
  { matchExpressions: [{ key: 'team', operator: 'In', values: ['a', 'b'] }] },
  { matchExpressions: [{ key: 'team', operator: 'NotIn', values: ['a'] }] },
  { matchLabels: { team: 'b' }, matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: ["it's"] }] },
  { selector: 'team in (a,c), !tier' },
  { selector: 'tier!=db' },
];

describe('selectorToCel', () => {
  it('matches exactly the labels kube/label-selector.ts matches', () => {
    for (const selector of selectors) {
      const expression = selectorToCel(selector);
      for (const labels of podLabels) {
        expect([selector, labels, cel(expression, labels)]).toEqual([selector, labels, selectorMatches(selector, labels ?? {})]);
      }
    }
  });

  it('any of several selectors; none matches nothing', () => {
    const two = anySelectorToCel([selectors[1]!, selectors[4]!]);
    expect(podLabels.map((l) => cel(two, l))).toEqual(podLabels.map((l) => selectorMatches(selectors[1]!, l ?? {}) || selectorMatches(selectors[4]!, l ?? {})));
    expect(podLabels.map((l) => cel(anySelectorToCel([]), l))).toEqual(podLabels.map(() => false));
  });
});
