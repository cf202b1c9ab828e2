/**
 * Go `encoding/json` and `sigs.k8s.io/yaml` (go-yaml v3 emitter) output, as `toJson` and Istio's
 * `toYaml` produce it.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { structValue, marshalJSON, marshalYAML } from '../../../transformer/gotemplate/index.js';

describe('Go JSON encoding', () => {
  it.each([
    { name: 'floats: f form between 1e-6 and 1e21, e form outside, no exponent padding', value: [1e-7, 0.000001, 123456789012, 1e21, 0.1, -0], want: '[1e-7,0.000001,123456789012,1e+21,0.1,-0]' },
    { name: 'ints are exact', value: [9007199254740993n, -1n], want: '[9007199254740993,-1]' },
    { name: 'strings: control characters, \\b \\f, HTML characters, U+2028', value: '\u0001\b\f\n<&>\u2028"\\é', want: '"\\u0001\\b\\f\\n\\u003c\\u0026\\u003e\\u2028\\"\\\\é"' },
    { name: 'maps sort their keys; functions are skipped', value: { b: 1, a: { d: true, c: null }, f: () => 1 }, want: '{"a":{"c":null,"d":true},"b":1}' },
    { name: 'structs keep field order; toJSON() gives a struct its JSON view in its own order', value: [structValue('S', { Z: 1n, A: 2n }), structValue('P', { Name: 'http', Port: 80n, toJSON: () => ({ name: 'http', containerPort: 80 }) })], want: '[{"Z":1,"A":2},{"name":"http","containerPort":80}]' },
  ])('$name', ({ value, want }) => {
    expect(marshalJSON(value)).toBe(want);
  });

  it('NaN and infinities are unsupported values', () => {
    expect(() => marshalJSON(NaN)).toThrow('json: unsupported value: NaN');
  });

  it('MarshalIndent keeps empty collections compact', () => {
    expect(marshalJSON({ a: [1, { b: 2 }], c: {} }, { indent: '  ' })).toBe('{\n  "a": [\n    1,\n    {\n      "b": 2\n    }\n  ],\n  "c": {}\n}');
  });
});

describe('sigs.k8s.io/yaml Marshal', () => {
  it.each([
    { name: 'a map: keys sorted, 2-space nesting, compact sequences, flow {} and []', value: { f: [], a: { e: {}, b: [1, { c: 'd' }] } }, want: 'a:\n  b:\n  - 1\n  - c: d\n  e: {}\nf: []\n' },
    { name: 'key order: non-letters first, digit runs by value (a9 < a10)', value: { b: 1, a10: 1, a9: 1, A: 1, _x: 1 }, want: '_x: 1\nA: 1\na9: 1\na10: 1\nb: 1\n' },
    { name: 'sequences of sequences and of maps', value: [[1, 2], [3], { a: 1, b: 2 }], want: '- - 1\n  - 2\n- - 3\n- a: 1\n  b: 2\n' },
    { name: 'numbers: ints stay ints, floats use %g, -0 becomes 0', value: { a: 15020, b: 0.5, c: 1e21, d: 1234567.5, e: 9007199254740993n, f: -0, g: 1e20 }, want: 'a: 15020\nb: 0.5\nc: 1e+21\nd: 1.2345675e+06\ne: 9007199254740993\nf: 0\ng: 1e+20\n' },
    { name: 'scalars at the root', value: 'abc', want: 'abc\n' },
    { name: 'null, empty map and empty list at the root', value: [null, {}, []], want: '- null\n- {}\n- []\n' },
  ])('$name', ({ value, want }) => {
    expect(marshalYAML(value)).toBe(want);
  });

  it.each([
    ['true', '"true"', 'a YAML bool is double-quoted'],
    ['', '""', 'the empty string'],
    ['*', "'*'", 'an indicator character starts it: single-quoted'],
    ['a: b', "'a: b'", 'a colon followed by a space'],
    ['yes', '"yes"', 'YAML 1.1 bools are quoted too'],
    ['y', '"y"', 'even the one-letter ones'],
    ['123', '"123"', 'an int'],
    ['0x1F', '"0x1F"', 'a hex int'],
    ['1.5', '"1.5"', 'a float'],
    ['1e3', '"1e3"', 'a float with exponent'],
    ['.5', '".5"', 'a float starting with a point'],
    ['2006-01-02', '"2006-01-02"', 'a timestamp'],
    ['1:20', '"1:20"', 'a YAML 1.1 base-60 number'],
    ['null', '"null"', 'null'],
    ['~', '"~"', 'the null tilde'],
    ['- x', "'- x'", 'a dash and a space'],
    ["it's", "it's", 'an apostrophe inside is fine'],
    ['#x', "'#x'", 'a leading comment sign'],
    ['a #b', "'a #b'", 'a comment sign after a space'],
    ['a#b', 'a#b', 'a comment sign inside a word is fine'],
    ['a\tb', '"a\\tb"', 'a tab: double-quoted with an escape'],
    [' lead', "' lead'", 'a leading space'],
    ['trail ', "'trail '", 'a trailing space'],
    ['@x', "'@x'", 'a reserved indicator'],
    ['a,b', 'a,b', 'a comma is only a flow indicator'],
    ['key:', "'key:'", 'a trailing colon'],
    ['é', 'é', 'printable non-ASCII stays plain'],
    ['😀', '"\\U0001F600"', 'characters outside the BMP are escaped'],
    ['a \nb', '"a \\nb"', 'a space before a line break rules out a block'],
  ])('string %j is written %s (%s)', (value, want) => {
    expect(marshalYAML({ k: value })).toBe(`k: ${want}\n`);
  });

  it.each([
    { name: 'clip chomping for one trailing newline', value: 'line1\nline2\n', want: 'k: |\n  line1\n  line2\n' },
    { name: 'strip chomping without a trailing newline', value: 'x\ny', want: 'k: |-\n  x\n  y\n' },
    { name: 'keep chomping for more newlines; empty lines are not indented', value: 'x\n\ny\n\n', want: 'k: |+\n  x\n\n  y\n\n' },
    { name: 'an indentation indicator when the text starts with a space', value: ' lead\nx', want: 'k: |2-\n   lead\n  x\n' },
  ])('multi-line strings are literal blocks: $name', ({ value, want }) => {
    expect(marshalYAML({ k: value })).toBe(want);
  });

  it('multi-line strings in a list and at the root', () => {
    expect(marshalYAML(['a\nb'])).toBe('- |-\n  a\n  b\n');
    expect(marshalYAML('a\nb')).toBe('|-\n  a\n  b\n');
  });

  it('long plain strings fold at a space after column 80 and read back unchanged', () => {
    const text = Array.from({ length: 20 }, () => 'word').join(' ');
    const out = marshalYAML({ description: text });
    expect(out).toBe(`description: ${Array.from({ length: 14 }, () => 'word').join(' ')}\n  ${Array.from({ length: 6 }, () => 'word').join(' ')}\n`);
    expect(parse(out)).toEqual({ description: text });
  });

  it('structs are written through their JSON view, with keys sorted like any map', () => {
    const port = structValue('P', { toJSON: () => ({ name: 'http', containerPort: 80 }) });
    expect(marshalYAML(port)).toBe('containerPort: 80\nname: http\n');
  });
});
