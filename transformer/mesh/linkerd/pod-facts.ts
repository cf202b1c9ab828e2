/** The facts Linkerd's inject report and its injectability rules are made of, for one pod. */
import type { PodSpec } from '../../kube/objects.js';
import type { DeepReadonly } from '../../data/deep-readonly.js';
import { ANN, INJECT, INIT_CONTAINER, PROXY_CONTAINER } from './names.js';
import type { LinkerdValues } from './values.js';

export interface LinkerdPodFacts {
  hostNetwork: boolean;
  /** A sidecar of another mesh or an earlier injection is present (istio-proxy, istio-init, linkerd-proxy, ...). */
  sidecar: boolean;
  udp: boolean;
  /** Injection disabled by annotation, with the reason Linkerd gives. */
  injectDisabled: boolean;
  injectDisabledReason: string;
  /** automountServiceAccountToken: false without service account token projection (the proxy cannot get identity). */
  automountServiceAccountTokenFalse: boolean;
}

export const REASONS = {
  hostNetwork: 'hostNetwork is enabled',
  sidecar: 'pod has a sidecar injected already',
  enableAbsent: `neither the namespace nor the pod have the annotation "${ANN.inject}:${INJECT.enabled}"`,
  disabledPresent: `pod has the annotation "${ANN.inject}:${INJECT.disabled}"`,
  invalidAtWorkload: `invalid value for annotation "${ANN.inject}" at workload`,
  invalidAtNamespace: `invalid value for annotation "${ANN.inject}" at namespace`,
  automount: 'automountServiceAccountToken set to "false", with Values.identity.serviceAccountTokenProjection set to "false"',
  udp: 'UDP port(s) configured on pod spec',
} as const;

const PROXY_IMAGES = ['cr.l5d.io/linkerd/proxy:', 'gcr.io/istio-release/proxyv2:'];
const INIT_IMAGES = ['cr.l5d.io/linkerd/proxy-init:', 'gcr.io/istio-release/proxy_init:'];

/** Linkerd's `HasExistingSidecars`: a proxy (by name or image) anywhere, or an init container of one. */
function hasExistingSidecar(spec: PodSpec): boolean {
  const all = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  if (all.some((c) => PROXY_IMAGES.some((p) => (c?.image ?? '').startsWith(p)) || c?.name === PROXY_CONTAINER || c?.name === 'istio-proxy')) return true;
  return (spec.initContainers ?? []).some((c) => INIT_IMAGES.some((p) => (c?.image ?? '').startsWith(p)) || c?.name === INIT_CONTAINER || c?.name === 'istio-init');
}

interface FactsInput {
  spec: PodSpec;
  podAnnotations: Readonly<Record<string, string>>;
  namespaceAnnotations?: Readonly<Record<string, string>>;
  values: DeepReadonly<LinkerdValues>;
  /** The proxy injector's rule (opt-in at namespace or pod) rather than `linkerd inject`'s (opt-out only). */
  requireOptIn: boolean;
}

export function podFacts(input: FactsInput): LinkerdPodFacts {
  const spec = input.spec;
  const disabled = disabledByAnnotation(input);
  return {
    hostNetwork: spec.hostNetwork === true,
    sidecar: hasExistingSidecar(spec),
    udp: (spec.containers ?? []).some((c) => (c?.ports ?? []).some((p) => p?.protocol === 'UDP')),
    injectDisabled: disabled !== undefined,
    injectDisabledReason: disabled ?? '',
    automountServiceAccountTokenFalse: spec.automountServiceAccountToken === false && !input.values.identity.serviceAccountTokenProjection,
  };
}

const VALID = new Set<string>([INJECT.enabled, INJECT.disabled, INJECT.ingress]);
const ENABLING = new Set<string>([INJECT.enabled, INJECT.ingress]);

/** Linkerd's truth table: the reason injection is disabled, or undefined. */
function disabledByAnnotation(input: FactsInput): string | undefined {
  const pod = input.podAnnotations[ANN.inject] ?? '';
  if (!input.requireOptIn) return pod === INJECT.disabled ? REASONS.disabledPresent : undefined;
  const ns = input.namespaceAnnotations?.[ANN.inject] ?? '';
  if (ns !== '' && !VALID.has(ns)) return REASONS.invalidAtNamespace;
  if (pod !== '' && !VALID.has(pod)) return REASONS.invalidAtWorkload;
  if (ENABLING.has(ns)) return pod === INJECT.disabled ? REASONS.disabledPresent : undefined;
  return ENABLING.has(pod) ? undefined : REASONS.enableAbsent;
}
