/**
 * The cluster's injection inputs (`ClusterInputs` texts) parsed once: the injector config with
 * every template parsed, the values, and the mesh config applied over Istio's defaults. Each input
 * may be its ConfigMap manifest or the bare data content; without `values`, the injector
 * ConfigMap's own `data.values` is used. Parsing is pure; the outcome is kept per inputs object,
 * with the `TemplateModeCache` every render with these inputs shares.
 */
import { parseDocument } from 'yaml';
import { GO_TYPE, MAP_CHANGING_FUNCS, defineContextFunc, marshalJSON, type FuncMap } from '../../gotemplate/index.js';
import { injectionFuncMap } from './funcs/funcs-istio.js';
import type { InjectorPolicy, TemplateContext } from './types.js';
import type { DeepReadonly } from '../../data/deep-readonly.js';
import { settle } from '../../data/frozen-data.js';
import { cloneData, isObject } from '../../kube/objects.js';
import type { Result } from '../../results.js';
import { MAX_ALIAS_COUNT, PARSE_OPTIONS } from '../../yaml/yaml-options.js';
import { proxyConfigJson } from '../istio/proxy-config-json.js';
import type { ProxyConfig } from '../istio/proxy-config.js';
import { lookupConfigMap, type DataText } from './configmap-data.js';
import { protoSource } from './go-proto.js';
import { SCHEMAS } from './proto-schemas.js';
import { parseInjectorConfig, type InjectorConfig } from './injector-config.js';
import { inputError } from './input-results.js';
import { applyMeshConfig } from './mesh-config.js';
import { defaultMeshConfig, type MeshConfigJson } from './mesh-defaults.js';
import { positionAt } from './source-position.js';
import { TemplateModeCache, type TemplateModeCacheOptions } from './template-mode-cache.js';
import type { ClusterInputs, SourceText } from './types.js';
import { valuesSettings, type ValuesMap, type ValuesSettings } from './values.js';

/** Shared by every render with the same inputs: read-only (renders get `valuesCopy` of the values). */
export interface ParsedInputs {
  readonly injector: InjectorConfig;
  /** The injector file (for messages). */
  readonly injectorPath: string;
  /** `.Values`; each render takes it through `valuesCopy` (templates may `set` into it). */
  readonly values: DeepReadonly<ValuesMap>;
  /** Whether a template calls a function that changes maps (`set`, `merge`...): then each render needs its own values. */
  readonly templatesChangeMaps: boolean;
  readonly settings: Readonly<ValuesSettings>;
  readonly mesh: DeepReadonly<MeshConfigJson>;
  /** What renders with these inputs work out once and share. */
  readonly cache: TemplateModeCache;
}

export type InputsOutcome = { ok: true; inputs: ParsedInputs } | { ok: false; results: Result[] };

const PARSED = new WeakMap<ClusterInputs, InputsOutcome>();

/**
 * `inputs` parsed, once per inputs object. `cacheOptions` (for `npm run bench`, which switches
 * caches off to measure them) apply when that object is parsed first.
 */
export function parseClusterInputs(inputs: ClusterInputs, cacheOptions?: TemplateModeCacheOptions): InputsOutcome {
  let outcome = PARSED.get(inputs);
  if (!outcome) {
    outcome = parseUncached(inputs, cacheOptions);
    PARSED.set(inputs, outcome);
  }
  return outcome;
}

/** The policy part of the injector config, for the decision table (undefined when the inputs do not parse). */
export function injectorPolicy(inputs: ClusterInputs): InjectorPolicy | undefined {
  const outcome = parseClusterInputs(inputs);
  if (!outcome.ok) return undefined;
  const { policy, neverInjectSelector, alwaysInjectSelector } = outcome.inputs.injector;
  // Istio skips empty selectors (`!selector.Empty()`): they match nothing, not everything.
  const nonEmpty = (s: (typeof neverInjectSelector)[number]) => Object.keys(s.matchLabels ?? {}).length + (s.matchExpressions?.length ?? 0) > 0;
  return { policy, neverInjectSelector: neverInjectSelector.filter(nonEmpty), alwaysInjectSelector: alwaysInjectSelector.filter(nonEmpty) };
}

/** `.Values` for one render: shared (frozen) unless a template can change it (then a copy), which Istio's never do. */
export function valuesCopy(inputs: ParsedInputs): DeepReadonly<ValuesMap> {
  return inputs.templatesChangeMaps ? cloneData(inputs.values) : inputs.values;
}

function parseUncached(inputs: ClusterInputs, cacheOptions: TemplateModeCacheOptions | undefined): InputsOutcome {
  const results: Result[] = [];
  const funcs = templateFuncs();

  const injectorLookup = lookupConfigMap(inputs.injector);
  const injectorText = dataText(inputs.injector, injectorLookup, 'config', 'istio-sidecar-injector', results);
  const valuesSource = inputs.values ? dataText(inputs.values, lookupConfigMap(inputs.values), 'values', 'istio-sidecar-injector', results) : undefined;
  const valuesText = valuesSource ?? (injectorLookup.kind === 'configmap' ? injectorLookup.data.values : undefined);
  const meshText = inputs.meshConfig ? dataText(inputs.meshConfig, lookupConfigMap(inputs.meshConfig), 'mesh', 'istio', results) : undefined;

  const injector = injectorText ? parseInjectorConfig(injectorText, funcs) : undefined;
  results.push(...(injector?.results ?? []));
  const values = valuesText ? parseValues(valuesText, results) : {};
  const mesh = meshText ? parseMesh(meshText, results) : defaultMeshConfig();
  if (results.length > 0 || !injector?.config || values === undefined || mesh === undefined) return { ok: false, results };
  const templatesChangeMaps = [...injector.config.templates.values()].some((t) => [...t.calledFunctions()].some((name) => MAP_CHANGING_FUNCS.has(name)));
  // Shared by every render: frozen, big maps in V8's fast layout (templates read them per pod).
  // Templates that change maps get their own copy per render instead (`valuesCopy`).
  const shaped = (templatesChangeMaps ? values : settle(values)) as DeepReadonly<ValuesMap>;
  // A template that can change maps could change a shared message struct too: it gets its own per render.
  const cache = new TemplateModeCache(templatesChangeMaps ? { ...cacheOptions, protoMessages: false } : cacheOptions);
  return {
    ok: true,
    inputs: { injector: injector.config, injectorPath: inputs.injector.path, values: shaped, templatesChangeMaps, settings: valuesSettings(shaped), mesh, cache },
  };
}

function templateFuncs(): FuncMap {
  return {
    ...injectionFuncMap({ protoToJSON }),
    // istiod's environment differs per run (knobs), the parsed templates do not: each execution passes it.
    env: defineContextFunc(['string', 'string'], (context: TemplateContext | undefined, key: string, def: string) => {
      const env = context?.env ?? {};
      const value = Object.prototype.hasOwnProperty.call(env, key) ? env[key]! : '';
      return value === '' ? def : value;
    }),
  };
}

/** Istio's `protoToJSON`: a ProxyConfig minus its defaults (`cleanProxyConfig`), other messages as they are. */
function protoToJSON(message: unknown): string {
  const source = protoSource(message);
  if (source === undefined) return marshalJSON(message);
  const goType = (message as { [GO_TYPE]?: unknown })[GO_TYPE];
  return goType === SCHEMAS.ProxyConfig!.goType ? proxyConfigJson(source as ProxyConfig) : marshalJSON(source);
}

function dataText(source: SourceText, lookup: ReturnType<typeof lookupConfigMap>, key: string, configMap: string, results: Result[]): DataText | undefined {
  switch (lookup.kind) {
    case 'bare':
      return lookup.data;
    case 'error':
      results.push(inputError(lookup.path, lookup, lookup.message));
      return undefined;
    case 'configmap': {
      const data = lookup.data[key];
      if (data === undefined) {
        const name = lookup.name === '' ? 'the ConfigMap' : `ConfigMap ${lookup.name}`;
        results.push(inputError(source.path, { line: 1, column: 1 }, `${name} has no data.${key}; use the ${configMap} ConfigMap (or just its data.${key} content)`));
      }
      return data;
    }
  }
}

function parseYamlText(data: DataText, what: string, results: Result[]): { ok: boolean; value: unknown } {
  const doc = parseDocument(data.text, PARSE_OPTIONS);
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const at = positionAt(data.text, e.pos[0]);
    results.push(inputError(data.path, data.map(at.line, at.column), `${what}: ${e.message.split('\n')[0]}`));
    return { ok: false, value: undefined };
  }
  return { ok: true, value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown };
}

function parseValues(data: DataText, results: Result[]): ValuesMap | undefined {
  const parsed = parseYamlText(data, 'values', results);
  if (!parsed.ok) return undefined;
  if (parsed.value === null || parsed.value === undefined) return {};
  if (!isObject(parsed.value)) {
    results.push(inputError(data.path, data.map(1, 1), 'values: expected a mapping (the Helm values as JSON or YAML)'));
    return undefined;
  }
  return parsed.value;
}

function parseMesh(data: DataText, results: Result[]): MeshConfigJson | undefined {
  const parsed = parseYamlText(data, 'mesh config', results);
  if (!parsed.ok) return undefined;
  const applied = applyMeshConfig(defaultMeshConfig(), parsed.value);
  if (!applied.ok) {
    const doc = parseDocument(data.text, PARSE_OPTIONS);
    const node = applied.field === '' ? undefined : (doc.get(applied.field, true) as { range?: [number, number, number] } | undefined);
    const at = positionAt(data.text, node?.range?.[0] ?? 0);
    const field = applied.field === '' ? '' : `${applied.field}: `;
    results.push(inputError(data.path, data.map(at.line, at.column), `mesh config: ${field}${applied.message}`));
    return undefined;
  }
  return applied.mesh;
}
