/** `linkerdPodFacts`: the report facts of one pod template, for the CLI drop-in and the engine. */
import { isObject } from '../../kube/objects.js';
import type { PodSpec } from '../../kube/objects.js';
import type { LinkerdPodInput } from './inject.js';
import { podFacts, type LinkerdPodFacts } from './pod-facts.js';

export function linkerdPodFacts(input: LinkerdPodInput & { requireOptIn: boolean }): LinkerdPodFacts {
  const metadata = isObject(input.pod.metadata) ? input.pod.metadata : {};
  const annotations: Record<string, string> = {};
  if (isObject(metadata.annotations)) for (const [k, v] of Object.entries(metadata.annotations)) if (typeof v === 'string') annotations[k] = v;
  return podFacts({
    spec: (isObject(input.pod.spec) ? input.pod.spec : {}) as PodSpec,
    // Linkerd reads the pod's own annotations, before the CLI adds its flags' (which never disable).
    podAnnotations: annotations,
    ...(input.namespaceAnnotations ? { namespaceAnnotations: input.namespaceAnnotations } : {}),
    values: input.values,
    requireOptIn: input.requireOptIn,
  });
}
