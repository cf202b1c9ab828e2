/**
 * Go `text/template` with sprig (Istio's injection functions live with the Istio template preset, in
 * `mesh/istio-templates/funcs/`), for running Istio's
 * `istio-sidecar-injector` templates (and users' custom ones) unmodified. Pure: no I/O, no
 * environment, no clock.
 *
 *     const t = new Template('sidecar').funcs(injectionFuncMap({ env, protoToJSON })).parse(text);
 *     const out = t.execute(data);
 *
 * Data follows the Go value model in `values.ts`: `number` is float64 (JSON/YAML values), `bigint`
 * is int, plain objects are `map[string]interface {}` (missing keys give "no value"), class
 * instances and `structValue(...)` are structs, `stringMap(...)` is `map[string]string`, and a
 * function reached as a field is called like a Go method (`.GetTracing.GetTlsSettings`,
 * `.InterceptionMode.String`), except as the function operand of `call`.
 *
 * Each execution is bounded (`limits.ts`): output size, the size of any string or list a function
 * makes, steps (a count standing for time) and template nesting; going over one is a
 * `TemplateError` whose `limit` names it.
 *
 * Known differences from Go: complex number constants are rejected; a nil struct field prints
 * `<no value>` rather than `<nil>`; int and int64 are one kind; `%p` and `%b`/`%x` of floats are
 * not implemented; regexp flag groups other than a leading `(?i)`-style one are not supported.
 */
export { Template } from './template.js';
export { TemplateError, GoFuncError, type TemplateErrorKind } from './errors.js';
export { defineContextFunc, defineFunc, type ArgType, type FuncMap, type FuncSpec, type TemplateFunc } from './funcs.js';
export { sprigFuncs } from './funcs-sprig.js';
export { MAP_CHANGING_FUNCS } from './sprig-dicts.js';
export { GO_TYPE, STRING_MAP_TYPE, structValue, structType, stringMap, withGoType, isTrue, typeName, goKind, type Kind } from './values.js';
export { goEq, goLt, goLe, goGt, goGe, goNe } from './compare.js';
export { sprint, sprintln, sprintf, formatV } from './printf.js';
export { formatFloat } from './float-format.js';
export { goQuote } from './go-quote.js';
export { marshalJSON, unmarshalJSON } from './go-json.js';
export { marshalYAML } from './yaml-marshal.js';
export { MAX_EXEC_DEPTH } from './exec.js';
export { TEMPLATE_LIMITS, type TemplateLimit } from './limits.js';
