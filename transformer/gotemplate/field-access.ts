/**
 * Go's `evalField` over the value model: `.Name` of a struct (a field, or a method that is
 * called) or of a map (a key; a missing one follows the `missingkey` option), with Go's errors.
 * Compiled field chains (`codegen-path.ts`) take plain fields the quick way and come here for the
 * rest. `at` is the number of the node a method call's error is reported at.
 */
import { MISSING, type ExecState } from './exec-state.js';
import { GoFuncError } from './errors.js';
import { goQuote } from './go-quote.js';
import { LimitError } from './limits.js';
import { hasOwn, isMapObject, isStringMap, structMember, typeName } from './values.js';

type Fn = (...args: unknown[]) => unknown;

/** A method call's arguments after the field name (generated code), evaluated only if the field is a method. */
type MethodArgs = ((s: ExecState, dot: unknown) => unknown[]) | null;

/**
 * `receiver.name`. `args` are the command's arguments after the field, used if it is a method;
 * `final` is the previous command's value or `MISSING`; `funcOperand` says the field is the
 * function operand of `call` (a function field is then the value, not a method call).
 */
export function evalField(
  s: ExecState,
  dot: unknown,
  receiver: unknown,
  name: string,
  at: number,
  args: MethodArgs,
  final: unknown,
  funcOperand: boolean,
): unknown {
  if (receiver === undefined) {
    if (s.missingKey === 'error') s.errorf(`nil data; no entry for key ${goQuote(name)}`);
    return undefined;
  }
  if (receiver === null) s.errorf(`nil pointer evaluating interface {}.${name}`);
  if (typeof receiver === 'object' && !Array.isArray(receiver)) {
    const obj = receiver as Record<string, unknown>;
    const hasArgs = args !== null || final !== MISSING;
    if (isMapObject(obj)) {
      const present = hasOwn(obj, name);
      const value = present ? obj[name] : undefined;
      if (typeof value === 'function' && !funcOperand) return invokeMethod(s, dot, receiver, value as Fn, at, name, args, final);
      if (hasArgs) s.errorf(`${name} is not a method but has arguments`);
      if (present) return value;
      switch (s.missingKey) {
        case 'error':
          s.errorf(`map has no entry for key ${goQuote(name)}`);
        // eslint-disable-next-line no-fallthrough
        case 'zero':
          return isStringMap(obj) ? '' : null;
        default:
          return undefined;
      }
    }
    const member = structMember(obj, name);
    if (member.found) {
      if (typeof member.value === 'function' && !funcOperand) return invokeMethod(s, dot, receiver, member.value as Fn, at, name, args, final);
      if (hasArgs) s.errorf(`${name} has arguments but cannot be invoked as function`);
      return member.value;
    }
  }
  s.errorf(`can't evaluate field ${name} in type ${typeName(receiver)}`);
}

/**
 * A function field called as a method of `receiver` (`func(args ...interface{}) interface{}`):
 * the command's arguments, then the previous command's value; an error is `error calling NAME`.
 */
function invokeMethod(s: ExecState, dot: unknown, receiver: unknown, method: Fn, at: number, name: string, args: MethodArgs, final: unknown): unknown {
  const argv = args === null ? [] : args(s, dot);
  if (final !== MISSING) argv.push(final === undefined ? null : final);
  let value: unknown;
  try {
    value = argv.length === 0 ? method.call(receiver) : method.apply(receiver, argv);
  } catch (e) {
    callFailed(s, at, name, e);
  }
  return value === undefined ? null : value;
}

/** A called function threw: Go's `error calling NAME: ...`, at the command. */
export function callFailed(s: ExecState, at: number, name: string, e: unknown): never {
  s.at = at;
  s.errorf(`error calling ${name}: ${e instanceof Error ? e.message : String(e)}`, e instanceof LimitError ? e.limit : undefined);
}

/** The `call` builtin's function: the first argument called with the rest (named in errors as written). */
export function callBuiltin(calleeName: string): Fn {
  return (fn, ...rest) => {
    if (fn === undefined || fn === null) throw new GoFuncError('call of nil');
    if (typeof fn !== 'function') throw new GoFuncError(`non-function ${calleeName} of type ${typeName(fn)}`);
    return (fn as Fn)(...rest.map((a) => (a === undefined ? null : a)));
  };
}
