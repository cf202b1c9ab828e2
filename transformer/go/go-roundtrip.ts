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
import { goStruct, type GoField, type GoType } from './go-schema.js';
import { omitsField } from './go-omit.js';
import { isObject } from '../kube/objects.js';
import { mergeKeyFor } from '../kube/merge-keys.js';

type Json = Record<string, unknown>;

/**
 * `value` (of the generated Go struct type `typeName`, `core.Pod`) as Go would write it, except
 * where `keep` has the field. Parts with nothing to drop come back as they are (not copied).
 */
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
  if (elem.kind !== 'struct' && elem.kind !== 'ptr' && elem.kind !== 'slice') return items; // nothing inside to drop
  const key = mergeKeyFor(field);
  let out: unknown[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const match = key !== undefined && isObject(item) ? keep.find((k) => isObject(k) && k[key] === item[key]) : keep[i];
    const visited = visit(item, elem, match, undefined);
    if (visited !== item) out ??= items.slice(0, i);
    out?.push(visited);
  }
  return out ?? items;
}

function visitStruct(value: Json, typeName: string, keep: Json | undefined): Json {
  const { byName } = goStruct(typeName);
  const keys = Object.keys(value);
  let out: Json | undefined; // set at the first change, with the fields before it
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const v = value[key];
    const result = fieldResult(key, v, byName.get(key), keep);
    if (out === undefined && result !== v) {
      out = {};
      for (let j = 0; j < i; j++) out[keys[j]!] = value[keys[j]!];
    }
    if (out !== undefined && result !== DROP) out[key] = result;
  }
  return out ?? value;
}

const DROP = Symbol('drop');

/** What Go writes for field `key` (`DROP`: nothing); the user's own values are left as they are. */
function fieldResult(key: string, v: unknown, field: GoField | undefined, keep: Json | undefined): unknown {
  const kept = keep !== undefined && Object.hasOwn(keep, key);
  if (kept && v === keep[key]) return v; // the user's own value, untouched by the templates (merging shares it)
  if (!field) return kept ? v : DROP;
  if (!kept && omitsField(field, v)) return DROP;
  return visit(v, field.type, kept ? keep[key] : undefined, key);
}
