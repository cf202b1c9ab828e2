/**
 * KRM `functionConfig` → normalized config. The shapes kpt and kustomize send (research §1.2):
 *
 * | functionConfig                                                | read as                                 |
 * |---------------------------------------------------------------|-----------------------------------------|
 * | absent, or a ConfigMap with empty `data` (kpt with no config) | the embedded defaults                   |
 * | `mesh-inject.dev/v1alpha1` `MeshInject`                       | `spec` is a `.mesh-injectrc`            |
 * | `v1` `ConfigMap`, `data.config` or `data[".mesh-injectrc"]`   | that string is a whole `.mesh-injectrc` |
 * | `v1` `ConfigMap`, other `data` keys (`-- istio.tag=1.32.1`)   | dotted key paths (configmap-data.ts)    |
 * | anything else                                                 | an error naming the accepted kinds      |
 *
 * `metadata` (names, `config.kubernetes.io/*` annotations) is ignored.
 */
import { isObject } from '../transformer/kube/objects.js';
import type { ResourceRef, Result } from '../transformer/results.js';
import { expandConfigMapData } from './configmap-data.js';
import { defaultConfig } from './defaults.js';
import { describeValue, formatPath, unknownKeyMessage } from './messages.js';
import { parseConfigYaml } from './parse-yaml.js';
import type { Segment } from './schema-walk.js';
import { embeddedSourceMap, prefixedSourceMap, yamlSourceMap } from './source-map.js';
import { suggestKey } from './suggest.js';
import { toResult } from './to-result.js';
import { contextFor, validateWithContext, type ConfigResult, type ConfigSource, type ValidationContext } from './validate.js';

export const MESH_INJECT_API_VERSION = 'mesh-inject.dev/v1alpha1';
export const MESH_INJECT_KIND = 'MeshInject';
/** `data` keys that hold a whole rc document. */
const WHOLE_CONFIG_KEYS: readonly string[] = ['config', '.mesh-injectrc'];

const ENVELOPE_KEYS = ['apiVersion', 'kind', 'metadata', 'spec'];
const ACCEPTED =
  `apiVersion: ${MESH_INJECT_API_VERSION}, kind: ${MESH_INJECT_KIND} (spec holds the .mesh-injectrc settings), ` +
  'or apiVersion: v1, kind: ConfigMap (data holds dotted keys such as istio.tag, or data.config holds a whole .mesh-injectrc)';

/**
 * @param source where `fc` came from: `docPath` locates it inside `doc` (e.g. `['functionConfig']` in a
 *   ResourceList); `baseDir` resolves `istio.injector|meshConfig|values` (the function's working directory).
 */
export function configFromFunctionConfig(fc: unknown, source: ConfigSource = {}): ConfigResult {
  if (fc === undefined || fc === null) return defaults();
  const base = contextFor(source);
  if (!isObject(fc)) {
    return fail(base, [], `functionConfig must be a Kubernetes object, got ${describeValue(fc)}; use ${ACCEPTED}`);
  }
  const ctx: ValidationContext = { ...base, ...refOf(fc) };
  if (fc.kind === MESH_INJECT_KIND && fc.apiVersion === MESH_INJECT_API_VERSION) return fromMeshInject(fc, ctx);
  if (fc.kind === 'ConfigMap' && fc.apiVersion === 'v1') return fromConfigMap(fc, ctx);
  const what = `apiVersion ${String(fc.apiVersion ?? '(none)')}, kind ${String(fc.kind ?? '(none)')}`;
  return fail(ctx, ['kind'], `functionConfig with ${what} is not supported; use ${ACCEPTED}`);
}

function fromMeshInject(fc: Record<string, unknown>, ctx: ValidationContext): ConfigResult {
  const errors = Object.keys(fc)
    .filter((key) => !ENVELOPE_KEYS.includes(key))
    .map((key) => {
      const message = unknownKeyMessage([key], suggestKey([key], ENVELOPE_KEYS, []), ENVELOPE_KEYS);
      return toResult('error', message, ctx, ctx.sourceMap.position([key], 'key'));
    });
  if (fc.metadata !== undefined && !isObject(fc.metadata)) {
    const message = `metadata: expected a mapping, got ${describeValue(fc.metadata)}; set it to a mapping such as {name: mesh-inject}`;
    errors.push(toResult('error', message, ctx, ctx.sourceMap.position(['metadata'])));
  }
  const spec = validateWithContext(fc.spec, { ...ctx, sourceMap: prefixedSourceMap(ctx.sourceMap, ['spec']), displayPrefix: ['spec'] });
  if (errors.length === 0) return spec;
  return { errors: [...errors, ...spec.errors], warnings: spec.warnings };
}

function fromConfigMap(fc: Record<string, unknown>, ctx: ValidationContext): ConfigResult {
  const data = fc.data ?? {};
  if (!isObject(data)) return fail(ctx, ['data'], `data: expected a mapping of strings, got ${describeValue(data)}`);
  const keys = Object.keys(data);
  if (keys.length === 0) return defaults();

  const whole = keys.find((k) => WHOLE_CONFIG_KEYS.includes(k));
  if (whole !== undefined && keys.length > 1) {
    const others = keys.filter((k) => k !== whole).join(', ');
    const message = `data["${whole}"] holds a whole .mesh-injectrc and cannot be combined with other keys (${others}); move them into it`;
    return fail(ctx, ['data'], message);
  }
  if (whole !== undefined) return fromEmbeddedRc(data[whole], ['data', whole], ctx);

  const expanded = expandConfigMapData(data, ctx.sourceMap);
  const inner: ValidationContext = { ...ctx, sourceMap: expanded.sourceMap };
  if (expanded.findings.length === 0) return validateWithContext(expanded.raw, inner);
  const errors = expanded.findings.map((f) =>
    toResult(f.severity, `${formatPath(f.path)}: ${f.message}`, inner, inner.sourceMap.position(f.path)),
  );
  return { errors, warnings: [] };
}

/** `data.config: |` holding a whole rc file (or, leniently, a mapping). */
function fromEmbeddedRc(value: unknown, at: Segment[], ctx: ValidationContext): ConfigResult {
  if (typeof value !== 'string') return validateWithContext(value, { ...ctx, sourceMap: prefixedSourceMap(ctx.sourceMap, at) });
  // Parsed with a placeholder path so its results keep their inner positions; reanchor replaces it.
  const parsed = parseConfigYaml(value, formatPath(at));
  const sourceMap = embeddedSourceMap(yamlSourceMap(parsed.doc, parsed.lineCounter), ctx.sourceMap, at);
  const reanchor = (r: Result) => {
    const inner = r.file?.line === undefined ? undefined : { line: r.file.line, column: r.file.column ?? 1 };
    return toResult(r.severity, `${formatPath(at)}: ${r.message}`, ctx, sourceMap.translate(inner));
  };
  if (parsed.errors.length > 0) return { errors: parsed.errors.map(reanchor), warnings: parsed.warnings.map(reanchor) };
  const result = validateWithContext(parsed.raw, { ...ctx, sourceMap });
  return { ...result, warnings: [...parsed.warnings.map(reanchor), ...result.warnings] };
}

function refOf(fc: Record<string, unknown>): { resourceRef?: ResourceRef } {
  const name = isObject(fc.metadata) ? fc.metadata.name : undefined;
  if (typeof fc.apiVersion !== 'string' || typeof fc.kind !== 'string' || typeof name !== 'string') return {};
  return { resourceRef: { apiVersion: fc.apiVersion, kind: fc.kind, name } };
}

function defaults(): ConfigResult {
  return { config: defaultConfig(), errors: [], warnings: [] };
}

function fail(ctx: ValidationContext, at: Segment[], message: string): ConfigResult {
  return { errors: [toResult('error', message, ctx, ctx.sourceMap.position(at))], warnings: [] };
}
