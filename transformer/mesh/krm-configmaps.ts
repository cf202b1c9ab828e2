/**
 * Cluster inputs carried inside a KRM ResourceList: Istio's `istio-sidecar-injector[-<rev>]` and
 * `istio[-<rev>]` ConfigMaps of the configured revision, or Linkerd's `linkerd-config`, marked
 * `config.kubernetes.io/local-config: "true"` (kpt's and kustomize's "input only, never applied").
 * They replace the functionConfig's inputs and are removed from the output items.
 *
 * Each ConfigMap's text is cut out of the ResourceList with its position kept (blank lines and
 * indentation in front), so errors point at the ResourceList's own lines.
 */
import { isSeq, type Document, type Node } from 'yaml';
import type { InjectConfig } from '../inject-config.js';
import { isObject } from '../kube/objects.js';
import { lineEnd, lineStart } from '../yaml/edit/text-lines.js';
import { positionAt } from './istio-templates/source-position.js';
import type { ClusterInputs, SourceText } from './istio-templates/types.js';

const LOCAL_CONFIG_ANNOTATION = 'config.kubernetes.io/local-config';
const RESOURCE_LIST_PATH = 'ResourceList (stdin)';

interface LocalInputs {
  /** The ResourceList text without the consumed ConfigMaps. */
  text: string;
  config: InjectConfig;
}

/** The config with the ResourceList's cluster ConfigMaps as its inputs, or undefined when there are none to use. */
export function localClusterInputs(text: string, doc: Document.Parsed, items: readonly unknown[], config: InjectConfig): LocalInputs | undefined {
  if (config.mesh === 'linkerd') return localLinkerdConfig(text, doc, items, config);
  if (config.mesh !== 'istio') return undefined;
  const suffix = config.istio.revision === '' ? '' : `-${config.istio.revision}`;
  const injectorAt = items.findIndex((item) => isLocalConfigMap(item, `istio-sidecar-injector${suffix}`));
  const meshAt = items.findIndex((item) => isLocalConfigMap(item, `istio${suffix}`));
  const current = config.istio.cluster;
  if (injectorAt < 0 && (meshAt < 0 || !current)) return undefined;
  const seq = doc.get('items', true) as Node | undefined;
  if (!isSeq(seq)) return undefined;
  const source = (i: number): SourceText => ({ path: RESOURCE_LIST_PATH, text: itemText(text, seq.items[i] as Node) });
  const injector = injectorAt >= 0 ? source(injectorAt) : current!.injector;
  // The injector ConfigMap's own data.values wins over the functionConfig's values.
  const values = injectorAt >= 0 && hasDataKey(items[injectorAt], 'values') ? undefined : current?.values;
  const meshConfig = meshAt >= 0 ? source(meshAt) : current?.meshConfig;
  const cluster: ClusterInputs = { injector, ...(values ? { values } : {}), ...(meshConfig ? { meshConfig } : {}) };
  const consumed = [injectorAt, meshAt].filter((i) => i >= 0);
  return { text: removeItems(text, seq.items as Node[], consumed, seq.flow === true), config: { ...config, istio: { ...config.istio, cluster } } };
}

/** Linkerd: the `linkerd-config` ConfigMap (its `data.values`) replaces the functionConfig's values and trust anchors. */
function localLinkerdConfig(text: string, doc: Document.Parsed, items: readonly unknown[], config: InjectConfig): LocalInputs | undefined {
  const at = items.findIndex((item) => isLocalConfigMap(item, 'linkerd-config'));
  const seq = doc.get('items', true) as Node | undefined;
  if (at < 0 || !isSeq(seq)) return undefined;
  const values: SourceText = { path: RESOURCE_LIST_PATH, text: itemText(text, seq.items[at] as Node) };
  return { text: removeItems(text, seq.items as Node[], [at], seq.flow === true), config: { ...config, linkerd: { ...config.linkerd, inputs: { values } } } };
}

function hasDataKey(item: unknown, key: string): boolean {
  return isObject(item) && isObject(item.data) && Object.hasOwn(item.data, key);
}

function isLocalConfigMap(item: unknown, name: string): boolean {
  if (!isObject(item) || item.kind !== 'ConfigMap' || item.apiVersion !== 'v1' || !isObject(item.metadata)) return false;
  const annotations = isObject(item.metadata.annotations) ? item.metadata.annotations : {};
  return item.metadata.name === name && String(annotations[LOCAL_CONFIG_ANNOTATION]) === 'true';
}

/** The item's text at its own line and column (earlier lines blank), so positions match the ResourceList's. */
function itemText(text: string, node: Node): string {
  const [start, end] = node.range!;
  const at = positionAt(text, start);
  return '\n'.repeat(at.line - 1) + ' '.repeat(at.column - 1) + text.slice(start, end);
}

function removeItems(text: string, nodes: readonly Node[], remove: readonly number[], flow: boolean): string {
  const cuts = remove.map((i) => (flow ? flowCut(nodes, i) : blockCut(text, nodes, i))).sort((a, b) => b[0] - a[0]);
  let out = text;
  for (const [start, end] of cuts) out = out.slice(0, start) + out.slice(end);
  return out;
}

/** A block sequence item: its `- ` line through the line before the next item. */
function blockCut(text: string, nodes: readonly Node[], i: number): [number, number] {
  const start = lineStart(text, nodes[i]!.range![0]);
  const next = nodes[i + 1];
  const end = next ? lineStart(text, next.range![0]) : lineEnd(text, nodes[i]!.range![1]);
  return [start, end];
}

/** A flow sequence item with the comma after it (or before it, for the last one). */
function flowCut(nodes: readonly Node[], i: number): [number, number] {
  const node = nodes[i]!;
  const next = nodes[i + 1];
  if (next) return [node.range![0], next.range![0]];
  const previous = nodes[i - 1];
  return [previous ? previous.range![1] : node.range![0], node.range![1]];
}
