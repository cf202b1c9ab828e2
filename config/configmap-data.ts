/**
 * A ConfigMap's flat `data` → an rc object. kpt turns `kpt fn eval -- istio.tag=1.32.1 mesh=none`
 * into `data: {istio.tag: "1.32.1", mesh: none}`; every value is a string, so each one is
 * converted to the type the schema expects at its dotted path:
 *
 * | schema at the path              | `data` string          | becomes                 |
 * |---------------------------------|------------------------|-------------------------|
 * | boolean (or boolean \| "auto")  | `"true"` / `"false"`   | true / false            |
 * | list of strings                 | `"a, b"`               | `["a", "b"]`            |
 * | list of strings                 | `"[a, b]"`             | YAML flow list          |
 * | mapping or list of mappings     | `"{cpu: 50m}"`         | YAML (flow or block)    |
 * | anything else                   | `"1.32.1"`             | the string, unchanged   |
 *
 * A deeper key wins over the same setting inside a shallower key's YAML value.
 */
import * as z from 'zod';
import { isObject } from '../transformer/kube/objects.js';
import type { Finding } from './finding.js';
import { parseConfigYaml } from './parse-yaml.js';
import { rcSchema } from './schema.js';
import { acceptedTypes, unwrap, type Segment } from './schema-walk.js';
import type { SourceMap } from './source-map.js';

interface ExpandedData {
  raw: Record<string, unknown>;
  /** Positions of rc paths, mapped to the `data` entries that set them. */
  sourceMap: SourceMap;
  /** Problems with `data` entries, by rc path. */
  findings: Finding[];
}

/** @param configMapMap positions inside the ConfigMap object (paths start at `data`). */
export function expandConfigMapData(data: Record<string, unknown>, configMapMap: SourceMap): ExpandedData {
  const raw: Record<string, unknown> = {};
  const findings: Finding[] = [];
  const keys = Object.keys(data).sort((a, b) => a.split('.').length - b.split('.').length);
  for (const key of keys) {
    const path = key.split('.');
    const converted = convert(data[key], path);
    if ('error' in converted) {
      findings.push({ severity: 'error', path, message: converted.error });
    } else if (!setIn(raw, path, converted.value)) {
      const message = 'conflicts with a shallower data key that does not set a mapping here; remove one of them';
      findings.push({ severity: 'error', path, message });
    }
  }
  return { raw, sourceMap: dataSourceMap(data, configMapMap), findings };
}

function convert(value: unknown, path: readonly Segment[]): { value: unknown } | { error: string } {
  if (typeof value !== 'string') return { value };
  const types = acceptedTypes(rcSchema, path);
  const is = (cls: abstract new (...args: never[]) => z.ZodType) => types.some((t) => t instanceof cls);
  if (is(z.ZodBoolean) && /^(true|false)$/i.test(value.trim())) return { value: value.trim().toLowerCase() === 'true' };
  const list = types.find((t): t is z.ZodArray => t instanceof z.ZodArray);
  if (list && unwrap(list.element as z.ZodType) instanceof z.ZodString && !value.trim().startsWith('[')) {
    return { value: value.split(',').map((s) => s.trim()).filter((s) => s !== '') };
  }
  if (list || is(z.ZodObject) || is(z.ZodRecord)) {
    const parsed = parseConfigYaml(value);
    if (parsed.errors.length === 0) return { value: parsed.raw };
    return { error: `the value is not valid YAML (${parsed.errors[0]!.message}); write it as YAML such as {key: value} or [a, b]` };
  }
  return { value };
}

/** Sets `path` in `target`, creating mappings; false when a non-mapping is in the way. */
function setIn(target: Record<string, unknown>, path: readonly string[], value: unknown): boolean {
  let node = target;
  for (const segment of path.slice(0, -1)) {
    const next = node[segment];
    if (next === undefined) node = node[segment] = {};
    else if (isObject(next)) node = next;
    else return false;
  }
  node[path.at(-1)!] = value;
  return true;
}

function dataSourceMap(data: Record<string, unknown>, configMapMap: SourceMap): SourceMap {
  /** The `data` key that set `path` (itself or an ancestor) and whether it is exactly `path`. */
  const owner = (path: readonly Segment[]) => {
    for (let n = path.length; n > 0; n--) {
      const key = path.slice(0, n).join('.');
      if (Object.hasOwn(data, key)) return { key, exact: n === path.length };
    }
    return undefined;
  };
  return {
    position(path, target = 'value') {
      const found = owner(path);
      if (!found) return configMapMap.position(['data'], 'key');
      return configMapMap.position(['data', found.key], found.exact ? target : 'value');
    },
    scalar(path) {
      const found = owner(path);
      return found?.exact ? configMapMap.scalar(['data', found.key]) : undefined;
    },
  };
}
