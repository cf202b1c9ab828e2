/**
 * The runtime of compiled templates: what generated code calls besides template functions
 * (`codegen-*.ts` use these names; `HELPERS` passes them in). Node arguments (`at`) are numbers in
 * the program's node table.
 */
import { BREAK, CONTINUE, MAX_EXEC_DEPTH, MISSING, type Body, type ExecState } from './exec-state.js';
import { callFailed, evalField } from './field-access.js';
import { goQuote } from './go-quote.js';
import { MAX_CHARS, TEMPLATE_LIMITS } from './limits.js';
import { nodeString } from './nodes.js';
import { formatV } from './printf.js';
import { validateType } from './validate-arg.js';
import { hasPlainProto, isTrue, goKind, sortedKeys, typeName } from './values.js';

/** An action's value as printed (strings are printed inline): `<no value>`, or `%v`. */
function show(s: ExecState, at: number, value: unknown): string {
  if (value === undefined) return '<no value>';
  if (typeof value === 'function') s.errorf(`can't print ${nodeString(s.program.nodes[at]!)} of type ${typeName(value)}`);
  return formatV(value);
}

/** What `range` iterates over (`slice`, `map`, `int`, or `invalid`: nothing), with Go's errors for what it cannot. */
function rangeKind(s: ExecState, value: unknown, declCount: number): 'slice' | 'map' | 'int' | 'invalid' {
  const kind = goKind(value);
  switch (kind) {
    case 'slice':
    case 'map':
    case 'invalid':
      return kind;
    case 'int':
      if (declCount > 1) s.errorf(`can't use ${formatV(value)} to iterate over more than one variable`);
      return kind;
    default:
      return s.errorf(`range can't iterate over ${formatV(value)}`);
  }
}

/** The compiled body of `{{template "name"}}`, checked before its argument is evaluated. */
function templateBody(s: ExecState, name: string): Body {
  const body = s.program.template(name);
  if (body === undefined) s.errorf(`template ${goQuote(name)} not defined`);
  if (s.depth >= MAX_EXEC_DEPTH) s.limitf('depth', `exceeded maximum template depth (${MAX_EXEC_DEPTH})`);
  if (++s.steps > TEMPLATE_LIMITS.steps || s.chars > MAX_CHARS || s.out.length > TEMPLATE_LIMITS.output) s.overLimit();
  return body;
}

/** Runs a template with its own variables (`$` is `dot`). */
function runTemplate(s: ExecState, body: Body, name: string, dot: unknown): void {
  const saved = s.enterTemplate(dot);
  const savedName = s.tmplName;
  s.tmplName = name;
  s.depth++;
  try {
    body(s, dot);
  } finally {
    s.depth--;
    s.leaveTemplate(saved);
    s.tmplName = savedName;
  }
}

/**
 * A function result over a limit, or a list to count (generated code counts a string's characters
 * itself): the net behind the functions' own checks, which come before they allocate.
 */
function chargeResult(s: ExecState, at: number, name: string, value: string | unknown[]): void {
  let limit: 'string' | 'list' | 'steps' = 'steps';
  let detail = '';
  if (typeof value === 'string') {
    if (value.length > TEMPLATE_LIMITS.string) limit = 'string';
    else detail = `functions have taken and made ${s.chars} characters (${MAX_CHARS} is the step limit's worth)`;
  } else if (value.length > TEMPLATE_LIMITS.list) limit = 'list';
  else if ((s.steps += value.length) <= TEMPLATE_LIMITS.steps) return;
  else detail = `the template has run ${s.steps} steps`;
  s.at = at;
  if (limit !== 'steps') detail = `the result has ${value.length} ${typeof value === 'string' ? 'characters' : 'elements'}`;
  s.limitf(limit, `error calling ${name}: ${detail}`);
}

export const HELPERS = {
  MISSING,
  BREAK,
  CONTINUE,
  evalField,
  hasPlainProto,
  validateType,
  callFailed,
  chargeResult,
  isTrue,
  show,
  rangeKind,
  sortedKeys,
  templateBody,
  runTemplate,
} as const;
