/**
 * JSON text as Go's `encoding/json` writes a Kubernetes value: struct fields in Go field order
 * (the generated type table), map keys sorted, `<`, `>`, `&`, U+2028 and U+2029 escaped. For the
 * values Istio records as JSON text (containers in `proxy.istio.io/overrides`, probe actions in
 * `ISTIO_KUBE_APP_PROBERS`).
 */
import { isObject } from '../kube/objects.js';
import { goStruct, parseGoType, type GoType } from './go-schema.js';

/**
 * A copy of `value` with its object keys in the order Go marshals it as `type` (`core.Container`, or
 * a parsed type). Keys the type does not know follow the known ones in their own order.
 */
export function goOrdered(value: unknown, type: GoType | string | undefined): unknown {
  const goType = typeof type === 'string' ? parseGoType(type) : type;
  if (goType?.kind === 'ptr') return goOrdered(value, goType.elem);
  if (Array.isArray(value)) return value.map((item) => goOrdered(item, goType?.kind === 'slice' ? goType.elem : undefined));
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  if (goType?.kind === 'struct') {
    const { fields, byName } = goStruct(goType.name);
    for (const field of fields) if (Object.hasOwn(value, field.json)) out[field.json] = goOrdered(value[field.json], field.type);
    for (const key of Object.keys(value)) if (!byName.has(key)) out[key] = goOrdered(value[key], undefined);
  } else if (goType?.kind === 'map') {
    for (const key of Object.keys(value).sort()) out[key] = goOrdered(value[key], goType.elem);
  } else {
    for (const key of Object.keys(value)) out[key] = goOrdered(value[key], undefined);
  }
  return out;
}

/** `JSON.stringify` with Go `encoding/json`'s HTML-safe escaping of `<`, `>`, `&`, U+2028, U+2029. */
export function goJsonStringify(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
