/**
 * Lexing and parsing: Go text/template syntax that must be accepted, and syntax errors with
 * Go's messages (`template: NAME:LINE: message`; Go reports only the line for parse errors).
 */
import { describe, expect, it } from 'vitest';
import { Template, TemplateError } from '../../../transformer/gotemplate/index.js';
import { render, renderError, type Case, type ErrorCase } from './helpers.js';

describe('text/template syntax', () => {
  const cases: Case[] = [
    { name: 'trim markers remove all spaces, tabs and newlines on their side', text: 'a  \n {{- 1 -}} \n\t b', want: 'a1b' },
    { name: 'a trim marker needs a space after it: {{-3}} is the number -3', text: '{{-3}}', want: '-3' },
    { name: 'the space before -}} may be a newline', text: '{{ 1\n-}}  x', want: '1x' },
    { name: 'comments produce nothing and take trim markers', text: 'a {{- /* x\ny */ -}} b{{/* z */}}', want: 'ab' },
    { name: 'raw strings keep backslashes and newlines but drop carriage returns', text: '{{`a\\n\r\nb`}}', want: 'a\\n\nb' },
    { name: 'interpreted strings take Go escapes (\\x, \\u, \\t, octal)', text: '{{"\\x41\\u00e9\\t\\101\\\\"}}', want: 'Aé\tA\\' },
    { name: "character constants are runes (ints): 'a' is 97", text: "{{'a'}} {{'\\n'}} {{'é'}} {{'\\u00e9'}}", want: '97 10 233 233' },
    {
      name: 'number literals: hex, 0o/0 octal, binary, underscores, floats, hex floats',
      text: '{{0x1F}} {{0o17}} {{017}} {{0b101}} {{1_000}} {{1.5}} {{1e3}} {{0x1p-2}} {{-7}} {{+7}}',
      want: '31 15 15 5 1000 1.5 1000 0.25 -7 7',
    },
    { name: 'actions may span lines (Go 1.16+)', text: '{{ printf "%s-%s"\n  "a"\n  "b" }}', want: 'a-b' },
    { name: 'a parenthesized pipeline can be followed by fields', text: '{{ (index .m "k").x }}', data: { m: { k: { x: 1 } } }, want: '1' },
    { name: 'the piped value is the last argument of the next command', text: '{{ "a" | printf "%s%s" "b" }}', want: 'ba' },
    { name: 'parenthesized pipelines nest', text: '{{ printf "%s" (printf "%d" (len (print "ab"))) }}', want: '2' },
    { name: 'a pipe directly before }} is accepted', text: '{{ .x | }}', data: { x: 'v' }, want: 'v' },
    { name: '$ followed by fields is a variable chain', text: '{{ $.a.b }}', data: { a: { b: 'c' } }, want: 'c' },
    { name: 'break and continue are keywords inside range', text: '{{range .}}{{if eq . 2}}{{continue}}{{end}}{{if eq . 4}}{{break}}{{end}}{{.}}{{end}}', data: [1n, 2n, 3n, 4n, 5n], want: '13' },
    { name: 'else if chains', text: '{{if eq . 1}}one{{else if eq . 2}}two{{else}}many{{end}}', data: 2n, want: 'two' },
    { name: 'else with chains (Go 1.23)', text: '{{with .a}}a{{else with .b}}b={{.}}{{else}}none{{end}}', data: { b: 'x' }, want: 'b=x' },
  ];
  it.each(cases)('$name', ({ text, data, want }) => {
    expect(render(text, data ?? {})).toBe(want);
  });

  it('custom delimiters replace {{ and }}', () => {
    const out = new Template('t').delims('<<', '>>').parse('<<.a>> {{.a}} <<- " x " ->>  y').execute({ a: 1 });
    expect(out).toBe('1 {{.a}} x y');
  });

  it('define and block add templates to the set; the top-level body may be empty', () => {
    const t = new Template('root').parse('{{define "a"}}A{{end}}{{block "b" .}}B{{.}}{{end}}');
    expect(t.definedTemplates()).toEqual(['a', 'b', 'root']);
    expect(t.execute(1n)).toBe('B1');
    expect(t.executeTemplate('a', null)).toBe('A');
  });

  it('a later parse redefines a template, but an empty body does not replace one', () => {
    const t = new Template('root').parse('{{define "a"}}old{{end}}{{template "a"}}');
    t.parse('{{define "a"}}new{{end}}');
    expect(t.execute({})).toBe('new');
    t.parse('{{define "a"}} {{end}}');
    expect(t.execute({})).toBe('new');
  });
});

describe('parse errors (Go wording, template:line)', () => {
  const cases: ErrorCase[] = [
    { name: 'unclosed action at EOF', text: '{{ .x', error: 'template: t:1: unclosed action' },
    { name: 'unclosed action names the line it started on', text: 'x\n{{ .x\n\n', error: 'template: t:4: unclosed action started at t:2' },
    { name: 'unclosed left paren', text: '{{ (len .x }}', error: 'template: t:1: unclosed left paren' },
    { name: 'unexpected right paren', text: '{{ len .x) }}', error: "template: t:1: unexpected right paren U+0029 ')'" },
    { name: '{{end}} without a block', text: 'a\n{{end}}', error: 'template: t:2: unexpected {{end}}' },
    { name: 'a block without {{end}}', text: '{{if .x}}a', error: 'template: t:1: unexpected EOF' },
    { name: 'functions are checked at parse time', text: '{{ nope 1 }}', error: 'template: t:1: function "nope" not defined' },
    { name: 'variables must be declared before use', text: '{{ $x }}', error: 'template: t:1: undefined variable "$x"' },
    {
      name: 'a variable lives until the end of its control structure',
      text: '{{ if true }}{{ $x := 1 }}{{ end }}{{ $x }}',
      error: 'template: t:1: undefined variable "$x"',
    },
    { name: '{{break}} outside {{range}}', text: '{{ break }}', error: 'template: t:1: {{break}} outside {{range}}' },
    { name: '{{continue}} outside {{range}}', text: '{{if 1}}{{continue}}{{end}}', error: 'template: t:1: {{continue}} outside {{range}}' },
    { name: 'an empty action', text: '{{ }}', error: 'template: t:1: missing value for command' },
    { name: 'a literal cannot be a later pipeline stage', text: '{{ .x | "a" }}', error: 'template: t:1: non executable command in pipeline stage 2' },
    { name: 'no field access on a literal', text: '{{ "a".x }}', error: 'template: t:1: unexpected . after term "\\"a\\""' },
    { name: 'identifiers end at a terminator', text: '{{ a#b }}', error: "template: t:1: bad character U+0023 '#'" },
    { name: '= needs spaces around it', text: '{{ $x=1 }}', error: "template: t:1: bad character U+003D '='" },
    { name: 'unterminated string', text: '{{ "abc }}', error: 'template: t:1: unterminated quoted string' },
    { name: 'unterminated raw string', text: '{{ `abc }}', error: 'template: t:1: unterminated raw quoted string' },
    { name: 'invalid escape in a string', text: '{{ "\\q" }}', error: 'template: t:1: invalid syntax' },
    { name: 'malformed character constant', text: "{{ 'ab' }}", error: "template: t:1: malformed character constant: 'ab'" },
    {
      name: 'one template name defined twice in one text',
      text: '{{define "a"}}x{{end}}{{define "a"}}y{{end}}',
      error: 'template: t:1: template: multiple definition of template "a"',
    },
    { name: 'range declares at most two variables', text: '{{ range $i, 3 }}{{ end }}', error: 'template: t:1: range can only initialize variables' },
    { name: 'other pipelines declare one variable', text: '{{ $a, $b := 1 }}', error: 'template: t:1: too many declarations in command' },
    { name: 'integers must fit 64 bits', text: '{{ 99999999999999999999 }}', error: 'template: t:1: integer overflow: "99999999999999999999"' },
    { name: 'a prefix without digits', text: '{{ 0x }}', error: 'template: t:1: illegal number syntax: "0x"' },
    { name: 'a number followed by a letter', text: '{{ 3k }}', error: 'template: t:1: bad number syntax: "3k"' },
    { name: 'unclosed comment', text: '{{/* x }}', error: 'template: t:1: unclosed comment' },
    { name: 'a comment must end its action', text: '{{/* x */ .y }}', error: 'template: t:1: comment ends before closing delimiter' },
    { name: 'unexpected token in an operand list', text: '{{ len .x := }}', error: 'template: t:1: unexpected ":=" in operand' },
    { name: 'template names must be strings', text: '{{ template x }}', error: 'template: t:1: unexpected "x" in template clause' },
    { name: 'else has no arguments', text: '{{if 1}}{{else 2}}{{end}}', error: 'template: t:1: unexpected "2" in else' },
  ];
  it.each(cases)('$name', ({ text, error }) => {
    expect(renderError(text).message).toBe(error);
  });

  it('parse errors are typed: kind, template, line and the token column', () => {
    const e = renderError('a\nb\n{{ nope }}');
    expect(e).toBeInstanceOf(TemplateError);
    expect(e).toMatchObject({ kind: 'parse', template: 't', line: 3, column: 3, message: 'template: t:3: function "nope" not defined' });
  });
});
