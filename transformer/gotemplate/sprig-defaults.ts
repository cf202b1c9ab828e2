/**
 * sprig defaults, JSON, type reflection and flow control (`default empty coalesce all any ternary
 * toJson fromJson ... typeOf kindIs deepEqual fail`), plus Helm's `required` and `toYaml`, which
 * users of sprig-based tools expect next to them.
 */
import { GoFuncError } from './errors.js';
import { defineFunc, type FuncMap } from './funcs.js';
import { marshalJSON, unmarshalJSON } from './go-json.js';
import { LimitError } from './limits.js';
import { reflectDeepEqual, isEmpty } from './sprig-cast.js';
import { marshalYAML } from './yaml-marshal.js';
import { reflectKindName, typeName } from './values.js';

/** Errors are swallowed the way sprig's non-`must` variants do. */
/** `f()`, or "" when it fails (sprig's non-`must` variants), but not when it hits a limit. */
function orEmpty(f: () => string): string {
  try {
    return f();
  } catch (e) {
    if (e instanceof LimitError) throw e;
    return '';
  }
}

function fromJson(s: string): unknown {
  try {
    return unmarshalJSON(s);
  } catch {
    return null;
  }
}

/** Helm `required`: fails with `message` on nil or "". */
function required(message: string, value: unknown): unknown {
  if (value === null || value === undefined || value === '') throw new GoFuncError(message);
  return value;
}

export const sprigDefaultFuncs: FuncMap = {
  default: defineFunc(['any'], (d: unknown, ...given: unknown[]) => (given.length === 0 || isEmpty(given[0]) ? d : given[0]), 'any'),
  empty: defineFunc(['any'], isEmpty),
  coalesce: defineFunc([], (...values: unknown[]) => values.find((v) => !isEmpty(v)) ?? null, 'any'),
  all: defineFunc([], (...values: unknown[]) => values.every((v) => !isEmpty(v)), 'any'),
  any: defineFunc([], (...values: unknown[]) => values.some((v) => !isEmpty(v)), 'any'),
  ternary: defineFunc(['any', 'any', 'bool'], (vt: unknown, vf: unknown, cond: boolean) => (cond ? vt : vf)),
  toJson: defineFunc(['any'], (v: unknown) => orEmpty(() => marshalJSON(v))),
  mustToJson: defineFunc(['any'], (v: unknown) => marshalJSON(v)),
  toPrettyJson: defineFunc(['any'], (v: unknown) => orEmpty(() => marshalJSON(v, { indent: '  ' }))),
  mustToPrettyJson: defineFunc(['any'], (v: unknown) => marshalJSON(v, { indent: '  ' })),
  toRawJson: defineFunc(['any'], (v: unknown) => marshalJSON(v, { escapeHTML: false })),
  mustToRawJson: defineFunc(['any'], (v: unknown) => marshalJSON(v, { escapeHTML: false })),
  fromJson: defineFunc(['string'], fromJson),
  mustFromJson: defineFunc(['string'], (s: string) => unmarshalJSON(s)),
  toYaml: defineFunc(['any'], (v: unknown) => orEmpty(() => marshalYAML(v).replace(/\n$/, ''))),
  typeOf: defineFunc(['any'], typeName),
  typeIs: defineFunc(['string', 'any'], (target: string, v: unknown) => target === typeName(v)),
  typeIsLike: defineFunc(['string', 'any'], (target: string, v: unknown) => target === typeName(v) || '*' + target === typeName(v)),
  kindOf: defineFunc(['any'], reflectKindName),
  kindIs: defineFunc(['string', 'any'], (target: string, v: unknown) => target === reflectKindName(v)),
  deepEqual: defineFunc(['any', 'any'], reflectDeepEqual),
  required: defineFunc(['string', 'any'], required),
  fail: defineFunc(['string'], (message: string) => {
    throw new GoFuncError(message);
  }),
};
