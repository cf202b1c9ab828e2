/**
 * Comparison builtins with Go's rules: same basic kind required (int and float64 differ), nil
 * equals only nil, maps/slices are not comparable, ordering only for ints, floats, strings.
 */
import { describe, expect, it } from 'vitest';
import { structValue } from '../../../transformer/gotemplate/index.js';
import { render, renderError, type Case, type ErrorCase } from './helpers.js';

const data = { f: 15020, i: 15020n, s: 'a', t: true, n: null, m: { a: 1 }, l: [1], st: structValue('P', { X: 1n }), st2: structValue('P', { X: 1n }) };

describe('eq / ne / lt / le / gt / ge', () => {
  const cases: Case[] = [
    { name: 'eq on ints, floats, strings and bools of the same kind', text: '{{eq 1 1}} {{eq .f 15020.0}} {{eq .s "a"}} {{eq .t true}} {{eq .i 15020}}', data, want: 'true true true true true' },
    { name: 'eq with several alternatives is true if any matches', text: '{{eq .s "x" "y" "a"}} {{eq .s "x" "y"}}', data, want: 'true false' },
    { name: 'eq: nil and no value equal each other and nothing else', text: '{{eq .n nil}} {{eq .missing nil}} {{eq .m nil}} {{eq nil .s}}', data, want: 'true true false false' },
    { name: 'eq of a missing key with a string is false, not an error', text: '{{eq .missing "x"}}', data, want: 'false' },
    { name: 'eq on comparable structs compares fields', text: '{{eq .st .st2}}', data, want: 'true' },
    { name: 'ne is the negation of eq', text: '{{ne 1 2}} {{ne "a" .s}}', data, want: 'true false' },
    { name: 'lt/le/gt/ge order ints, floats and strings', text: '{{lt 1 2}} {{le 2 2}} {{gt .f 1.5}} {{ge "b" "a"}} {{lt "B" "a"}}', data, want: 'true true true true true' },
    { name: 'integer comparisons are exact beyond 2^53', text: '{{lt 9007199254740992 9007199254740993}}', want: 'true' },
  ];
  it.each(cases)('$name', ({ text, data: d, want }) => {
    expect(render(text, d ?? {})).toBe(want);
  });

  const errors: ErrorCase[] = [
    { name: 'eq of float64 and int is an error (different basic kinds)', text: '{{eq .f 15020}}', data, error: 'template: t:1:2: executing "t" at <eq .f 15020>: error calling eq: incompatible types for comparison: float64 and int' },
    { name: 'eq of string and int is an error', text: '{{eq .s 1}}', data, error: 'template: t:1:2: executing "t" at <eq .s 1>: error calling eq: incompatible types for comparison: string and int' },
    { name: 'eq needs two arguments', text: '{{eq 1}}', error: 'template: t:1:2: executing "t" at <eq 1>: error calling eq: missing argument for comparison' },
    { name: 'maps are not comparable', text: '{{eq .m .m}}', data, error: 'template: t:1:2: executing "t" at <eq .m .m>: error calling eq: non-comparable type map[a:%!s(float64=1)]: map[string]interface {}' },
    { name: 'a slice and a map are different non-basic kinds', text: '{{eq .l .m}}', data, error: 'template: t:1:2: executing "t" at <eq .l .m>: error calling eq: non-comparable types [%!s(float64=1)]: []interface {}, map[string]interface {}: map[a:1]' },
    { name: 'lt of bools', text: '{{lt true false}}', error: 'template: t:1:2: executing "t" at <lt true false>: error calling lt: invalid type for comparison' },
    { name: 'lt with nil', text: '{{lt .missing 1}}', error: 'template: t:1:2: executing "t" at <lt .missing 1>: error calling lt: invalid type for comparison' },
    { name: 'lt of int and float64', text: '{{lt 1 .f}}', data, error: 'template: t:1:2: executing "t" at <lt 1 .f>: error calling lt: incompatible types for comparison: int and float64' },
    { name: 'ge takes exactly two arguments', text: '{{ge 1 2 3}}', error: 'template: t:1:2: executing "t" at <ge>: wrong number of args for ge: want 2 got 3' },
  ];
  it.each(errors)('$name', ({ text, data: d, error }) => {
    expect(renderError(text, d ?? {}).message).toBe(error);
  });
});

describe('not', () => {
  it('negates Go truthiness', () => {
    expect(render('{{not 0}} {{not .l}} {{not .m}} {{not "x"}} {{not .missing}}', { l: [], m: { a: 1 } })).toBe('true true false false true');
  });
});
