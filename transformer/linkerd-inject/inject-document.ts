/**
 * `linkerd inject` of one document (cli/cmd/inject.go `transform`, origin CLI):
 *
 * - a Service gets the `config.linkerd.io/opaque-ports` override, if there is one; a Namespace
 *   (when allowed) `linkerd.io/inject: enabled` plus every override annotation;
 * - a pod template gets the override annotations; unless Linkerd refuses it (host network, a sidecar
 *   already, `linkerd.io/inject: disabled`, no identity: those are errors when the workload would
 *   otherwise fail, skips otherwise), it gets the proxy (`--manual`: the preset's `injectLinkerdPod`) or
 *   only the annotations for the proxy injector to act on (`annotateLinkerdPod`);
 * - a control-plane component without `--manual` is an error; anything else is copied as it is.
 *
 * Quirk kept: the `linkerd.io/inject: ingress` override is dropped from the overrides after the first
 * manual injection of a run (Linkerd deletes it from the map its transformer shares).
 */
import type { Result } from '../results.js';
import { isObject } from '../kube/objects.js';
import { ensurePod, type ResourceConfig } from './resource-config.js';
import { injectErrors, injectable, type LinkerdReport } from './report.js';
import { goObject } from './go-object.js';
import { annotateLinkerdPod, injectLinkerdPod } from '../mesh/linkerd/index.js';
import type { PodTemplate } from '../mesh/types.js';
import type { LinkerdPodInjector, LinkerdValuesLike } from './types.js';

type Obj = Record<string, unknown>;

const INJECT = 'linkerd.io/inject';
const OPAQUE_PORTS = 'config.linkerd.io/opaque-ports';

export interface InjectDocumentOptions {
  values: LinkerdValuesLike;
  /** `--manual`: add the proxy itself, not only the annotation for the proxy injector. */
  manual: boolean;
  enableDebugSidecar: boolean;
  /** `--close-wait-timeout` as Go prints the duration (`1m0s`); absent when not set. */
  closeWaitTimeout?: string;
  /** Whether Namespace objects are annotated (the CLI does; some of Linkerd's tests do not). */
  allowNsInject: boolean;
  /** The `linkerd.io/created-by` value. */
  createdBy: string;
  /** Default: the Linkerd preset's `injectLinkerdPod`. */
  injectPod?: LinkerdPodInjector;
}

/** Per run: the override annotations (`getOverrideAnnotations`), changed as Linkerd changes them. */
export interface InjectState {
  overrides: Record<string, string>;
}

export interface DocumentOutcome {
  /** The changed object in its Go form (undefined: the document is written as it came). */
  changed?: Obj;
  reports: LinkerdReport[];
  error?: string;
  /** The preset's warnings (annotation values Linkerd ignores), with the workload they concern. */
  warnings?: Result[];
}

const CANONICAL_KINDS: Readonly<Record<string, string>> = {
  deployment: 'Deployment', replicationcontroller: 'ReplicationController', replicaset: 'ReplicaSet', job: 'Job',
  daemonset: 'DaemonSet', statefulset: 'StatefulSet', cronjob: 'CronJob', pod: 'Pod',
};

export function injectDocument(conf: ResourceConfig, options: InjectDocumentOptions, state: InjectState): DocumentOutcome {
  const { report, object } = conf;
  const pod = object && conf.podPath ? ensurePod(object, conf.podPath) : undefined;
  const podMeta = (pod?.metadata ?? {}) as { labels?: Record<string, string>; annotations?: Record<string, string> };
  if (podMeta.labels && Object.hasOwn(podMeta.labels, 'linkerd.io/control-plane-component') && !options.manual) {
    return { reports: [], error: '--manual must be set when injecting control plane components' };
  }
  if (conf.kind === 'service' && object) {
    const opaquePorts = state.overrides[OPAQUE_PORTS];
    if (opaquePorts === undefined) return { reports: [report] };
    annotate(object, { [OPAQUE_PORTS]: opaquePorts });
    report.annotated = true;
    return { changed: goObject(object, conf.kind), reports: [report] };
  }
  if (conf.kind === 'namespace' && object && options.allowNsInject) {
    annotate(object, { [INJECT]: 'enabled', ...state.overrides });
    report.annotated = true;
    return { changed: goObject(object, conf.kind), reports: [report] };
  }
  if (!pod || !object) return { reports: [report] };

  const added: Record<string, string> = {};
  if (options.enableDebugSidecar) added['config.linkerd.io/enable-debug-sidecar'] = 'true';
  if (options.closeWaitTimeout !== undefined) added['config.linkerd.io/close-wait-timeout'] = options.closeWaitTimeout;
  if (Object.keys(state.overrides).length > 0) {
    Object.assign(added, state.overrides);
    report.annotated = true;
  }
  if (!injectable(report)) {
    const errors = injectErrors(report);
    if (errors.length > 0) return { reports: [report], error: `failed to inject ${report.kind}/${report.name}: ${errors.join(', ')}` };
    return { reports: [report] };
  }

  if (options.manual) {
    delete state.overrides[INJECT];
    return injectProxy(conf, object, pod, added, options);
  }
  const annotated = annotateLinkerdPod({ pod: pod as unknown as PodTemplate, owner: ownerOf(conf, object, pod), values: options.values, createdBy: options.createdBy, cliAnnotations: added });
  if (!annotated.pod) return { reports: [], error: annotated.results.map((r) => r.message).join('\n') || `could not annotate ${report.kind}/${report.name}` };
  pod.metadata = annotated.pod.metadata as unknown as Obj;
  return { changed: goObject(object, conf.kind), reports: [report] };
}

/** The workload the pod template belongs to, as the preset names it. */
function ownerOf(conf: ResourceConfig, object: Obj, pod: Obj): { kind: string; name: string; namespace: string } {
  const objectMeta = (object.metadata ?? {}) as { name?: string; namespace?: string };
  const podName = (pod.metadata as { name?: string }).name;
  return { kind: CANONICAL_KINDS[conf.kind] ?? conf.kind, name: conf.kind === 'pod' ? podName ?? '' : objectMeta.name ?? '', namespace: objectMeta.namespace ?? '' };
}

/** `--manual`: the preset's pod in place of the template, the flags' annotations written on it. */
function injectProxy(conf: ResourceConfig, object: Obj, pod: Obj, cliAnnotations: Record<string, string>, options: InjectDocumentOptions): DocumentOutcome {
  const { report } = conf;
  const owner = ownerOf(conf, object, pod);
  const inject = options.injectPod ?? injectLinkerdPod;
  const out = inject({ pod: pod as unknown as PodTemplate, owner, values: options.values, createdBy: options.createdBy, cliAnnotations });
  const errors = out.results.filter((r) => r.severity === 'error');
  if (errors.length > 0 || !out.pod) return { reports: [], error: errors.map((r) => r.message).join('\n') || `could not inject ${report.kind}/${report.name}` };
  pod.metadata = out.pod.metadata as unknown as Obj;
  pod.spec = out.pod.spec as unknown as Obj;
  const resourceRef = { apiVersion: typeof object.apiVersion === 'string' ? object.apiVersion : '', kind: owner.kind, name: report.name, ...(owner.namespace ? { namespace: owner.namespace } : {}) };
  const warnings = out.results.filter((r) => r.severity === 'warning').map((r) => ({ ...r, resourceRef }));
  return { changed: goObject(object, conf.kind), reports: [report], ...(warnings.length > 0 ? { warnings } : {}) };
}

function annotate(object: Obj, annotations: Record<string, string>): void {
  if (!isObject(object.metadata)) object.metadata = {};
  const metadata = object.metadata as Obj;
  metadata.annotations = { ...((metadata.annotations ?? {}) as Record<string, string>), ...annotations };
}
