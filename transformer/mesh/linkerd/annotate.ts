/**
 * `linkerd inject` without `--manual`: the pod template only gets annotations (the flags' config
 * annotations, and `linkerd.io/inject: enabled` so the proxy injector takes it whatever its
 * namespace says, except in ingress mode, where the flags' `linkerd.io/inject: ingress` stays).
 * The same refusals as injectLinkerdPod.
 */
import { isObject } from '../../kube/objects.js';
import type { Result } from '../../results.js';
import type { PodTemplate } from '../types.js';
import { refusal, type LinkerdPodInput } from './inject.js';
import { withEntries } from './metadata.js';
import { ANN, INJECT } from './names.js';

export function annotateLinkerdPod(input: LinkerdPodInput): { pod: PodTemplate | null; results: Result[] } {
  const metadata = isObject(input.pod.metadata) ? input.pod.metadata : {};
  const refused = refusal(input);
  if (refused) return { pod: null, results: [refused] };
  const added: Record<string, string> = { ...(input.cliAnnotations ?? {}) };
  if (!input.values.proxy.isIngress) added[ANN.inject] = INJECT.enabled;
  const own = isObject(metadata.annotations) ? (metadata.annotations as Record<string, string>) : undefined;
  return { pod: { ...input.pod, metadata: { ...metadata, annotations: withEntries(own, added) } }, results: [] };
}
