import { Template, TemplateError, sprigFuncs, type FuncMap } from '../../../transformer/gotemplate/index.js';
import { injectionFuncMap } from '../../../transformer/mesh/istio-templates/funcs/funcs-istio.js';

export type FuncSet = 'builtins' | 'sprig' | 'injection';

function funcsFor(set: FuncSet): FuncMap {
  if (set === 'sprig') return sprigFuncs();
  if (set === 'injection') return injectionFuncMap();
  return {};
}

/** Parses `text` as template `name` (default `t`) and executes it on `data`. */
export function render(text: string, data: unknown = {}, set: FuncSet = 'builtins', name = 't'): string {
  return new Template(name).funcs(funcsFor(set)).parse(text).execute(data);
}

/** The `TemplateError` parsing or executing `text` throws (fails the test if none). */
export function renderError(text: string, data: unknown = {}, set: FuncSet = 'builtins', name = 't'): TemplateError {
  try {
    render(text, data, set, name);
  } catch (e) {
    if (e instanceof TemplateError) return e;
    throw e;
  }
  throw new Error(`expected ${JSON.stringify(text)} to fail`);
}

/** Table row: a name citing the Go rule, the template, its data and the expected output. */
export interface Case {
  name: string;
  text: string;
  data?: unknown;
  want: string;
}

/** Table row for a failing template: the full Go error message. */
export interface ErrorCase {
  name: string;
  text: string;
  data?: unknown;
  error: string;
}
