/**
 * Execution: control structures, variables, data access, function calls, and exec errors with
 * Go's message and position (`template: NAME:LINE:COL: executing "NAME" at <NODE>: ...`).
 */
import { describe, expect, it } from 'vitest';
import { Template, TemplateError, structValue, stringMap } from '../../../transformer/gotemplate/index.js';
import { render, renderError, type Case, type ErrorCase } from './helpers.js';

class Port {
  constructor(
    public Name: string,
    public ContainerPort: bigint,
  ) {}
  Describe(prefix: unknown): string {
    return `${String(prefix)}${this.Name}:${this.ContainerPort}`;
  }
}

const pod = {
  Meta: structValue('v1.ObjectMeta', { Name: 'web', Labels: stringMap({ app: 'web' }), Annotations: stringMap({}) }),
  Ports: [new Port('http', 80n), new Port('grpc', 9090n)],
  Mode: structValue('ProxyConfig_InboundInterceptionMode', { String: () => 'REDIRECT' }),
  Hold: structValue('*wrapperspb.BoolValue', { GetValue: () => true }),
  Add: (a: unknown, b: unknown) => `${String(a)}+${String(b)}`,
};

describe('control structures', () => {
  const cases: Case[] = [
    { name: 'if: 0, 0.0, "", empty list/map, false, nil and no value are false', text: '{{if 0}}x{{end}}{{if .f}}x{{end}}{{if ""}}x{{end}}{{if .l}}x{{end}}{{if .m}}x{{end}}{{if false}}x{{end}}{{if .n}}x{{end}}{{if .missing}}x{{end}}-', data: { f: 0, l: [], m: {}, n: null }, want: '-' },
    { name: 'if: non-zero values and structs are true', text: '{{if 1}}a{{end}}{{if .f}}b{{end}}{{if "x"}}c{{end}}{{if .l}}d{{end}}{{if .s}}e{{end}}', data: { f: 0.5, l: [0], s: structValue('S', {}) }, want: 'abcde' },
    { name: 'with sets dot; else runs with the old dot', text: '{{with .a}}{{.}}{{end}}|{{with .b}}{{.}}{{else}}{{.c}}{{end}}', data: { a: 'A', b: '', c: 'C' }, want: 'A|C' },
    { name: 'range over a slice binds index then element', text: '{{range $i, $v := .}}{{$i}}={{$v}};{{end}}', data: ['a', 'b'], want: '0=a;1=b;' },
    { name: 'range over a map visits keys in sorted order', text: '{{range $k, $v := .}}{{$k}}={{$v}};{{end}}', data: { b: 2, a: 1, B: 3 }, want: 'B=3;a=1;b=2;' },
    { name: 'range with one variable binds the element', text: '{{range $v := .}}{{$v}}{{end}}', data: { x: 1, y: 2 }, want: '12' },
    { name: 'range without variables sets dot', text: '{{range .}}<{{.}}>{{end}}', data: [1, 'a', null], want: '<1><a><<no value>>' },
    { name: 'range over an int counts from 0 (Go 1.22)', text: '{{range $i := 3}}{{$i}}{{end}}{{range 0}}x{{else}}none{{end}}', want: '012none' },
    { name: 'range else runs for empty, nil and missing collections', text: '{{range .l}}x{{else}}a{{end}}{{range .m}}x{{else}}b{{end}}{{range .missing}}x{{else}}c{{end}}', data: { l: [], m: {} }, want: 'abc' },
    { name: 'range with assignment reuses outer variables (Go 1.22)', text: '{{$i := 0}}{{$v := 0}}{{range $i, $v = .}}{{end}}{{$i}}:{{$v}}', data: ['a', 'b'], want: '1:b' },
    { name: 'break skips the rest and the else branch', text: '{{range .}}{{if eq . 3}}{{break}}{{end}}{{.}}{{else}}empty{{end}}', data: [1n, 2n, 3n, 4n], want: '12' },
    { name: 'continue skips to the next element', text: '{{range .}}{{if eq . 2}}{{continue}}{{end}}{{.}}{{end}}', data: [1n, 2n, 3n], want: '13' },
    { name: 'and/or return the deciding operand and short-circuit', text: '{{and 1 0 .x.y}}|{{or 0 "" "z" .x.y}}|{{and 1 2}}|{{or 0 ""}}', data: { x: null }, want: '0|z|2|' },
  ];
  it.each(cases)('$name', ({ text, data, want }) => {
    expect(render(text, data ?? {})).toBe(want);
  });
});

describe('variables and templates', () => {
  const cases: Case[] = [
    { name: 'a declaration prints nothing', text: '{{$x := 5}}{{$x}}', want: '5' },
    { name: 'assignment changes the nearest declaration, also from inside range', text: '{{$n := 0}}{{range .}}{{$n = .}}{{end}}{{$n}}', data: [1n, 7n], want: '7' },
    { name: 'a variable declared in a branch is gone after {{end}}, the outer one stays', text: '{{$x := "out"}}{{if 1}}{{$x := "in"}}{{$x}}{{end}}{{$x}}', want: 'inout' },
    { name: '$ is the data passed to execute', text: '{{range .l}}{{$.p}}{{.}}{{end}}', data: { p: '-', l: ['a', 'b'] }, want: '-a-b' },
    { name: 'template passes a new dot; $ inside is that dot', text: '{{define "t2"}}[{{.}}|{{$}}]{{end}}{{template "t2" .a}}{{template "t2"}}', data: { a: 'A' }, want: '[A|A][<no value>|<no value>]' },
    { name: 'block defines and runs a template', text: '{{block "b" .x}}<{{.}}>{{end}}', data: { x: 1 }, want: '<1>' },
    { name: 'templates may recurse', text: '{{define "r"}}{{if .}}{{len .}}{{template "r" (slice . 1)}}{{end}}{{end}}{{template "r" .}}', data: [1, 2, 3], want: '321' },
  ];
  it.each(cases)('$name', ({ text, data, want }) => {
    expect(render(text, data ?? {})).toBe(want);
  });
});

describe('data access', () => {
  const cases: Case[] = [
    { name: 'map fields; a missing key prints <no value>', text: '{{.a.b}} {{.a.missing}} {{.missing.deeper}}', data: { a: { b: 'x' } }, want: 'x <no value> <no value>' },
    { name: 'a nil map value is dug out to <no value>; print shows <nil>', text: '{{.n}} {{print .n}} {{print .missing}}', data: { n: null }, want: '<no value> <nil> <nil>' },
    { name: 'index on map[string]interface{} gives nil for a missing key', text: '{{index .m "x"}} {{printf "%v" (index .m "x")}}', data: { m: {} }, want: '<no value> <nil>' },
    { name: 'index on map[string]string gives "" for a missing key', text: '[{{index .Meta.Labels "nope"}}] [{{index .Meta.Labels "app"}}]', data: pod, want: '[] [web]' },
    { name: 'a field of a map[string]string is still <no value> when missing (missingkey=default)', text: '{{.Meta.Labels.nope}}', data: pod, want: '<no value>' },
    { name: 'struct fields and nested slices', text: '{{.Meta.Name}} {{(index .Ports 1).Name}} {{len .Ports}}', data: pod, want: 'web grpc 2' },
    { name: 'a function-valued field is a method: called with no arguments', text: '{{.Mode.String}} {{.Mode}} {{.Hold.GetValue}}', data: pod, want: 'REDIRECT REDIRECT true' },
    { name: 'methods take arguments and the piped value', text: '{{(index .Ports 0).Describe "p="}} {{"q=" | (index .Ports 1).Describe}}', data: pod, want: 'p=http:80 q=grpc:9090' },
    { name: 'class methods are found on the prototype', text: '{{range .Ports}}{{.Describe ""}} {{end}}', data: pod, want: 'http:80 grpc:9090 ' },
    { name: 'call invokes a function value with arguments', text: '{{call .Add 1 "b"}}', data: pod, want: '1+b' },
    { name: 'a struct prints its fields in order', text: '{{index .Ports 0}}', data: pod, want: '{http 80}' },
    { name: 'variables carry chains', text: '{{$p := index .Ports 0}}{{$p.Name}}', data: pod, want: 'http' },
    { name: 'a variable holding no value gives no value for its fields, without error', text: '{{$x := .n}}{{$x.a}}', data: { n: null }, want: '<no value>' },
  ];
  it.each(cases)('$name', ({ text, data, want }) => {
    expect(render(text, data ?? {})).toBe(want);
  });

  it('missingkey=zero gives the map element zero value; missingkey=error fails', () => {
    const data = { m: {}, s: stringMap({}) };
    expect(new Template('t').option('missingkey=zero').parse('[{{.m.x}}][{{.s.x}}]').execute(data)).toBe('[<no value>][]');
    expect(() => new Template('t').option('missingkey=error').parse('{{.m.x}}').execute(data)).toThrow(
      'template: t:1:4: executing "t" at <.m.x>: map has no entry for key "x"',
    );
  });
});

describe('function arguments follow Go typing', () => {
  const cases: Case[] = [
    { name: 'an integer constant passes to an int parameter', text: '{{trunc 2 "abc"}}', want: 'ab' },
    { name: 'a float constant that is integral passes to an int parameter', text: '{{trunc 2.0 "abc"}}', want: 'ab' },
    { name: 'interface{} parameters take nil for missing values', text: '{{quote .missing}}|{{default "d" .missing}}', want: '|d' },
  ];
  it.each(cases)('$name', ({ text, data, want }) => {
    expect(render(text, data ?? {}, 'sprig')).toBe(want);
  });
});

describe('exec errors (Go wording and position)', () => {
  const cases: ErrorCase[] = [
    { name: 'a field of nil is a nil pointer; the chain node starts at its last field', text: '{{ .a }}\n  {{ .b.c }}', data: { a: 1, b: null }, error: 'template: t:2:7: executing "t" at <.b.c>: nil pointer evaluating interface {}.c' },
    { name: 'columns count UTF-8 bytes', text: 'é{{ .a.b }}', data: { a: null }, error: 'template: t:1:7: executing "t" at <.a.b>: nil pointer evaluating interface {}.b' },
    { name: 'errors inside a defined template name it and its source position', text: '{{define "d"}}{{ .x.y }}{{end}}{{ template "d" . }}', data: { x: null }, error: 'template: t:1:19: executing "d" at <.x.y>: nil pointer evaluating interface {}.y' },
    { name: 'unknown struct field', text: '{{ .Meta.Nope }}', data: pod, error: 'template: t:1:8: executing "t" at <.Meta.Nope>: can\'t evaluate field Nope in type v1.ObjectMeta' },
    { name: 'field of a string', text: '{{ .s.x }}', data: { s: 'a' }, error: 'template: t:1:5: executing "t" at <.s.x>: can\'t evaluate field x in type string' },
    { name: 'a map key with arguments', text: '{{ .m.k 1 }}', data: { m: { k: 1 } }, error: 'template: t:1:5: executing "t" at <.m.k>: k is not a method but has arguments' },
    { name: 'a struct field with arguments', text: '{{ .Meta.Name 1 }}', data: pod, error: 'template: t:1:8: executing "t" at <.Meta.Name>: Name has arguments but cannot be invoked as function' },
    { name: 'function errors are reported at the command', text: '{{ eq .x 1 }}', data: { x: 1 }, error: 'template: t:1:3: executing "t" at <eq .x 1>: error calling eq: incompatible types for comparison: float64 and int' },
    { name: 'builtin errors: index out of range', text: '{{ index .l 5 }}', data: { l: [1] }, error: 'template: t:1:3: executing "t" at <index .l 5>: error calling index: index out of range: 5' },
    { name: 'builtin errors: len of a number', text: '{{ len 3 }}', error: 'template: t:1:3: executing "t" at <len 3>: error calling len: len of type int' },
    { name: 'wrong number of arguments', text: '{{ len }}', error: 'template: t:1:3: executing "t" at <len>: wrong number of args for len: want 1 got 0' },
    { name: 'too few arguments for a variadic function', text: '{{ printf }}', error: 'template: t:1:3: executing "t" at <printf>: wrong number of args for printf: want at least 1 got 0' },
    { name: 'a constant of the wrong kind for a string parameter', text: '{{ printf 1 }}', error: 'template: t:1:10: executing "t" at <1>: expected string; found 1' },
    { name: 'a value of the wrong type for a string parameter', text: '{{ printf .x }}', data: { x: 1.5 }, error: 'template: t:1:10: executing "t" at <.x>: wrong type for value; expected string; got float64' },
    { name: 'no value for a string parameter', text: '{{ printf .x }}', error: 'template: t:1:10: executing "t" at <.x>: invalid value; expected string' },
    { name: 'nil for a string parameter', text: '{{ printf nil }}', error: 'template: t:1:10: executing "t" at <nil>: cannot assign nil to string' },
    { name: 'nil is not a command', text: '{{ nil }}', error: 'template: t:1:3: executing "t" at <nil>: nil is not a command' },
    { name: 'arguments to a constant', text: '{{ 1 2 }}', error: 'template: t:1:3: executing "t" at <1>: can\'t give argument to non-function 1' },
    { name: 'range over a float', text: '{{ range .f }}{{ end }}', data: { f: 1.5 }, error: 'template: t:1:9: executing "t" at <.f>: range can\'t iterate over 1.5' },
    { name: 'range over an int with two variables', text: '{{ range $i, $v := 3 }}{{ end }}', error: 'template: t:1:19: executing "t" at <3>: can\'t use 3 to iterate over more than one variable' },
    { name: 'assigning an undeclared variable', text: '{{ $x = 1 }}', error: 'template: t:1:8: executing "t" at <1>: undefined variable: $x' },
    { name: 'an undefined template', text: '{{ template "nope" }}', error: 'template: t:1:12: executing "t" at <{{template "nope"}}>: template "nope" not defined' },
    { name: 'call of a non-function', text: '{{ call .x }}', data: { x: 1 }, error: 'template: t:1:3: executing "t" at <call .x>: error calling call: non-function .x of type float64' },
  ];
  it.each(cases)('$name', ({ text, data, error }) => {
    expect(renderError(text, data ?? {}).message).toBe(error);
  });

  it('exec errors are typed: template, line, column, executing template, node', () => {
    const e = renderError('{{define "d"}}\n {{ .x.y }}{{end}}{{ template "d" . }}', { x: null }, 'builtins', 'sidecar');
    expect(e).toBeInstanceOf(TemplateError);
    expect(e).toMatchObject({ kind: 'exec', template: 'sidecar', line: 2, column: 6, executing: 'd', context: '.x.y', detail: 'nil pointer evaluating interface {}.y' });
  });

  it('executing an undefined template name fails like Go', () => {
    expect(() => new Template('t').execute({})).toThrow('template: t: "t" is an incomplete or empty template');
    expect(() => new Template('t').parse('x').executeTemplate('u', {})).toThrow('template: no template "u" associated with template "t"');
  });

  it('unbounded template recursion stops with an error', () => {
    expect(() => render('{{define "r"}}{{template "r" .}}{{end}}{{template "r" .}}')).toThrow(/exceeded maximum template depth \(1000\)/);
  });
});
