/**
 * The Template API: function maps (typed and plain), options, lookup, and Istio-over-sprig
 * precedence in the injection function map.
 */
import { describe, expect, it } from 'vitest';
import { Template, TemplateError, defineContextFunc, defineFunc, sprigFuncs } from '../../../transformer/gotemplate/index.js';
import { injectionFuncMap } from '../../../transformer/mesh/istio-templates/funcs/funcs-istio.js';

describe('Template API', () => {
  it('typed functions get Go argument checks; plain JS functions take anything', () => {
    const t = new Template('t').funcs({
      double: defineFunc(['int'], (n: bigint) => n * 2n),
      count: (...args: unknown[]) => args.length,
      join2: defineFunc(['string'], (sep: string, ...parts: string[]) => parts.join(sep), 'string'),
    });
    expect(t.parse('{{ double 21 }} {{ count 1 "a" .missing }} {{ join2 "-" "a" "b" }} {{ "c" | join2 "+" "x" }}').execute({})).toBe('42 3 a-b x+c');
    expect(() => new Template('u').funcs({ double: defineFunc(['int'], (n: bigint) => n) }).parse('{{ double "x" }}').execute({})).toThrow(
      'template: u:1:10: executing "u" at <"x">: expected integer; found "x"',
    );
  });

  it('context functions read what each execution passes, in called templates and pipelines too', () => {
    const t = new Template('t')
      .funcs({ greet: defineContextFunc(['string'], (context: { who: string } | undefined, word: string) => `${word} ${context?.who ?? 'nobody'}`) })
      .parse('{{ define "inner" }}{{ greet . }}{{ end }}{{ greet "hi" }}|{{ template "inner" "yo" }}|{{ "hey" | greet }}');
    expect(t.execute({}, { who: 'ann' })).toBe('hi ann|yo ann|hey ann');
    expect(t.execute({}, { who: 'bob' })).toBe('hi bob|yo bob|hey bob');
    expect(t.execute({})).toBe('hi nobody|yo nobody|hey nobody');
  });

  it('functions can be added after parsing, and later maps win', () => {
    const t = new Template('t').funcs({ f: () => 'one' }).parse('{{ f }}');
    t.funcs({ f: () => 'two' });
    expect(t.execute({})).toBe('two');
  });

  it('a function returning undefined gives nil; a thrown error is "error calling"', () => {
    const t = new Template('t').funcs({ nothing: () => undefined, boom: () => { throw new Error('bad input'); } });
    expect(t.parse('{{ nothing }}|{{ print (nothing) }}').execute({})).toBe('<no value>|<nil>');
    expect(() => new Template('t2').funcs({ boom: () => { throw new Error('bad input'); } }).parse('{{ boom }}').execute({})).toThrow(
      'template: t2:1:3: executing "t2" at <boom>: error calling boom: bad input',
    );
  });

  it('rejects function names that are not identifiers, and unknown options', () => {
    expect(() => new Template('t').funcs({ 'a-b': () => 1 })).toThrow(TypeError);
    expect(() => new Template('t').option('missingkey=maybe')).toThrow('unrecognized option: missingkey=maybe');
    expect(new Template('t').option('missingkey=invalid').parse('{{ .x }}').execute({})).toBe('<no value>');
  });

  it('lookup finds defined templates only', () => {
    const t = new Template('root').parse('{{ define "part" }}P{{ . }}{{ end }}');
    expect(t.lookup('part')?.execute(1n)).toBe('P1');
    expect(t.lookup('nope')).toBeUndefined();
  });

  it("Istio's functions win over sprig's in the injection map", () => {
    const sprigIndent = new Template('s').funcs(sprigFuncs()).parse('{{ indent 2 "a\\nb" }}').execute({});
    const istioIndent = new Template('i').funcs(injectionFuncMap()).parse('{{ indent 2 "a\\nb" }}').execute({});
    expect(sprigIndent).toBe('  a\n  b');
    expect(istioIndent).toBe('a\n  b');
    expect(new Template('y').funcs(sprigFuncs()).parse('[{{ toYaml (dict "a" 1) }}]').execute({})).toBe('[a: 1]');
    expect(new Template('y').funcs(injectionFuncMap()).parse('[{{ toYaml (dict "a" 1) }}]').execute({})).toBe('[a: 1\n]');
  });

  it('errors are TemplateErrors carrying Go\'s full message', () => {
    try {
      new Template('x').parse('{{ .a.b }}').execute({ a: null });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TemplateError);
      expect((e as TemplateError).message).toBe('template: x:1:5: executing "x" at <.a.b>: nil pointer evaluating interface {}.b');
    }
  });
});
