/**
 * `ARGOCD_APP_PARAMETERS` checked against what Argo CD sends: `ApplicationSourcePluginParameters`
 * marshalled to JSON, i.e. `null` (no parameters) or a list of `{name, string?, array?, map?}`,
 * and against the parameters the plugin declares. A malformed value fails the app instead of
 * being ignored: a misspelt or mistyped parameter would silently change nothing.
 */
import type { Result } from '../../transformer/index.js';

export interface PluginParameter {
  name: string;
  /** The .mesh-injectrc key it overrides; absent for the plugin's own switches. */
  rcPath?: readonly string[];
  /** Applied when the parameter is unset, since Argo CD does not send announced defaults. */
  default?: string;
}

const FIELDS = new Set(['name', 'string', 'array', 'map']);
const EXAMPLE = '[{"name":"istio-tag","string":"1.32.1"}]';

export function checkParameterList(json: string | undefined, declared: readonly PluginParameter[]): Result[] {
  // Unset (a discovered plugin gets none) or empty (a run by hand): no parameters.
  if (json === undefined || json.trim() === '') return [];
  let list: unknown;
  try {
    list = JSON.parse(json);
  } catch (error) {
    return [invalid(`ARGOCD_APP_PARAMETERS is not JSON (${(error as Error).message}); Argo CD sends a JSON list such as ${EXAMPLE}: check what sets it in the sidecar's environment`)];
  }
  if (list === null) return [];
  if (!Array.isArray(list)) {
    return [invalid(`ARGOCD_APP_PARAMETERS is ${describe(list)}, not a list of parameters; Argo CD sends a JSON list such as ${EXAMPLE}`)];
  }
  const names = declared.map((p) => p.name);
  const firstEntry = new Map<string, number>();
  return list.flatMap((entry: unknown, index): Result[] => {
    const at = `entry ${index + 1} of ARGOCD_APP_PARAMETERS (${preview(entry)})`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      return [invalid(`${at} is ${describe(entry)}, not a parameter; each entry is an object such as {"name":"istio-tag","string":"1.32.1"}`)];
    }
    const fields = entry as Record<string, unknown>;
    const unknown = Object.keys(fields).filter((key) => !FIELDS.has(key));
    if (unknown.length) return [invalid(`${at} has the field(s) ${unknown.join(', ')}; a parameter has a name and one of string, array or map`)];
    const { name } = fields;
    if (typeof name !== 'string' || name === '') {
      return [invalid(`${at} has no name; give every entry of spec.source.plugin.parameters a name (${names.join(', ')})`)];
    }
    if (!names.includes(name)) {
      return [invalid(`${at}: unknown parameter "${name}"; the mesh-inject plugin takes ${names.join(', ')}: fix the name in spec.source.plugin.parameters`)];
    }
    const earlier = firstEntry.get(name);
    if (earlier !== undefined) return [invalid(`${at}: parameter "${name}" is also given in entry ${earlier + 1}; keep one of them`)];
    firstEntry.set(name, index);
    if (fields.array !== undefined || fields.map !== undefined) {
      return [invalid(`${at}: parameter "${name}" takes a string (string: "..."), not ${fields.array !== undefined ? 'an array' : 'a map'}`)];
    }
    if (fields.string !== undefined && typeof fields.string !== 'string') {
      return [invalid(`${at}: the value of "${name}" is ${describe(fields.string)}; quote it so it is a string (string: "${String(fields.string)}")`)];
    }
    return [];
  });
}

export function invalid(message: string): Result {
  return { severity: 'error', code: 'invalid-parameters', message };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
