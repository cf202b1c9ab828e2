/**
 * Go's `validateType`: a value passed as an argument of a parameter type, with Go's errors
 * (`invalid value; expected string`, `wrong type for value; expected int; got string`).
 */
import type { ExecState } from './exec-state.js';
import { canBeNil, isAssignable, typeString, type ArgType } from './funcs.js';
import { typeName } from './values.js';

export function validateType(s: ExecState, value: unknown, typ: ArgType | null): unknown {
  if (typ === null) return value;
  if (value === undefined) {
    if (typ === 'value') return undefined;
    if (canBeNil(typ)) return null;
    s.errorf(`invalid value; expected ${typeString(typ)}`);
  }
  if (typ === 'any' || typ === 'value') return value;
  if (value === null) s.errorf(`wrong type for value; expected ${typeString(typ)}; got interface {}`);
  if (!isAssignable(value, typ)) s.errorf(`wrong type for value; expected ${typeString(typ)}; got ${typeName(value)}`);
  return value;
}

