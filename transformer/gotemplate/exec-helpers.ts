/**
 * The runtime of compiled templates: what generated code calls besides template functions
 * (`codegen-*.ts` name these helpers; `HELPERS` passes them in).
 */
import { BREAK, CONTINUE, MAX_EXEC_DEPTH, MISSING, type ExecState, type Stmt } from './exec-state.js';
import { callFailed, evalField } from './field-access.js';
import { goQuote } from './go-quote.js';
import { nodeString, type Node } from './nodes.js';
import { formatV } from './printf.js';
import { validateType } from './validate-arg.js';
import { hasPlainProto, isTrue, kindOf, sortedKeys, typeName } from './values.js';

/** A field read without arguments: the plain case quickly, the rest by `evalField`. */
function readField(s: ExecState, dot: unknown, receiver: unknown, name: string, node: Node): unknown {
  if (typeof receiver === 'object' && receiver !== null && hasPlainProto(receiver)) {
    const value = (receiver as Record<string, unknown>)[name];
    if (value !== undefined && typeof value !== 'function') return value;
  }
  return evalField(s, dot, receiver, name, node, null, MISSING, false);
}

/** `.A.B.C` without arguments (no name is `constructor` or `__proto__`). */
function readPath(s: ExecState, dot: unknown, receiver: unknown, path: readonly string[], node: Node): unknown {
  let r = receiver;
  for (let i = 0; i < path.length; i++) r = readField(s, dot, r, path[i]!, node);
  return r;
}

interface CallSite {
  readonly fn: (...args: unknown[]) => unknown;
  readonly node: Node;
  readonly name: string;
}

// Calls of template functions: a function without a result gives nil; a throw is `error calling NAME`.
function call0(s: ExecState, site: CallSite): unknown {
  try {
    const r = site.fn();
    return r === undefined ? null : r;
  } catch (e) {
    return callFailed(s, site.node, site.name, e);
  }
}

function call1(s: ExecState, site: CallSite, a: unknown): unknown {
  try {
    const r = site.fn(a);
    return r === undefined ? null : r;
  } catch (e) {
    return callFailed(s, site.node, site.name, e);
  }
}

function call2(s: ExecState, site: CallSite, a: unknown, b: unknown): unknown {
  try {
    const r = site.fn(a, b);
    return r === undefined ? null : r;
  } catch (e) {
    return callFailed(s, site.node, site.name, e);
  }
}

function call3(s: ExecState, site: CallSite, a: unknown, b: unknown, c: unknown): unknown {
  try {
    const r = site.fn(a, b, c);
    return r === undefined ? null : r;
  } catch (e) {
    return callFailed(s, site.node, site.name, e);
  }
}

function callN(s: ExecState, site: CallSite, args: unknown[]): unknown {
  try {
    const r = site.fn(...args);
    return r === undefined ? null : r;
  } catch (e) {
    return callFailed(s, site.node, site.name, e);
  }
}

/** An action's value as printed (strings are printed inline): `<no value>`, or `%v`. */
function show(s: ExecState, node: Node, value: unknown): string {
  if (value === undefined) return '<no value>';
  if (typeof value === 'function') s.errorf(`can't print ${nodeString(node)} of type ${typeName(value)}`);
  return formatV(value);
}

/** What `range` iterates over `value` (`slice`, `map`, `int`, or `invalid`: nothing), with Go's errors for what it cannot. */
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
function templateBody(s: ExecState, name: string): Stmt {
  const body = s.program.template(name);
  if (body === undefined) s.errorf(`template ${goQuote(name)} not defined`);
  if (s.depth >= MAX_EXEC_DEPTH) s.errorf(`exceeded maximum template depth (${MAX_EXEC_DEPTH})`);
  return body;
}

/** Runs a template with its own variables (`$` is `dot`). */
function runTemplate(s: ExecState, body: Stmt, name: string, dot: unknown): void {
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
  call0,
  call1,
  call2,
  call3,
  callN,
  hasPlainProto,
  validateType,
  callFailed,
  isTrue,
  show,
  rangeKind,
  sortedKeys,
  templateBody,
  runTemplate,
} as const;
