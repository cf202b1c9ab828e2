/**
 * Reading Linkerd's Helm values: a values document, or the `linkerd-config` ConfigMap as
 * `kubectl get -o yaml` prints it (the values under `data.values`). What the document leaves out
 * takes the chart defaults (the control plane namespace: the ConfigMap's, else `linkerd`); maps merge key by key as Helm merges them, except `proxy.inbound` and
 * `proxy.outbound`, which a document replaces whole (they are free-form parameter maps). A key of
 * the wrong type is an error naming path:line:col and the key, as Linkerd's Go decoding refuses it.
 */
import { isMap, isScalar, type Document, type LineCounter, type Node } from 'yaml';
import { isObject } from '../../kube/objects.js';
import type { Result } from '../../results.js';
import { parseManifest, toPlainData } from '../../yaml/parse-document.js';
import { BUILTIN_LINKERD_VERSION, chartDefaults } from './chart-defaults.js';
import type { LinkerdValues } from './values.js';

/** Keys a document replaces rather than merges into. */
const REPLACED = new Set(['proxy.inbound', 'proxy.outbound']);
/** Keys whose default is null or free-form: any type is taken. */
const FREE = new Set(['proxy.cores', 'proxy.runtime.workers.maximumCPURatio', 'proxy.runtime.workers.maximum', 'proxy.securityContext', 'networkValidator.securityContext']);

/** The built-in chart defaults for a Linkerd version, with the trust anchors filled in. */
export function defaultLinkerdValues(options: { version?: string; identityTrustAnchorsPEM: string }): LinkerdValues {
  const values = chartDefaults();
  values.linkerdVersion = options.version ?? BUILTIN_LINKERD_VERSION;
  values.identityTrustAnchorsPEM = options.identityTrustAnchorsPEM;
  return values;
}

export function readLinkerdValues(text: string, path: string): { values?: LinkerdValues; results: Result[] } {
  const read = readDocument(text, path);
  if (!read.ok) return { results: [read.result] };
  let { data, doc, lineCounter } = read;
  let fallback: { line?: number; column?: number } = {};
  let namespace: string | undefined;
  if (isObject(data) && data.kind === 'ConfigMap') {
    const embedded = isObject(data.data) ? data.data.values : undefined;
    const ns = isObject(data.metadata) ? data.metadata.namespace : undefined;
    if (typeof ns === 'string' && ns !== '') namespace = ns;
    const at = position(doc, lineCounter, ['data', 'values']);
    if (typeof embedded !== 'string') {
      return { results: [error(path, at, 'the ConfigMap has no data.values string; give the linkerd-config ConfigMap (kubectl -n linkerd get cm linkerd-config -o yaml) or a Helm values file')] };
    }
    const inner = readDocument(embedded, path);
    if (!inner.ok) return { results: [{ ...inner.result, file: { path, ...at }, message: `data.values: ${inner.result.message}` }] };
    data = inner.data;
    // Positions inside the embedded text cannot be mapped to the file: point at data.values.
    doc = undefined;
    lineCounter = undefined;
    fallback = at;
  }
  if (data === null || data === undefined) data = {};
  if (!isObject(data)) return { results: [error(path, position(doc, lineCounter, []), 'the values document is not a map of keys; give a Helm values file or the linkerd-config ConfigMap')] };
  const results: Result[] = [];
  const values = merge(chartDefaults() as unknown as Record<string, unknown>, data, [], (keys, message) => {
    results.push(error(path, doc ? position(doc, lineCounter, keys) : fallback, `${keys.join('.')}: ${message}`));
  });
  if (results.length > 0) return { results };
  // The ConfigMap lives in the control plane's namespace (Helm's release namespace, not a chart key).
  if (namespace !== undefined) values.linkerdNamespace = namespace;
  return { values: values as unknown as LinkerdValues, results };
}

type Read = { ok: true; data: unknown; doc: Document.Parsed | undefined; lineCounter: LineCounter | undefined } | { ok: false; result: Result };

function readDocument(text: string, path: string): Read {
  const { parsed, problems } = parseManifest(text);
  const first = problems[0];
  if (first) {
    const pos = parsed.lineCounter.linePos(first.offset);
    return { ok: false, result: { severity: 'error', code: first.code, message: first.message, file: { path, line: pos.line, column: pos.col } } };
  }
  try {
    return { ok: true, data: toPlainData(parsed.doc), doc: parsed.doc, lineCounter: parsed.lineCounter };
  } catch (problem) {
    const p = problem as { code?: Result['code']; message?: string; offset?: number };
    const pos = parsed.lineCounter.linePos(p.offset ?? 0);
    return { ok: false, result: { severity: 'error', code: p.code ?? 'yaml-syntax', message: p.message ?? String(problem), file: { path, line: pos.line, column: pos.col } } };
  }
}

function merge(defaults: Record<string, unknown>, given: Record<string, unknown>, at: string[], report: (keys: string[], message: string) => void): Record<string, unknown> {
  const out: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(given)) {
    const keys = [...at, key];
    const dotted = keys.join('.');
    const base = defaults[key];
    if (!(key in defaults) || FREE.has(dotted)) {
      out[key] = value;
      continue;
    }
    // null leaves a typed key as it was (Go's decoding of null into a value field).
    if (value === null) continue;
    const expected = kindOf(base);
    if (expected === 'null') {
      out[key] = value;
      continue;
    }
    if (kindOf(value) !== expected) {
      report(keys, `expected ${article(expected)}, got ${article(kindOf(value))}${expected === 'string' ? ' (quote the value)' : ''}`);
      continue;
    }
    out[key] = expected === 'map' && !REPLACED.has(dotted) ? merge(base as Record<string, unknown>, value as Record<string, unknown>, keys, report) : value;
  }
  return out;
}

type Kind = 'string' | 'number' | 'boolean' | 'map' | 'list' | 'null';

function kindOf(value: unknown): Kind {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'list';
  if (isObject(value)) return 'map';
  if (typeof value === 'number' || typeof value === 'bigint') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  return 'string';
}

function article(kind: Kind): string {
  return kind === 'null' ? 'null' : kind === 'map' || kind === 'list' ? `a ${kind}` : `a ${kind}`;
}

function position(doc: Document.Parsed | undefined, lineCounter: LineCounter | undefined, keys: string[]): { line?: number; column?: number } {
  if (!doc || !lineCounter) return {};
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
  for (const key of keys) {
    if (!isMap(node)) break;
    const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
    if (!pair) break;
    offset = (pair.key as Node).range?.[0] ?? offset;
    node = pair.value;
  }
  const pos = lineCounter.linePos(offset);
  return { line: pos.line, column: pos.col };
}

function error(path: string, at: { line?: number; column?: number }, message: string): Result {
  return { severity: 'error', code: 'config-invalid', message, file: { path, ...at } };
}
