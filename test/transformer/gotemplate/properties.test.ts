/**
 * Properties that must hold for any input: trim markers, float printing, string literal and
 * JSON/YAML round trips, Go string order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { goQuote, marshalYAML } from '../../../transformer/gotemplate/index.js';
import { render } from './helpers.js';

const GO_SPACE = /^[ \t\r\n]+|[ \t\r\n]+$/g;

/**
 * Strings that stress YAML quoting: fragments that look like other types, indicators, breaks.
 * (U+0085/U+2028 are left out: line breaks to go-yaml, ordinary characters to a YAML 1.2 reader.)
 */
const tricky = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 6 }),
      fc.constantFrom('true', 'yes', 'no', 'on', '~', 'null', '1', '-1', '1.5', '0x1F', '017', '1e3', '.5', '2006-01-02', '1:20', '<<'),
      fc.constantFrom(' ', '  ', '\n', '\t', ': ', ':', ' #', '#', '- ', '-', '? ', '---', '...', '"', "'", '\\', '@', '*', '&', '!', '|', '>', '%', '`', ',', '[', '{'),
      fc.constantFrom('é', '😀', '\u00a0', '\u0001', '\u007f', '\ufeff'),
    ),
    { maxLength: 5 },
  )
  .map((parts) => parts.join(''));

const yamlValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    tricky,
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(tricky, tie('value'), { maxKeys: 4 }),
  ),
})).value;

function normalizeZero(v: unknown): unknown {
  if (Object.is(v, -0)) return 0;
  if (Array.isArray(v)) return v.map(normalizeZero);
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalizeZero(x)]));
  return v;
}

describe('properties', () => {
  it('trim markers remove exactly the Go spaces (space, tab, CR, LF) next to them', () => {
    const side = fc.string({ unit: fc.constantFrom(' ', '\t', '\r', '\n', 'x', '}'), maxLength: 8 });
    fc.assert(
      fc.property(side, fc.string({ unit: 'grapheme-ascii', maxLength: 5 }), side, (before, word, after) => {
        const text = `${before}{{- ${goQuote(word)} -}}${after}`;
        expect(render(text)).toBe(before.replace(/[ \t\r\n]+$/, '') + word + after.replace(/^[ \t\r\n]+/, ''));
      }),
    );
    expect(' a '.replace(GO_SPACE, '')).toBe('a');
  });

  it('a float64 prints in a form that parses back to the same number', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (d) => {
        const out = render('{{ . }}', d);
        expect(Object.is(Number(out), d) || (d === 0 && Number(out) === 0)).toBe(true);
        expect(out).toMatch(/^-?(\d+(\.\d+)?|\d(\.\d+)?e[+-]\d{2,3})$/);
      }),
    );
  });

  it('strconv.Quote output is a Go string literal the template parser reads back', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(render(`{{ ${goQuote(s)} }}`)).toBe(s);
        expect(render('{{ quote . }}', s, 'sprig')).toBe(goQuote(s));
      }),
    );
  });

  it('toJson then fromJson gives the value back', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const json = render('{{ toJson . }}', v, 'sprig');
        expect(normalizeZero(JSON.parse(json))).toEqual(normalizeZero(JSON.parse(JSON.stringify(v))));
        expect(render('{{ toJson (fromJson (toJson .)) }}', v, 'sprig')).toBe(json);
      }),
    );
  });

  it('toYaml output reads back as the same data', () => {
    fc.assert(
      fc.property(yamlValue, (v) => {
        const yaml = marshalYAML(v);
        expect(yaml.endsWith('\n')).toBe(true);
        expect(parse(yaml)).toEqual(normalizeZero(v));
      }),
      { numRuns: 300 },
    );
  });

  it('range visits map keys in Go string order (UTF-8 bytes)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ unit: 'grapheme', minLength: 1 }), fc.constant(1)), (m) => {
        const keys = Object.keys(m).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
        expect(render('{{ range $k, $v := . }}{{ $k }}\u0000{{ end }}', m)).toBe(keys.map((k) => k + '\u0000').join(''));
      }),
    );
  });

  it('lt on strings is a strict total order consistent with eq', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        const out = render('{{ lt .a .b }} {{ lt .b .a }} {{ eq .a .b }}', { a, b }).split(' ').filter((x) => x === 'true');
        expect(out).toHaveLength(1);
        expect(render('{{ lt .a .b }}', { a, b })).toBe(String(Buffer.compare(Buffer.from(a), Buffer.from(b)) < 0));
      }),
    );
  });

  it('b64enc is standard base64 of the UTF-8 bytes and b64dec inverts it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const encoded = render('{{ b64enc . }}', s, 'sprig');
        expect(encoded).toBe(Buffer.from(s, 'utf8').toString('base64'));
        expect(render('{{ b64dec . }}', encoded, 'sprig')).toBe(s);
      }),
    );
  });

  it('sprig trunc keeps a byte prefix (or suffix for negative counts)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii' }), fc.integer({ min: -20, max: 20 }), (s, n) => {
        const want = n >= 0 ? s.slice(0, n) : s.length + n > 0 ? s.slice(s.length + n) : s;
        expect(render(`{{ trunc ${n} . }}`, s, 'sprig')).toBe(want);
      }),
    );
  });
});
