import { describe, expect, it } from 'vitest';
import { sprigFuncs, Template } from '../../../transformer/gotemplate/index.js';


describe('calledFunctions', () => {
  it('names every function the set calls: commands, arguments, pipelines, branches, define and template calls', () => {
    const text = [
      '{{ define "inner" }}{{ upper . }}{{ end }}',
      '{{ $d := dict "a" 1 }}{{ if hasKey $d "a" }}{{ template "inner" (lower "X") }}{{ else }}{{ len (list 1) }}{{ end }}',
      '{{ range $k, $v := .m }}{{ $v | quote }}{{ end }}{{ with .x }}{{ (default "y" .).Field }}{{ end }}',
    ].join('');
    const t = new Template('t').funcs(sprigFuncs()).parse(text);
    expect([...t.calledFunctions()].sort()).toEqual(['default', 'dict', 'hasKey', 'len', 'list', 'lower', 'quote', 'upper']);
  });

  it('is empty for a template without function calls', () => {
    expect(new Template('t').parse('a {{ .b }} {{ $x := .c }}{{ $x.d }}').calledFunctions()).toEqual(new Set());
  });
});
