/**
 * A document as Linkerd's `ResourceConfig` sees it (`pkg/inject/inject.go` parse): the kind
 * (lower-cased; Linkerd matches kinds case-insensitively), the object in its Go form, where its pod
 * template is, and the report's facts about that pod.
 */
import { isObject } from '../kube/objects.js';
import { decodeAndMarshal } from '../go/go-decode.js';
import { linkerdPodFacts } from '../mesh/linkerd/index.js';
import type { PodTemplate } from '../mesh/types.js';
import type { LinkerdValuesLike } from './types.js';
import { emptyReport, type LinkerdReport } from './report.js';
import { goObject, hasTypedRoot } from './go-object.js';

type Obj = Record<string, unknown>;

/** Kinds whose pod template Linkerd injects, and where that template is. */
const POD_TEMPLATE_PATHS: Readonly<Record<string, readonly string[]>> = {
  deployment: ['spec', 'template'],
  replicationcontroller: ['spec', 'template'],
  replicaset: ['spec', 'template'],
  job: ['spec', 'template'],
  daemonset: ['spec', 'template'],
  statefulset: ['spec', 'template'],
  cronjob: ['spec', 'jobTemplate', 'spec', 'template'],
  pod: [],
};

export interface ResourceConfig {
  kind: string;
  /** The object in its Go form (only for kinds Linkerd decodes: workloads, Namespace, Service). */
  object?: Obj;
  /** Path of the pod template inside `object` ([] for a Pod); undefined when there is none. */
  podPath?: readonly string[];
  report: LinkerdReport;
}

export interface ParseOptions {
  /** The values injection runs with (`linkerd uninject` has none: the pod facts are then not needed). */
  values?: LinkerdValuesLike;
}

/** `ParseMetaAndYAML`: throws GoDecodeError where Go's decode fails. */
export function parseResource(value: unknown, options: ParseOptions): ResourceConfig {
  const typeMeta = decodeAndMarshal(value, 'meta.TypeMeta', { fromYaml: true }) as { kind?: string };
  const kind = (typeMeta.kind ?? '').toLowerCase();
  const podPath = POD_TEMPLATE_PATHS[kind];
  if (!hasTypedRoot(kind) && kind !== 'namespace' && kind !== 'service') {
    const meta = decodeAndMarshal(isObject(value) ? value.metadata : undefined, 'meta.ObjectMeta', { fromYaml: true }) as { name?: string };
    const report = emptyReport(kind, meta.name ?? '');
    report.unsupportedResource = true;
    return { kind, report };
  }
  const object = goObject(value, kind);
  if (!podPath) {
    const report = emptyReport(kind, ((object.metadata ?? {}) as { name?: string }).name ?? '');
    report.unsupportedResource = true;
    report.annotatable = true;
    return { kind, object, report };
  }
  const pod = ensurePod(object, podPath);
  const podMeta = pod.metadata as { name?: string; generateName?: string };
  const name = kind === 'pod' ? podMeta.name || podMeta.generateName || '' : ((object.metadata ?? {}) as { name?: string }).name ?? '';
  const report = emptyReport(kind, name);
  report.annotatable = true;
  if (options.values) {
    // Linkerd's CLI rule (opt-out only), on the pod as written: the flags' annotations come later.
    const facts = linkerdPodFacts({ pod: pod as unknown as PodTemplate, owner: { kind, name, namespace: '' }, values: options.values, createdBy: '', requireOptIn: false });
    report.injectDisabled = facts.injectDisabled;
    report.hostNetwork = facts.hostNetwork;
    report.sidecar = facts.sidecar;
    report.udp = facts.udp;
    report.automountServiceAccountToken = !facts.automountServiceAccountTokenFalse;
  }
  return { kind, object, podPath, report };
}

/** The pod template at `path`, with `metadata` and `spec` present (Go's decode gives every workload one). */
export function ensurePod(object: Obj, path: readonly string[]): Obj {
  let node = object;
  for (const key of path) {
    if (!isObject(node[key])) node[key] = {};
    node = node[key] as Obj;
  }
  if (!isObject(node.metadata)) node.metadata = {};
  if (!isObject(node.spec)) node.spec = {};
  return node;
}
