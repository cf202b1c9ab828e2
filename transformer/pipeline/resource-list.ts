/**
 * KRM function core: a `ResourceList` in, the same ResourceList out with its items injected by
 * text edits (comments and orchestrator annotations untouched) and our results appended.
 */
import { Document, isMap, type Node } from 'yaml';
import { collectClusterContext } from '../policy/cluster-context.js';
import type { InjectConfig } from '../inject-config.js';
import { isObject } from '../kube/objects.js';
import { invalidProxyConfigResult } from '../mesh/istio/proxy-config-crs.js';
import { localClusterInputs } from '../mesh/krm-configmaps.js';
import type { MeshPreset } from '../mesh/types.js';
import type { FileRef, Result } from '../results.js';
import { transformDocument, type Mode, type WorkloadReport } from './transform-document.js';
import { findPair } from '../yaml/node-path.js';
import { parseManifest, toPlainData } from '../yaml/parse-document.js';
import { detectEol, lineEnd } from '../yaml/edit/text-lines.js';
import { RENDER_SCHEMA, renderOptions } from '../yaml/yaml-options.js';

export interface ResourceListRequest {
  mode: Mode;
  /** Builds the config from the ResourceList's `functionConfig` (validation lives in config/). */
  resolveConfig: (functionConfig: unknown) => { config?: InjectConfig; results: Result[] };
  presetFor: (config: InjectConfig) => MeshPreset | undefined;
  /** @deprecated verification is always on (`verify-output.ts`); accepted and ignored. */
  verify?: boolean;
}

export interface ResourceListOutcome {
  /** The ResourceList to print; always complete, also on error. */
  text: string;
  results: Result[];
  workloads: WorkloadReport[];
}

const PATH_ANNOTATIONS = ['internal.config.kubernetes.io/path', 'config.kubernetes.io/path'];
const INDEX_ANNOTATIONS = ['internal.config.kubernetes.io/index', 'config.kubernetes.io/index'];

function annotation(item: unknown, keys: string[]): string | undefined {
  const metadata = isObject(item) && isObject(item.metadata) ? item.metadata : {};
  const annotations = isObject(metadata.annotations) ? metadata.annotations : {};
  for (const key of keys) if (typeof annotations[key] === 'string') return annotations[key] as string;
  return undefined;
}

/** KRM results name the item's own file (kpt's path annotation), not a line in the ResourceList. */
function toKrmResult(result: Result, items: unknown[]): Result {
  const out: Result = { ...result };
  delete out.file;
  const ref = result.resourceRef;
  const item = ref
    ? items.find((i) => isObject(i) && i.kind === ref.kind && isObject(i.metadata) && (i.metadata.name ?? i.metadata.generateName) === ref.name)
    : undefined;
  const file = item ? krmFileOf(item) : undefined;
  if (file) out.file = file;
  return out;
}

/** The item's own file, from kpt's path and index annotations. */
function krmFileOf(item: unknown): FileRef | undefined {
  const path = annotation(item, PATH_ANNOTATIONS);
  if (!path) return undefined;
  const index = Number(annotation(item, INDEX_ANNOTATIONS) ?? 0);
  return { path, index: Number.isFinite(index) ? index : 0 };
}

function emptyList(results: Result[]): string {
  return new Document({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items: [], results }, RENDER_SCHEMA).toString(renderOptions(false));
}

/** Appends our results after any the list already had (kpt-functions-sdk runnerProcessor). */
function withResults(text: string, existing: unknown, results: Result[]): string {
  if (!results.length) return text;
  const all = [...(Array.isArray(existing) ? existing : []), ...results];
  const eol = detectEol(text);
  const rendered = new Document({ results: all }, RENDER_SCHEMA).toString(renderOptions(false)).split('\n').join(eol);
  const { parsed } = parseManifest(text);
  const root = parsed.doc.contents as Node;
  const pair = isMap(root) ? findPair(root, 'results') : undefined;
  if (pair) {
    const start = pair.key.range![0];
    const end = lineEnd(text, pair.value?.range?.[1] ?? pair.key.range![1]);
    return text.slice(0, start) + rendered + text.slice(end);
  }
  return (text.endsWith('\n') ? text : text + eol) + rendered;
}

export function transformResourceList(text: string, request: ResourceListRequest): ResourceListOutcome {
  const { parsed, problems } = parseManifest(text);
  if (problems.length) {
    const results: Result[] = problems.map((p) => {
      const pos = parsed.lineCounter.linePos(p.offset);
      return { severity: 'error', code: p.code, message: `ResourceList on stdin: ${p.message} (line ${pos.line}, column ${pos.col})` };
    });
    return { text: emptyList(results), results, workloads: [] };
  }
  let data: unknown;
  try {
    data = toPlainData(parsed.doc);
  } catch (problem) {
    const results: Result[] = [{ severity: 'error', code: 'yaml-alias-limit', message: (problem as { message: string }).message }];
    return { text: emptyList(results), results, workloads: [] };
  }
  if (!isObject(data) || (data.kind !== 'ResourceList' && data.kind !== 'List') || !Array.isArray(data.items ?? [])) {
    const results: Result[] = [{ severity: 'error', code: 'yaml-unsupported', message: 'stdin is not a KRM ResourceList (kind: ResourceList with items); run `mesh-inject inject -` for a plain YAML stream' }];
    return { text: emptyList(results), results, workloads: [] };
  }
  const { config: resolved, results: resolvedResults } = request.resolveConfig(data.functionConfig);
  const configResults = [...resolvedResults];
  if (!resolved) return { text: withResults(text, data.results, configResults), results: configResults, workloads: [] };

  // Template mode from the list itself: the cluster's ConfigMaps (local-config) are inputs, not output.
  let items = (data.items as unknown[] | undefined) ?? [];
  let body = text;
  let config = resolved;
  const local = localClusterInputs(text, parsed.doc, items, resolved);
  if (local) {
    body = local.text;
    config = local.config;
    const reparsed = toPlainData(parseManifest(body).parsed.doc) as { items?: unknown[] };
    items = reparsed.items ?? [];
  }

  const unread = config.mesh === 'istio' && !config.istio.cluster ? (['injector', 'values', 'meshConfig'] as const).filter((k) => config.istio[k] !== undefined) : [];
  if (unread.length > 0) {
    const keys = unread.map((k) => `istio.${k}`).join(', ');
    const message = `${keys}: a KRM function reads no files, so the built-in preset is used; add the istio-sidecar-injector (and istio) ConfigMaps to the input with the annotation config.kubernetes.io/local-config: "true" instead`;
    configResults.push({ severity: 'warning', code: 'config-invalid', message });
  }
  const unreadLinkerd = config.mesh === 'linkerd' && !config.linkerd.inputs ? (['values', 'identityTrustAnchorsFile'] as const).filter((k) => config.linkerd[k] !== undefined) : [];
  if (unreadLinkerd.length > 0) {
    const keys = unreadLinkerd.map((k) => `linkerd.${k}`).join(', ');
    const message = `${keys}: a KRM function reads no files; add the linkerd-config ConfigMap to the input with the annotation config.kubernetes.io/local-config: "true", or set linkerd.identityTrustAnchorsPEM in the functionConfig`;
    configResults.push({ severity: 'error', code: 'config-invalid', message });
  }

  // Namespaces and ProxyConfig CRs among the items; an invalid CR is an error on its own item.
  const cluster = collectClusterContext(items, undefined, krmFileOf);
  if (request.mode === 'inject' && config.mesh === 'istio') {
    for (const resource of cluster.proxyConfigs) if (!resource.valid) configResults.push(toKrmResult(invalidProxyConfigResult(resource), items));
  }
  const outcome = transformDocument(body, {
    mode: request.mode,
    config,
    cluster,
    preset: request.presetFor(config),
    eol: detectEol(body),
    roots: items.map((_, index) => ['items', index]),
  });
  const results = [...configResults, ...outcome.results.map((r) => toKrmResult(r, items))];
  const hasError = results.some((r) => r.severity === 'error');
  const output = hasError ? text : outcome.text;
  return { text: withResults(output, data.results, results), results, workloads: outcome.workloads };
}
