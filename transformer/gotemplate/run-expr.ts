/**
 * The expression interpreter: the value of a pipeline, command or argument op (`ops.ts`).
 * Arguments are checked as compiled; a called function that throws is reported as
 * `error calling NAME: ...`; a function without a result gives nil.
 */
import { MISSING, type ExecState } from './exec-state.js';
import { callFailed, evalField, readField } from './field-access.js';
import type { Node } from './nodes.js';
import { Check, Code, Flag, type CallSite, type Op } from './ops.js';
import { validateType } from './validate-arg.js';
import { isTrue } from './values.js';

/** A pipeline's value; its variables are declared or assigned. */
export function pipeline(s: ExecState, op: Op, dot: unknown): unknown {
  s.node = op.at;
  const cmds = op.items!;
  let value: unknown = MISSING;
  for (let i = 0; i < cmds.length; i++) {
    value = evaluate(s, cmds[i]!, dot, value);
    // An interface{} holding nil is dug out to "no value".
    if (value === null) value = undefined;
  }
  const names = op.a as readonly string[];
  for (let i = 0; i < names.length; i++) {
    if ((op.flags & Flag.Assign) !== 0) s.setVar(names[i]!, value);
    else s.push(names[i]!, value);
  }
  return value;
}

/** An op's value; `final` is the previous command's value, `MISSING` for none. */
function evaluate(s: ExecState, op: Op, dot: unknown, final: unknown): unknown {
  if (op.at !== null) s.node = op.at;
  switch (op.code) {
    case Code.Const:
      return op.a;
    case Code.Dot:
      return dot;
    case Code.Fields:
      return fields(s, op, dot, final);
    case Code.Call:
      return call(s, op, dot, final);
    case Code.Variable: {
      const value = s.varValue(op.a as string);
      if (op.b !== null) s.errorf(op.b as string);
      return value;
    }
    case Code.AndOr:
      return andOr(s, op, dot, final);
    case Code.Pipeline:
      return pipeline(s, op, dot);
    default:
      return s.errorf(op.a as string);
  }
}

/** An argument's value, checked against its parameter type. */
function arg(s: ExecState, op: Op, dot: unknown): unknown {
  let value: unknown;
  if ((op.flags & (Flag.CallOperand | Flag.NotCallOperand)) === 0) value = evaluate(s, op, dot, MISSING);
  else {
    // Only the function operand of `call` is evaluated with the flag set; nested calls' own arguments are not.
    s.funcOperand = (op.flags & Flag.CallOperand) !== 0;
    value = evaluate(s, op, dot, MISSING);
    s.funcOperand = false;
  }
  return check(s, value, op.check, op.type);
}

function check(s: ExecState, value: unknown, how: Check, type: Op['type']): unknown {
  switch (how) {
    case Check.None:
      return value;
    case Check.Interface:
      return value === undefined ? null : value;
    case Check.String:
      return typeof value === 'string' ? value : validateType(s, value, 'string');
    default:
      return validateType(s, value, type);
  }
}

/** A method call's arguments. */
function argValues(s: ExecState, args: readonly Op[], dot: unknown): unknown[] {
  return args.map((a) => arg(s, a, dot));
}

/** `.A.B.C` of the receiver (dot when there is none); the last name gets the method arguments and `final`. */
function fields(s: ExecState, op: Op, dot: unknown, final: unknown): unknown {
  let r = op.x === null ? dot : evaluate(s, op.x, dot, MISSING);
  const names = op.a as readonly string[];
  const node = op.b as Node;
  const last = names.length - 1;
  let funcOperand = false;
  if ((op.flags & Flag.InCallOperand) !== 0) {
    funcOperand = s.funcOperand;
    s.funcOperand = false;
  }
  const special = (op.flags & Flag.SpecialName) !== 0;
  for (let i = 0; i < last; i++) {
    r = special ? evalField(s, dot, r, names[i]!, node, null, MISSING, false, argValues) : readField(s, dot, r, names[i]!, node);
  }
  if (op.items === null && final === MISSING && (op.flags & (Flag.InCallOperand | Flag.SpecialName)) === 0) return readField(s, dot, r, names[last]!, node);
  return evalField(s, dot, r, names[last]!, node, op.items, final, funcOperand, argValues);
}

function call(s: ExecState, op: Op, dot: unknown, final: unknown): unknown {
  const site = op.a as CallSite;
  const fn = site.fn;
  const args = op.items!;
  const n = args.length;
  let result: unknown;
  // Up to three arguments without building an array.
  if (final === MISSING && n <= 3) {
    const a = n > 0 ? arg(s, args[0]!, dot) : undefined;
    const b = n > 1 ? arg(s, args[1]!, dot) : undefined;
    const c = n > 2 ? arg(s, args[2]!, dot) : undefined;
    try {
      result = n === 0 ? fn() : n === 1 ? fn(a) : n === 2 ? fn(a, b) : fn(a, b, c);
    } catch (e) {
      callFailed(s, site.node, site.name, e);
    }
  } else {
    const argv = argValues(s, args, dot);
    if (final !== MISSING) argv.push(check(s, final, site.finalCheck, site.finalType));
    try {
      result = fn(...argv);
    } catch (e) {
      callFailed(s, site.node, site.name, e);
    }
  }
  return result === undefined ? null : result;
}

/** `and`/`or`: the first operand that decides (falsy for `and`, truthy for `or`), else the last. */
function andOr(s: ExecState, op: Op, dot: unknown, final: unknown): unknown {
  const isOr = (op.flags & Flag.Or) !== 0;
  const args = op.items!;
  let value: unknown;
  for (let i = 0; i < args.length; i++) {
    value = arg(s, args[i]!, dot);
    if (isTrue(value) === isOr) return value;
  }
  if (final !== MISSING) value = final;
  return value;
}
