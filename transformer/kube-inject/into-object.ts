/**
 * Istio's `IntoObject` for one decoded object (Go's marshalled form, see `go-decode.ts`): find
 * the pod template, skip host-network and opted-out pods with istioctl's warnings, render the
 * injection with the cluster's templates, and put the result back. `kind: List` items are
 * handled one by one; items of other kinds stay as they are.
 *
 * Istio quirk kept on purpose (this is the istioctl-compatible mode): for a CronJob the
 * labels and annotations are read from and written to `spec.jobTemplate.metadata` (the Job
 * template), not to the pod template, whose metadata stays `{}`.
 */
import { goQuote } from '../gotemplate/go-quote.js';
import { isObject, type ObjectMeta, type PodSpec } from '../kube/objects.js';
import { workloadIdentity } from '../mesh/istio/workload-identity.js';
import type { ClusterInputs, TemplateKnobs, TemplateRenderer } from '../mesh/istio-templates/types.js';
import type { PodTemplate, WorkloadInfo } from '../mesh/types.js';
import type { Result } from '../results.js';
import { BUILTIN_WORKLOADS } from '../kube/workload-kinds.js';
import { decodeAndMarshal } from '../go/go-decode.js';
import { GO_ROOTS } from '../go/go-types.generated.js';
import { injectRequired } from './inject-required.js';

export interface InjectContext {
  render: TemplateRenderer;
  inputs: ClusterInputs;
  knobs: TemplateKnobs;
  /** Istio's warning lines, appended in order. */
  warnings: string[];
  /** Warnings and notes from the renderer, with the object they concern. */
  results: Result[];
}

/** An error that stops the stream, with istioctl's message text. */
export class KubeInjectError extends Error {}

type Obj = Record<string, unknown>;

/**
 * The kind istioctl decodes this object as, or undefined when it copies it raw: Istio registers
 * its kinds as "unversioned", so the kind name alone decides, whatever the apiVersion.
 */
export function registeredKind(typeMeta: { kind?: unknown }): string | undefined {
  const kind = typeMeta.kind;
  return typeof kind === 'string' && Object.hasOwn(GO_ROOTS, kind) ? kind : undefined;
}

export function intoObject(obj: Obj, kind: string, ctx: InjectContext): Obj {
  if (kind === 'List') return intoList(obj, ctx);
  const templatePath = podTemplatePath(kind);
  const template = templatePath.reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), obj);
  if (!isObject(template)) throw new KubeInjectError('spec.template is required value');
  // The CronJob quirk: the Job template's metadata stands in for the pod's.
  const metadataOwner = kind === 'CronJob' ? ((obj.spec as Obj).jobTemplate as Obj) : template;
  const metadata = (metadataOwner.metadata ?? {}) as ObjectMeta;
  const spec = (template.spec ?? {}) as PodSpec;

  const objectMeta = (obj.metadata ?? {}) as ObjectMeta;
  const workload: WorkloadInfo = {
    apiVersion: typeof obj.apiVersion === 'string' ? obj.apiVersion : '',
    kind: typeof obj.kind === 'string' ? obj.kind : '',
    name: objectMeta.name ?? '',
    namespace: objectMeta.namespace ?? '',
    labels: objectMeta.labels ?? {},
  };
  const pod: PodTemplate = { metadata, spec };
  // For a bare Pod, Istio names the owner from its controller reference (GetDeployMetaFromPod).
  const owner: WorkloadInfo = kind === 'Pod' ? { ...workloadIdentity(workload, pod), labels: workload.labels } : workload;
  const name = metadata.name || owner.name;
  const fullName = owner.namespace !== '' ? `${owner.namespace}/${name}` : name;
  const subject = owner.kind !== '' ? `${owner.kind} ${goQuote(fullName)}` : goQuote(fullName);

  if (spec.hostNetwork === true) {
    ctx.warnings.push(`===> Skipping injection because ${subject} has host networking enabled`);
    return obj;
  }
  const decision = injectRequired(metadata);
  if (decision.warning) ctx.warnings.push(decision.warning);
  if (!decision.inject) {
    ctx.warnings.push(`===> Skipping injection because ${subject} has sidecar injection disabled`);
    return obj;
  }

  const podPath = templatePath.join('.');
  const out = ctx.render({ pod: structuredClone(pod), workload: owner, inputs: ctx.inputs, knobs: ctx.knobs, podPath });
  const resourceRef = { apiVersion: workload.apiVersion, kind: workload.kind, name: workload.name, ...(workload.namespace ? { namespace: workload.namespace } : {}) };
  const errors = out.results.filter((r) => r.severity === 'error');
  if (errors.length > 0 || !out.pod) throw new KubeInjectError(errors.map(istioErrorText).join('; ') || 'injection rendered no pod');
  ctx.results.push(...out.results.map((r) => ({ ...r, resourceRef })));
  // What Istio does with the patched pod: decode it into corev1.Pod, copy metadata and spec back.
  const injected = decodeAndMarshal({ metadata: out.pod.metadata, spec: out.pod.spec }, GO_ROOTS.Pod!, { fromYaml: false }) as Obj;
  metadataOwner.metadata = injected.metadata;
  template.spec = injected.spec;
  return obj;
}

/** istioctl wraps annotation validation failures (`RunTemplate`) this way; template errors already carry it. */
function istioErrorText(result: Result): string {
  return result.code === 'invalid-annotation' ? `failed to run injection template: ${result.message}` : result.message;
}

/** Path of the pod template, from the project's workload table (by kind name, as Istio matches). */
function podTemplatePath(kind: string): string[] {
  const entry = BUILTIN_WORKLOADS.find((w) => w.kind === kind);
  return entry && entry.podTemplate !== '' ? entry.podTemplate.split('.') : [];
}

/** `List` items: each registered kind is decoded and injected; others stay raw JSON. */
function intoList(list: Obj, ctx: InjectContext): Obj {
  if (!Array.isArray(list.items)) return list;
  list.items = list.items.map((item: unknown) => {
    const typeMeta = readTypeMeta(item);
    const kind = registeredKind(typeMeta);
    if (!kind) return item;
    return intoObject(decodeAndMarshal(asYamlNumbers(item), GO_ROOTS[kind]!, { fromYaml: true }) as Obj, kind, ctx);
  });
  return list;
}

/** `yaml.Unmarshal(raw, &TypeMeta{})`: fails on anything but a mapping or null. */
export function readTypeMeta(value: unknown): { apiVersion?: string; kind?: string } {
  return decodeAndMarshal(asYamlNumbers(value), 'meta.TypeMeta', { fromYaml: true }) as { apiVersion?: string; kind?: string };
}

/**
 * A List item is raw JSON that Go reads again through YAML: integral numbers (written by Go's
 * JSON encoder without a fraction) come back as YAML integers.
 */
function asYamlNumbers(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) < 1e21 ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(asYamlNumbers);
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asYamlNumbers(v)]));
  return value;
}
