/**
 * What the drop-in needs of the Linkerd preset (transformer/mesh/linkerd/), passed in by the caller
 * as `istio-templates`' renderer is passed to kube-inject: the values document and the pod injection.
 */
import type { Result } from '../results.js';

/** Linkerd's Helm values (chart keys: `proxy.*`, `proxyInit.*`, `identity.*`, ...), read-only. */
export type LinkerdValuesLike = Readonly<Record<string, unknown>>;

export interface LinkerdPodInjectInput {
  pod: { metadata: Record<string, unknown>; spec: Record<string, unknown> };
  owner: { kind: string; name: string; namespace: string };
  values: LinkerdValuesLike;
  createdBy: string;
}

/** `injectLinkerdPod`: the pod `linkerd inject --manual` makes, or null with error results. */
export type LinkerdPodInjector = (input: LinkerdPodInjectInput) => { pod: { metadata: unknown; spec: unknown } | null; results: Result[] };
