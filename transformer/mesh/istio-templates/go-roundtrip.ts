/**
 * Istio reads every merge result back into a Go `corev1.Pod` and writes it out again, so what a
 * template wrote goes through Go's `encoding/json`: fields the Go type does not have are dropped,
 * and `omitempty` fields holding a zero value (`initialDelaySeconds: 0`, `readOnly: false`,
 * `medium: ""`, `args: []`) disappear. Pointer fields keep their zero (`runAsUser: 0`).
 *
 * Applied here only to what the templates contributed: a field the user's own pod has at the same
 * place (`keep`) is left as it is, so the user's text is never rewritten for it. List items are
 * paired with the user's by merge key (containers by name, mounts by mountPath...), else by index.
 */
import { goStruct, type GoType } from '../../go-types/go-schema.js';
import { isObject } from '../../kube.js';
import { mergeKeyFor } from '../../merge-keys.js';

type Json = Record<string, unknown>;

/** `value` (of the generated Go struct type `typeName`, `core.Pod`) as Go would write it, except where `keep` has the field. */
export function goRoundTrip(value: unknown, typeName: string, keep: unknown): unknown {
  return visit(value, { kind: 'struct', name: typeName }, keep, undefined);
}

function visit(value: unknown, type: GoType, keep: unknown, field: string | undefined): unknown {
  switch (type.kind) {
    case 'ptr':
      return visit(value, type.elem, keep, field);
    case 'slice':
      return Array.isArray(value) ? visitList(value, type.elem, Array.isArray(keep) ? keep : [], field) : value;
    case 'struct':
      return isObject(value) ? visitStruct(value, type.name, isObject(keep) ? keep : undefined) : value;
    default:
      return value;
  }
}

function visitList(items: unknown[], elem: GoType, keep: unknown[], field: string | undefined): unknown[] {
  const key = mergeKeyFor(field);
  return items.map((item, i) => {
    const match = key !== undefined && isObject(item) ? keep.find((k) => isObject(k) && k[key] === item[key]) : keep[i];
    return visit(item, elem, match, undefined);
  });
}

function visitStruct(value: Json, typeName: string, keep: Json | undefined): Json {
  const { byName } = goStruct(typeName);
  const out: Json = {};
  for (const [key, v] of Object.entries(value)) {
    const kept = keep !== undefined && Object.hasOwn(keep, key);
    if (kept && v === keep[key]) {
      out[key] = v; // the user's own value, untouched by the templates (merging shares it)
      continue;
    }
    const field = byName.get(key);
    if (!field) {
      if (kept) out[key] = v;
      continue;
    }
    if (!kept && (field.omitempty || field.omitzero) && isZero(v, field.type)) continue;
    out[key] = visit(v, field.type, kept ? keep[key] : undefined, key);
  }
  return out;
}

function isZero(value: unknown, type: GoType): boolean {
  switch (type.kind) {
    case 'string':
      return value === '';
    case 'int':
    case 'float':
      return value === 0;
    case 'bool':
      return value === false;
    case 'slice':
      return Array.isArray(value) && value.length === 0;
    case 'map':
      return isObject(value) && Object.keys(value).length === 0;
    default:
      return false;
  }
}
