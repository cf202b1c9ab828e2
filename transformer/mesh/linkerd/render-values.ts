/**
 * How Linkerd's templates print values. Helm reads the values into float64, so a number prints
 * the way Go's `%v` prints a float64 (`2102`, `0.5`, `1e+07`); a field Go would leave out when
 * empty (`omitempty`) is left out.
 */
import { formatFloat } from '../../gotemplate/index.js';
import type { EnvVar } from '../../kube/objects.js';

export function goNumber(value: number): string {
  return formatFloat(value, 'g', -1);
}

/** An env entry as the injected pod holds it: an empty value is dropped (Go `omitempty`). */
export function envValue(name: string, value: string): EnvVar {
  return value === '' ? { name } : { name, value };
}

export function envField(name: string, fieldPath: string): EnvVar {
  return { name, valueFrom: { fieldRef: { fieldPath } } };
}

/** Template truthiness of a value (Go template `if`): zero, empty and null are false. */
export function truthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/** Keys sorted at every level, as Linkerd's output (YAML from JSON maps) lists them. */
export function sortedDeep<T>(value: T): T {
  if (Array.isArray(value)) return value.map(sortedDeep) as T;
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortedDeep((value as Record<string, unknown>)[key]);
    return out as T;
  }
  return value;
}
