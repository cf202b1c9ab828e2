/**
 * The statement interpreter: runs compiled statements (`ops.ts`), writing the output. Actions print
 * with `%v` (`<no value>` for a missing value); `if`/`with`/`range` bodies and what a statement
 * declares end with their block; `range` iterates slices, maps in key order and integers, with
 * `break`/`continue`; `template` runs another template with its own variables.
 */
import { BREAK, CONTINUE, MAX_EXEC_DEPTH, type ExecState } from './exec-state.js';
import { goQuote } from './go-quote.js';
import { nodeString, type Node } from './nodes.js';
import { Code, Flag, type Op } from './ops.js';
import { formatV } from './printf.js';
import { pipeline } from './run-expr.js';
import { isTrue, kindOf, sortedKeys, typeName, type GoMap } from './values.js';

/** Runs a list of statements. */
export function runList(s: ExecState, list: Op, dot: unknown): void {
  s.node = list.at;
  const stmts = list.items!;
  for (let i = 0; i < stmts.length; i++) run(s, stmts[i]!, dot);
}

function run(s: ExecState, op: Op, dot: unknown): void {
  s.node = op.at;
  switch (op.code) {
    case Code.Text:
      s.out += op.a as string;
      return;
    case Code.Action: {
      const value = pipeline(s, op.x!, dot);
      if ((op.flags & Flag.Print) === 0) return;
      s.node = op.at;
      s.out += typeof value === 'string' ? value : show(s, op.at!, value);
      return;
    }
    case Code.If:
    case Code.With: {
      const mark = s.mark();
      const value = pipeline(s, op.x!, dot);
      if (isTrue(value)) runList(s, op.y!, op.code === Code.With ? value : dot);
      else if (op.b !== null) runList(s, op.b as Op, dot);
      // An error or break/continue unwinds to a range or template call, which restores its own mark.
      s.pop(mark);
      return;
    }
    case Code.Range:
      return range(s, op, dot);
    case Code.Template:
      return template(s, op, dot);
    case Code.List:
      return runList(s, op, dot);
    case Code.Break:
      throw BREAK;
    case Code.Continue:
      throw CONTINUE;
    case Code.Comment:
      return;
    default:
      s.errorf(op.a as string);
  }
}

/** An action's value as printed: `<no value>`, or `%v`. */
function show(s: ExecState, node: Node, value: unknown): string {
  if (value === undefined) return '<no value>';
  if (typeof value === 'function') s.errorf(`can't print ${nodeString(node)} of type ${typeName(value)}`);
  return formatV(value);
}

function range(s: ExecState, op: Op, dot: unknown): void {
  const outer = s.mark();
  const value = pipeline(s, op.x!, dot);
  let ran: boolean;
  try {
    ran = iterate(s, op, value);
  } catch (e) {
    if (e !== BREAK) throw e;
    ran = true;
  }
  if (!ran && op.b !== null) runList(s, op.b as Op, dot);
  s.pop(outer);
}

/** Runs the iterations; false when there were none (the `else` branch runs). */
function iterate(s: ExecState, op: Op, value: unknown): boolean {
  const mark = s.mark();
  const withIndex = (op.a as readonly string[]).length > 1;
  switch (kindOf(value)) {
    case 'slice': {
      const items = value as unknown[];
      const n = items.length;
      for (let i = 0; i < n; i++) if (i in items) iteration(s, op, mark, withIndex ? BigInt(i) : undefined, items[i]);
      return items.length > 0;
    }
    case 'map': {
      const map = value as GoMap;
      const keys = sortedKeys(map);
      for (const key of keys) iteration(s, op, mark, key, map[key]);
      return keys.length > 0;
    }
    case 'int': {
      if (withIndex) s.errorf(`can't use ${formatV(value)} to iterate over more than one variable`);
      const n = value as bigint;
      for (let i = 0n; i < n; i++) iteration(s, op, mark, undefined, i);
      return n > 0n;
    }
    case 'invalid':
      return false;
    default:
      return s.errorf(`range can't iterate over ${formatV(value)}`);
  }
}

/** One iteration: the range's variables set, the body run (`continue` ends it early). */
function iteration(s: ExecState, op: Op, mark: number, index: unknown, elem: unknown): void {
  const names = op.a as readonly string[];
  const assign = (op.flags & Flag.Assign) !== 0;
  if (names.length > 0) {
    if (assign) s.setVar(names[0]!, names.length > 1 ? index : elem);
    else s.setTopVar(1, elem);
  }
  if (names.length > 1) {
    if (assign) s.setVar(names[1]!, elem);
    else s.setTopVar(2, index);
  }
  try {
    runList(s, op.y!, elem);
  } catch (e) {
    if (e !== CONTINUE) throw e;
  }
  s.pop(mark);
}

/** `{{template "name" pipeline}}`: the template found and the depth checked before the argument is evaluated. */
function template(s: ExecState, op: Op, dot: unknown): void {
  const name = op.a as string;
  const body = s.program.template(name);
  if (body === undefined) return s.errorf(`template ${goQuote(name)} not defined`);
  if (s.depth >= MAX_EXEC_DEPTH) s.errorf(`exceeded maximum template depth (${MAX_EXEC_DEPTH})`);
  const newDot = op.x === null ? undefined : pipeline(s, op.x, dot);
  const saved = s.enterTemplate(newDot);
  const savedName = s.tmplName;
  s.tmplName = name;
  s.depth++;
  try {
    runList(s, body, newDot);
  } finally {
    s.depth--;
    s.leaveTemplate(saved);
    s.tmplName = savedName;
  }
}
