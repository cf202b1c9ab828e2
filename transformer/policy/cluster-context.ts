/**
 * What a run knows about the cluster, read from its own input before anything is transformed (the
 * webhook reads the same from the cluster): labels and annotations of `Namespace` objects, which steer the
 * injection decision, and Istio `ProxyConfig` CRs, which shape the proxy. Collected from every
 * input file of the run, in input order; the objects themselves pass through unchanged.
 */
import type { Node } from 'yaml';
import { isHelmTemplate } from './helm-template.js';
import { isObject } from '../kube/objects.js';
import { invalidProxyConfigResult, isProxyConfigObject, readProxyConfigResource, type ProxyConfigResource } from '../mesh/istio/proxy-config-crs.js';
import { collectNamespaces } from './namespace-objects.js';
import type { NamespaceMeta } from '../mesh/types.js';
import type { FileRef, Result } from '../results.js';
import { resolvePath, type PathSegment } from '../yaml/node-path.js';
import { parseManifest, toPlainData, type ParsedDocument } from '../yaml/parse-document.js';
import { splitDocuments } from '../yaml/split-documents.js';

export interface ClusterContext {
  /** Labels and annotations of `Namespace` objects, by name. */
  namespaces: Map<string, NamespaceMeta>;
  /** ProxyConfig CRs in input order: where Istio takes the oldest, the first one wins. */
  proxyConfigs: ProxyConfigResource[];
}

const CLUSTER_KIND = /["']?kind["']?\s*:\s*["']?(?:Namespace|ProxyConfig)\b/;
const PROXY_CONFIG_KIND = /["']?kind["']?\s*:\s*["']?ProxyConfig\b/;

export function emptyClusterContext(): ClusterContext {
  return { namespaces: new Map(), proxyConfigs: [] };
}

/** Objects such as a ResourceList's items (`kind: List` items too); `fileOf` says where each was read. */
export function collectClusterContext(objects: readonly unknown[], into = emptyClusterContext(), fileOf?: (object: Record<string, unknown>) => FileRef | undefined): ClusterContext {
  collectNamespaces(objects, into.namespaces);
  for (const object of objects) if (isObject(object)) collectProxyConfigs(object, into, fileOf?.(object));
  return into;
}

function collectProxyConfigs(object: Record<string, unknown>, into: ClusterContext, file: FileRef | undefined): void {
  if (object.kind === 'List' && Array.isArray(object.items)) {
    for (const item of object.items) if (isObject(item)) collectProxyConfigs(item, into, file);
  }
  if (isProxyConfigObject(object)) into.proxyConfigs.push(readProxyConfigResource(object, file));
}

/** From a YAML stream; documents that are neither Namespaces nor ProxyConfigs, or are Helm templates, are not parsed. */
export function clusterContextFromText(text: string, into = emptyClusterContext(), path?: string): ClusterContext {
  if (!CLUSTER_KIND.test(text)) return into;
  (splitDocuments(text) ?? [{ text, line: 0 }]).forEach((slice, index) => {
    if (!CLUSTER_KIND.test(slice.text) || isHelmTemplate(slice.text)) return;
    const data = readData(parseManifest(slice.text));
    // A malformed document is reported when its file is transformed.
    if (data !== undefined) collectClusterContext([data], into, () => (path === undefined ? undefined : { path, index, line: slice.line + 1 }));
  });
  return into;
}

function readData({ parsed, problems }: ReturnType<typeof parseManifest>): unknown {
  if (problems.length) return undefined;
  try {
    return toPlainData(parsed.doc);
  } catch {
    return undefined;
  }
}

/**
 * Errors for the invalid ProxyConfig CRs in one document, at the offending field (`file.line`:
 * the document's 0-based first line). The API server would reject them; the file is left unchanged.
 */
export function invalidClusterObjects(text: string, file: { path: string; index: number; line: number }): Result[] {
  if (!PROXY_CONFIG_KIND.test(text)) return [];
  const read = parseManifest(text);
  const data = readData(read);
  if (!isObject(data)) return [];
  const roots: [PathSegment[], unknown][] = data.kind === 'List' && Array.isArray(data.items) ? data.items.map((item, i) => [['items', i], item]) : [[[], data]];
  const results: Result[] = [];
  for (const [at, object] of roots) {
    if (!isObject(object) || !isProxyConfigObject(object)) continue;
    const resource = readProxyConfigResource(object);
    if (resource.valid) continue;
    const position = positionOf(read.parsed, [...at, ...resource.field]);
    results.push({ ...invalidProxyConfigResult(resource), file: { path: file.path, index: file.index, line: position.line + file.line, column: position.col } });
  }
  return results;
}

/** 1-based position of the deepest node on `path` that exists. */
function positionOf(parsed: ParsedDocument, path: PathSegment[]): { line: number; col: number } {
  for (let length = path.length; length >= 0; length--) {
    const location = resolvePath(parsed.doc.contents as Node, path.slice(0, length));
    if (!location) continue;
    const offset = location.kind === 'pair' ? location.pair.key.range![0] : (location.node.range?.[0] ?? 0);
    return parsed.lineCounter.linePos(offset);
  }
  return { line: 1, col: 1 };
}
