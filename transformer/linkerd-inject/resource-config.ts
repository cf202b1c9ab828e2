/**
 * A document as Linkerd's `ResourceConfig` sees it (`pkg/inject/inject.go` parse): the kind
 * (lower-cased; Linkerd matches kinds case-insensitively), the object in its Go form, where its pod
 * template is, and the report's facts about that pod.
 */
import { isObject } from '../kube/objects.js';
import { decodeAndMarshal } from '../go/go-decode.js';
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
  /** `identity.serviceAccountTokenProjection` of the values (the pod's `automountServiceAccountToken: false` only matters without it). */
  tokenProjection: boolean;
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
  const podMeta = pod.metadata as { name?: string; generateName?: string; annotations?: Record<string, string> };
  const name = kind === 'pod' ? podMeta.name || podMeta.generateName || '' : ((object.metadata ?? {}) as { name?: string }).name ?? '';
  const report = emptyReport(kind, name);
  const spec = pod.spec as PodSpecFacts;
  report.annotatable = true;
  report.injectDisabled = podMeta.annotations?.['linkerd.io/inject'] === 'disabled';
  report.hostNetwork = spec.hostNetwork === true;
  report.sidecar = hasExistingSidecars(spec);
  report.udp = (spec.containers ?? []).some((c) => (c.ports ?? []).some((p) => p.protocol === 'UDP'));
  if (spec.automountServiceAccountToken !== undefined && spec.automountServiceAccountToken !== null && !options.tokenProjection) {
    report.automountServiceAccountToken = spec.automountServiceAccountToken;
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

interface ContainerFacts {
  name?: string;
  image?: string;
  ports?: { protocol?: string }[] | null;
}

interface PodSpecFacts {
  hostNetwork?: boolean;
  automountServiceAccountToken?: boolean | null;
  containers?: ContainerFacts[] | null;
  initContainers?: ContainerFacts[] | null;
}

/** Linkerd's `HasExistingSidecars`: a Linkerd or Istio proxy or init container, by name or image. */
function hasExistingSidecars(spec: PodSpecFacts): boolean {
  const inits = spec.initContainers ?? [];
  const proxy = (c: ContainerFacts) =>
    (c.image ?? '').startsWith('cr.l5d.io/linkerd/proxy:') || (c.image ?? '').startsWith('gcr.io/istio-release/proxyv2:') || c.name === 'linkerd-proxy' || c.name === 'istio-proxy';
  const init = (c: ContainerFacts) =>
    (c.image ?? '').startsWith('cr.l5d.io/linkerd/proxy-init:') || (c.image ?? '').startsWith('gcr.io/istio-release/proxy_init:') || c.name === 'linkerd-init' || c.name === 'istio-init';
  return [...inits, ...(spec.containers ?? [])].some(proxy) || inits.some(init);
}
