/**
 * Printing like Go's fmt: `{{ . }}` is `fmt.Sprint`, `printf` is `fmt.Sprintf`.
 */
import { describe, expect, it } from 'vitest';
import { formatFloat, structValue, sprint, sprintf } from '../../../transformer/gotemplate/index.js';
import { render, type Case } from './helpers.js';

describe('default format (%v / fmt.Sprint)', () => {
  const cases: Case[] = [
    { name: 'float64 that is integral prints without a point: 15020', text: '{{ .v }}', data: { v: 15020 }, want: '15020' },
    { name: 'float64 fractions: 0.5', text: '{{ .v }}', data: { v: 0.5 }, want: '0.5' },
    { name: 'float64 uses %e from exponent 21 up: 1e+21', text: '{{ .v }}', data: { v: 1e21 }, want: '1e+21' },
    { name: 'float64 %v is shortest %g: exponent >= 6 prints 1e+06', text: '{{ .a }} {{ .b }} {{ .c }}', data: { a: 1e6, b: 1234567.5, c: 100000 }, want: '1e+06 1.2345675e+06 100000' },
    { name: 'small float64: exponent < -4 prints 1e-05', text: '{{ .a }} {{ .b }}', data: { a: 0.0001, b: 0.00001 }, want: '0.0001 1e-05' },
    { name: 'negative zero, infinities and NaN', text: '{{ .a }} {{ .b }} {{ .c }} {{ .d }}', data: { a: -0, b: Infinity, c: -Infinity, d: NaN }, want: '-0 +Inf -Inf NaN' },
    { name: 'ints print in decimal', text: '{{ .a }} {{ -12 }}', data: { a: 9007199254740993n }, want: '9007199254740993 -12' },
    { name: 'maps print sorted: map[a:1 b:2]', text: '{{ . }}', data: { b: 2, a: 1 }, want: 'map[a:1 b:2]' },
    { name: 'slices print space-separated: [a b]', text: '{{ . }}', data: ['a', 'b'], want: '[a b]' },
    { name: 'nil inside a collection prints <nil>', text: '{{ . }}', data: { a: null, b: [null] }, want: 'map[a:<nil> b:[<nil>]]' },
    { name: 'empty collections', text: '{{ .a }} {{ .b }}', data: { a: {}, b: [] }, want: 'map[] []' },
    { name: 'a missing value prints <no value>', text: '{{ .missing }}', want: '<no value>' },
    { name: 'structs print their fields: {a 1}', text: '{{ . }}', data: structValue('S', { A: 'a', B: 1 }), want: '{a 1}' },
    { name: 'a Stringer prints through String()', text: '{{ . }}', data: [structValue('Mode', { String: () => 'TPROXY' })], want: '[TPROXY]' },
  ];
  it.each(cases)('$name', ({ text, data, want }) => {
    expect(render(text, data ?? {})).toBe(want);
  });

  it.each([
    { name: 'Sprint adds a space between operands when neither is a string', args: [1n, 2n, 'a', 'b', 3n], want: '1 2ab3' },
    { name: 'Sprint of nothing is empty', args: [], want: '' },
    { name: 'Sprint of nil is <nil>', args: [null], want: '<nil>' },
  ])('$name', ({ args, want }) => {
    expect(sprint(args)).toBe(want);
  });

  it('print, println, html, js and urlquery builtins', () => {
    expect(render('{{ print 1 2 "a" "b" 3 }}|{{ println 1 "a" }}')).toBe('1 2ab3|1 a\n');
    expect(render(`{{ html "<a href='x'>&\\"</a>" }}`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;&#34;&lt;/a&gt;');
    expect(render(`{{ js "it's <b> \\"q\\" \\\\ =" }}`)).toBe(`it\\'s \\u003Cb\\u003E \\"q\\" \\\\ \\u003D`);
    expect(render('{{ urlquery "a b&c=d/é" }}')).toBe('a+b%26c%3Dd%2F%C3%A9');
  });
});

describe('printf (fmt.Sprintf)', () => {
  const cases: { name: string; format: string; args: unknown[]; want: string }[] = [
    { name: 'integers with width, left-justify, zero padding', format: '%d|%5d|%-5d|%05d|%+d|% d', args: [42n, 42n, 42n, 42n, 42n, 42n], want: '42|   42|42   |00042|+42| 42' },
    { name: 'integer bases and # prefixes', format: '%x %X %o %b %#x %#o %#b %O %x', args: [255n, 255n, 255n, 255n, 255n, 255n, 255n, 255n, -255n], want: 'ff FF 377 11111111 0xff 0377 0b11111111 0o377 -ff' },
    { name: 'precision on integers is a minimum digit count; .0 of 0 prints nothing', format: '%.3d|%6.3d|%.0d|', args: [7n, -7n, 0n], want: '007|  -007||' },
    { name: 'runes: %c %q %U %#U', format: '%c %q %U %#U', args: [233n, 233n, 233n, 233n], want: "é 'é' U+00E9 U+00E9 'é'" },
    { name: 'strings: %s %q %v %x % x %X and width/precision in runes', format: '%s|%q|%v|%x|% x|%X|%7s|%-7s|%.2s', args: ['héllo', 'a"b', 'c', 'hé', 'hé', 'hi', 'héllo', 'héllo', 'héllo'], want: 'héllo|"a\\"b"|c|68c3a9|68 c3 a9|6869|  héllo|héllo  |hé' },
    { name: '%#q uses a raw string when it can', format: '%#q %#q %+q', args: ['a"b', 'a`b', 'é'], want: '`a"b` "a`b" "\\u00e9"' },
    { name: '%q escapes like strconv.Quote', format: '%q', args: ['a\tb\n\x07\u00a0é😀\\'], want: '"a\\tb\\n\\a\\u00a0é😀\\\\"' },
    { name: 'booleans', format: '%t %v %5t', args: [true, false, true], want: 'true false  true' },
    { name: 'floats: %f %.2f %e %E %g %G', format: '%f %.2f %e %E %g %G', args: [3.14159, 3.14159, 3.14159, 3.14159, 3.14159, 3.14159], want: '3.141590 3.14 3.141590e+00 3.141590E+00 3.14159 3.14159' },
    { name: 'floats with width, sign and zero padding', format: '%8.3f|%-8.3f|%+.1f|%08.3f|%+08.2f', args: [3.14159, 3.14159, 3.14159, 3.14159, -3.14159], want: '   3.142|3.142   |+3.1|0003.142|-0003.14' },
    { name: 'rounding is to nearest, ties to even, on the exact binary value', format: '%.0f %.0f %.0f %.1f %.2f', args: [0.5, 1.5, 2.5, 0.05, 1.005], want: '0 2 2 0.1 1.00' },
    { name: '%g switches to %e at large and small exponents', format: '%g %g %g %g %.3g %#g %g', args: [100000, 1e6, 1e-5, 0.0001, 1234.5678, 1.0, 0.0], want: '100000 1e+06 1e-05 0.0001 1.23e+03 1.00000 0' },
    { name: 'Inf and NaN ignore zero padding', format: '%f|%5.1f|%05f|%+f', args: [Infinity, NaN, -Infinity, NaN], want: '+Inf|  NaN| -Inf|+NaN' },
    { name: '%v of collections and %+v of structs', format: '%v %d %+v %q', args: [{ b: [1n], a: 'x' }, [1n, 2n], structValue('S', { Name: 'x', Port: 80n }), ['a', 'b']], want: 'map[a:x b:[1]] [1 2] {Name:x Port:80} ["a" "b"]' },
    { name: '%T names Go types', format: '%T %T %T %T %T %T %T', args: [1n, 1.5, 's', true, [1], { a: 1 }, null], want: 'int float64 string bool []interface {} map[string]interface {} <nil>' },
    { name: 'explicit argument indexes', format: '%[2]d %[1]d %d', args: [1n, 2n], want: '2 1 2' },
    { name: '* takes width and precision from arguments', format: '%*d|%-*d|%.*f', args: [4n, 7n, 4n, 7n, 2n, 3.14159], want: '   7|7   |3.14' },
    { name: 'wrong type: %!d(string=x)', format: '%d %s', args: ['x', 1n], want: '%!d(string=x) %!s(int=1)' },
    { name: 'a nil operand for a non-%v verb', format: '%d', args: [null], want: '%!d(<nil>)' },
    { name: 'missing operand', format: '%d %s', args: [1n], want: '1 %!s(MISSING)' },
    { name: 'extra operands', format: 'x', args: [1n, 'a', null], want: 'x%!(EXTRA int=1, string=a, <nil>)' },
    { name: 'unknown verb and no verb', format: '%z %', args: [1n], want: '%!z(int=1) %!(NOVERB)' },
    { name: 'bad width and precision', format: '%*d|%.*d', args: ['a', 1n, 1.5, 2n], want: '%!(BADWIDTH)1|%!(BADPREC)2' },
    { name: 'bad argument index', format: '%[3]d', args: [1n], want: '%!d(BADINDEX)' },
    { name: '%% prints a percent and takes no operand', format: '100%% %d', args: [5n], want: '100% 5' },
  ];
  it.each(cases)('$name', ({ format, args, want }) => {
    expect(sprintf(format, args)).toBe(want);
  });

  it('printf in a template takes ints from constants and float64 from data', () => {
    expect(render('{{ printf "%d %v %.1f %s" 3 .f .f "x" }}', { f: 2.25 })).toBe('3 2.25 2.2 x');
    expect(render('{{ printf "%d" .f }}', { f: 2.0 })).toBe('%!d(float64=2)');
  });
});

describe('strconv.FormatFloat', () => {
  it.each([
    { v: 0, f: 'e', p: -1, want: '0e+00' },
    { v: 123456789, f: 'e', p: 3, want: '1.235e+08' },
    { v: 0.000123, f: 'f', p: -1, want: '0.000123' },
    { v: 1e21, f: 'f', p: 0, want: '1000000000000000000000' },
    { v: 5e-324, f: 'g', p: -1, want: '5e-324' },
    { v: 1.7976931348623157e308, f: 'g', p: -1, want: '1.7976931348623157e+308' },
    { v: 0.1, f: 'f', p: 20, want: '0.10000000000000000555' },
    { v: 9.5, f: 'f', p: 0, want: '10' },
    { v: 99.99, f: 'g', p: 3, want: '100' },
  ] as const)('$v with $f and precision $p is $want', ({ v, f, p, want }) => {
    expect(formatFloat(v, f, p)).toBe(want);
  });
});
