/**
 * How Istio's functions read the Go objects they are given (`metav1.ObjectMeta`,
 * `[]corev1.Container`, `*meshconfig.MeshConfig`) from caller data: a proto getter
 * (`GetExtensionProviders()`), the Go field (`Annotations`), or the JSON field (`annotations`).
 */
import { hasOwn, isMapObject, plainMember, structMember } from '../../../gotemplate/values.js';

type Lookup = { found: boolean; value: unknown };

const ABSENT: Lookup = { found: false, value: undefined };

function own(obj: object, key: string): Lookup {
  const plain = plainMember(obj, key);
  if (plain !== undefined) return { found: true, value: plain };
  if (!Array.isArray(obj) && isMapObject(obj)) return hasOwn(obj, key) ? { found: true, value: (obj as Record<string, unknown>)[key] } : ABSENT;
  const m = structMember(obj, key);
  return m.found ? { found: true, value: m.value } : ABSENT;
}

/** The names a Go field is looked up by: its getter, itself, its JSON name (kept: Istio reads few fields). */
const NAMES = new Map<string, readonly [string, string, string]>();

function namesOf(goName: string): readonly [string, string, string] {
  let names = NAMES.get(goName);
  if (names === undefined) {
    names = ['Get' + goName, goName, goName[0]!.toLowerCase() + goName.slice(1)];
    NAMES.set(goName, names);
  }
  return names;
}

/** The field `goName` of `obj`, calling getters; undefined when absent. */
export function readField(obj: unknown, goName: string): unknown {
  if (typeof obj !== 'object' || obj === null) return undefined;
  const [getterName, name, jsonName] = namesOf(goName);
  // Only when the property reads as a function can it be a getter: most objects have none.
  if (typeof (obj as Record<string, unknown>)[getterName] === 'function') {
    const getter = own(obj, getterName);
    if (getter.found && typeof getter.value === 'function') return (getter.value as () => unknown).call(obj);
  }
  let f = own(obj, name);
  if (!f.found) f = own(obj, jsonName);
  if (!f.found) return undefined;
  return typeof f.value === 'function' ? (f.value as () => unknown).call(obj) : f.value;
}

export function readString(obj: unknown, goName: string): string {
  const v = readField(obj, goName);
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && v !== null && typeof (v as { String?: unknown }).String === 'function') {
    return String((v as { String: () => unknown }).String());
  }
  return v === undefined || v === null ? '' : String(v);
}

export function readList(obj: unknown, goName: string): unknown[] {
  const v = readField(obj, goName);
  return Array.isArray(v) ? v : [];
}

/** A string map value (`map[string]string` lookups never fail: missing is `""`). */
export function stringMapGet(map: unknown, key: string): { found: boolean; value: string } {
  if (typeof map !== 'object' || map === null || !Object.prototype.hasOwnProperty.call(map, key)) return { found: false, value: '' };
  const v = (map as Record<string, unknown>)[key];
  return { found: true, value: typeof v === 'string' ? v : String(v) };
}

/** `corev1.Container.Ports` as `containerPort`/`protocol` pairs. */
export function containerPorts(container: unknown): { port: string; protocol: string }[] {
  return readList(container, 'Ports').map((p) => {
    const port = readField(p, 'ContainerPort');
    return { port: port === undefined || port === null ? '0' : String(port), protocol: readString(p, 'Protocol') };
  });
}
