/**
 * Execution limits (`transformer/gotemplate/limits.ts`): a runaway template stops with a
 * `TemplateError` naming the limit, before the memory it would take is allocated.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TEMPLATE_LIMITS, TemplateError, marshalJSON, marshalYAML, type TemplateLimit } from '../../../transformer/gotemplate/index.js';
import { render, renderError, type FuncSet } from './helpers.js';

/** The limit `text` stops at (it must stop with an exec error naming one). */
function limitOf(text: string, set: FuncSet = 'injection', data: unknown = {}): TemplateLimit | undefined {
  const e = renderError(text, data, set);
  expect(e).toBeInstanceOf(TemplateError);
  expect(e.kind).toBe('exec');
  return e.limit;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('output size', () => {
  it('stops a template that writes more than the output limit', () => {
    expect(limitOf('{{range until 3000}}{{repeat 1000 "x"}}{{end}}')).toBe('output');
  });

  it('counts template text too, also after the last action', () => {
    const text = 'x'.repeat(TEMPLATE_LIMITS.output + 1);
    expect(limitOf(`{{if true}}{{end}}${text}`, 'builtins')).toBe('output');
  });

  it('reports where the template was when it went over', () => {
    const e = renderError('line one\n{{range until 3000}}{{repeat 1000 "x"}}{{end}}', {}, 'injection');
    expect(e).toMatchObject({ limit: 'output', template: 't', line: 2 });
  });

  it('lets an output up to the limit through', () => {
    expect(render('{{range until 1000}}{{repeat 1000 "x"}}{{end}}', {}, 'injection')).toHaveLength(1_000_000);
  });
});

describe('strings a function makes', () => {
  it.each([
    ['repeat', '{{repeat 200000000 "x"}}', 'injection'],
    ['printf widths', '{{printf "%1000000d%1000000d" 1 2}}', 'builtins'],
    ['indent (sprig)', '{{indent 2000000 "a\\nb"}}', 'sprig'],
    ['nindent', '{{nindent 3000000 "a"}}', 'injection'],
    ['indent (Istio)', '{{indent 1000000 "a\\nb\\nc"}}', 'injection'],
    ['join', '{{join (repeat 1000 "-") (until 2000)}}', 'injection'],
    ['replace', '{{replace "" (repeat 1000 "x") (repeat 2000 "y")}}', 'injection'],
    ['toJson of a value sharing its parts', '{{$l := list "x"}}{{range until 30}}{{$l = list $l $l}}{{end}}{{toJson $l}}', 'injection'],
    ['toYaml of a value sharing its parts', '{{$l := list "x"}}{{range until 30}}{{$l = list $l $l}}{{end}}{{toYaml $l}}', 'injection'],
  ])('%s stops at the string limit', (_name, text, set) => {
    expect(limitOf(text, set as FuncSet)).toBe('string');
  });

  it('repeat checks its size before it allocates', () => {
    const repeat = vi.spyOn(String.prototype, 'repeat');
    expect(limitOf('{{repeat 200000000 "x"}}')).toBe('string');
    for (const [i, call] of repeat.mock.calls.entries()) {
      const receiver = repeat.mock.contexts[i] as unknown as string;
      expect(receiver.length * Number(call[0])).toBeLessThanOrEqual(TEMPLATE_LIMITS.string);
    }
  });

  it('indent checks its size before it makes the padding', () => {
    const repeat = vi.spyOn(String.prototype, 'repeat');
    expect(limitOf('{{indent 100000000 "a\\nb"}}', 'sprig')).toBe('string');
    expect(repeat.mock.calls.every(([count]) => Number(count) <= TEMPLATE_LIMITS.string)).toBe(true);
  });

  it("toJson's error is not swallowed into an empty string, as its other errors are", () => {
    expect(limitOf('{{$l := list "x"}}{{range until 30}}{{$l = list $l $l}}{{end}}{{toJson $l | len}}', 'sprig')).toBe('string');
  });

  it('encoders outside a template run are not limited (kube-inject writes whole manifests)', () => {
    const big = { data: 'x'.repeat(TEMPLATE_LIMITS.string + 10) };
    expect(marshalJSON(big).length).toBeGreaterThan(TEMPLATE_LIMITS.string);
    expect(marshalYAML(big).length).toBeGreaterThan(TEMPLATE_LIMITS.string);
  });
});

describe('lists a function makes', () => {
  it.each([
    ['until', '{{range until 100000000}}{{end}}'],
    ['untilStep', '{{range untilStep 0 100000000 1}}{{end}}'],
    ['seq', '{{seq 100000000}}'],
    ['concat', '{{$l := until 200000}}{{concat $l $l}}'],
  ])('%s stops at the list limit', (_name, text) => {
    expect(limitOf(text)).toBe('list');
  });
});

describe('steps', () => {
  it.each([
    ['nested ranges', '{{range until 2000}}{{range until 2000}}{{end}}{{end}}'],
    ['a range over a large integer', '{{range 2000000}}{{end}}'],
    ['a template calling itself twice', '{{define "a"}}{{if lt . 22}}{{template "a" (add . 1)}}{{template "a" (add . 1)}}{{end}}{{end}}{{template "a" 0}}'],
    ['uniq of a long list (quadratic)', '{{until 200000 | uniq | len}}'],
    ['a string function in a loop', '{{$s := repeat 500000 "x"}}{{range until 100000}}{{$u := upper $s}}{{end}}'],
    ['scanning a long string in a loop', '{{$s := repeat 1000000 "x"}}{{range until 100000}}{{if contains "y" $s}}{{end}}{{end}}'],
    ['comparing long strings in a loop', '{{$s := repeat 1000000 "x"}}{{$t := repeat 1000000 "x"}}{{range until 100000}}{{if eq $s $t}}{{end}}{{end}}'],
    ['growing a list one element at a time', '{{$l := list}}{{range until 100000}}{{$l = append $l (repeat 100 "y")}}{{end}}'],
    ['printing a value that shares its parts', '{{$l := list 1}}{{range until 30}}{{$l = list $l $l}}{{end}}{{$l}}'],
  ])('%s stop at the step limit', (_name, text) => {
    expect(limitOf(text)).toBe('steps');
  });

  it('a loop within the limit runs', () => {
    expect(render('{{range until 1000}}{{range until 100}}{{end}}{{end}}ok', {}, 'injection')).toBe('ok');
  });
});

describe('template nesting', () => {
  it('a template calling itself stops at the depth limit', () => {
    expect(limitOf('{{define "r"}}{{template "r" .}}{{end}}{{template "r" .}}', 'builtins')).toBe('depth');
  });

  it('nesting up to the limit runs', () => {
    const text = `{{define "r"}}{{if lt . ${TEMPLATE_LIMITS.depth - 1}}}{{template "r" (add . 1)}}{{end}}{{end}}{{template "r" 0}}ok`;
    expect(render(text, {}, 'injection')).toBe('ok');
  });
});
