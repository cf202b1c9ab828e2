/**
 * The runtime of compiled templates: what generated code calls besides template functions
 * (`codegen-*.ts` use these names; `HELPERS` passes them in). Node arguments (`at`) are numbers in
 * the program's node table.
 */
import { BREAK, CONTINUE, MAX_EXEC_DEPTH, MISSING, type Body, type ExecState } from './exec-state.js';
import { callFailed, evalField, readField, type Getter } from './field-access.js';
import { goQuote } from './go-quote.js';
import { nodeString } from './nodes.js';
import { formatV } from './printf.js';
import { validateType } from './validate-arg.js';
import { isTrue, kindOf, sortedKeys, typeName } from './values.js';

/** `.A.B.C` without arguments (no name is `constructor` or `__proto__`); `getters` read the names. */
function readPath(s: ExecState, dot: unknown, receiver: unknown, path: readonly string[], getters: readonly Getter[], at: number): unknown {
  let r = receiver;
  for (let i = 0; i < path.length; i++) r = readField(s, dot, r, path[i]!, getters[i]!, at);
  return r;
}

/** A template function call: the function, where its errors are reported, and which arguments are `interface{}`. */
export interface CallSite {
  readonly fn: (...args: unknown[]) => unknown;
  readonly at: number;
  readonly name: string;
  /** Bit i: argument i is `interface{}`, where "no value" arrives as nil. */
  readonly interfaceArgs: number;
}

// Calls by number of arguments (no argument array): `interface{}` arguments get nil for "no value",
// a function without a result gives nil, and a throw is `error calling NAME`.

function call0(s: ExecState, site: CallSite): unknown {
  const fn = site.fn;
  try {
    const r = fn();
    return r === undefined ? null : r;
  } catch (e) {
    return callFailed(s, site.at, site.name, e);
  }
}

function call1(s: ExecState, site: CallSite, a: unknown): unknown {
  const fn = site.fn;
  if (a === undefined && (site.interfaceArgs & 1) !== 0) a = null;
  try {
    const r = fn(a);
    return r === undefined ? null : r;
  } catch (e) {
    return callFailed(s, site.at, site.name, e);
  }
}

function call2(s: ExecState, site: CallSite, a: unknown, b: unknown): unknown {
  const fn = site.fn;
  const any = site.interfaceArgs;
  if (a === undefined && (any & 1) !== 0) a = null;
  if (b === undefined && (any & 2) !== 0) b = null;
  try {
    const r = fn(a, b);
    return r === undefined ? null : r;
  } catch (e) {
    return callFailed(s, site.at, site.name, e);
  }
}

function call3(s: ExecState, site: CallSite, a: unknown, b: unknown, c: unknown): unknown {
  const fn = site.fn;
  const any = site.interfaceArgs;
  if (a === undefined && (any & 1) !== 0) a = null;
  if (b === undefined && (any & 2) !== 0) b = null;
  if (c === undefined && (any & 4) !== 0) c = null;
  try {
    const r = fn(a, b, c);
    return r === undefined ? null : r;
  } catch (e) {
    return callFailed(s, site.at, site.name, e);
  }
}

function callN(s: ExecState, site: CallSite, args: unknown[]): unknown {
  const fn = site.fn;
  for (let i = 0; i < args.length && i < 31; i++) if (args[i] === undefined && (site.interfaceArgs & (1 << i)) !== 0) args[i] = null;
  try {
    const r = fn(...args);
    return r === undefined ? null : r;
  } catch (e) {
    return callFailed(s, site.at, site.name, e);
  }
}

/** An action's value as printed (strings are printed inline): `<no value>`, or `%v`. */
function show(s: ExecState, at: number, value: unknown): string {
  if (value === undefined) return '<no value>';
  if (typeof value === 'function') s.errorf(`can't print ${nodeString(s.program.nodes[at]!)} of type ${typeName(value)}`);
  return formatV(value);
}

/** What `range` iterates over (`slice`, `map`, `int`, or `invalid`: nothing), with Go's errors for what it cannot. */
function rangeKind(s: ExecState, value: unknown, declCount: number): 'slice' | 'map' | 'int' | 'invalid' {
  const kind = kindOf(value);
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
  if (s.depth >= MAX_EXEC_DEPTH) s.errorf(`exceeded maximum template depth (${MAX_EXEC_DEPTH})`);
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

export const HELPERS = {
  MISSING,
  BREAK,
  CONTINUE,
  evalField,
  readField,
  readPath,
  validateType,
  call0,
  call1,
  call2,
  call3,
  callN,
  isTrue,
  show,
  rangeKind,
  sortedKeys,
  templateBody,
  runTemplate,
} as const;
