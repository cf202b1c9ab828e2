/**
 * How Istio's functions read the Go objects they are given (`metav1.ObjectMeta`,
 * `[]corev1.Container`, `*meshconfig.MeshConfig`) from caller data: a proto getter
 * (`GetExtensionProviders()`), the Go field (`Annotations`), or the JSON field (`annotations`).
 */
import { kindOf, structMember } from './values.js';

function own(obj: object, key: string): { found: boolean; value: unknown } {
  if (kindOf(obj) === 'map') {
    return Object.prototype.hasOwnProperty.call(obj, key)
      ? { found: true, value: (obj as Record<string, unknown>)[key] }
      : { found: false, value: undefined };
  }
  const m = structMember(obj, key);
  return m.found ? { found: true, value: m.value } : { found: false, value: undefined };
}

/** The field `goName` of `obj`, calling getters; undefined when absent. */
export function readField(obj: unknown, goName: string): unknown {
  if (typeof obj !== 'object' || obj === null) return undefined;
  const getter = own(obj, 'Get' + goName);
  if (getter.found && typeof getter.value === 'function') return (getter.value as () => unknown).call(obj);
  for (const key of [goName, goName[0]!.toLowerCase() + goName.slice(1)]) {
    const f = own(obj, key);
    if (f.found) return typeof f.value === 'function' ? (f.value as () => unknown).call(obj) : f.value;
  }
  return undefined;
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
