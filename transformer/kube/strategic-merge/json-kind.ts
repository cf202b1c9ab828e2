/** The kinds of JSON values the merge tells apart (Go's `reflect` kinds after `json.Unmarshal`). */
import { isObject } from '../objects.js';

export type Obj = Record<string, unknown>;
export type JsonKind = 'map' | 'list' | 'string' | 'number' | 'boolean' | 'null' | 'other';

export function kindOf(value: unknown): JsonKind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (isObject(value)) return 'map';
  const t = typeof value;
  return t === 'string' || t === 'number' || t === 'boolean' ? t : 'other';
}

export { isObject as isMap };

/** Equality of merge-key values and of set items (Go `==` on scalars); maps and lists never match. */
export function sameScalar(a: unknown, b: unknown): boolean {
  return a === b && (a === null || typeof a !== 'object');
}
