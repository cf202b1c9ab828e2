/**
 * What the drop-in takes from the Linkerd preset (transformer/mesh/linkerd/): its values and its pod
 * injection. The injection is passed in (default: the preset's `injectLinkerdPod`) so the stream
 * semantics can be tested on their own.
 */
import type { DeepReadonly } from '../data/deep-readonly.js';
import type { LinkerdPodInput, LinkerdValues } from '../mesh/linkerd/index.js';
import type { PodTemplate } from '../mesh/types.js';
import type { Result } from '../results.js';

export type LinkerdValuesLike = DeepReadonly<LinkerdValues>;

/** `injectLinkerdPod`: the pod `linkerd inject --manual` makes, or null with error results. */
export type LinkerdPodInjector = (input: LinkerdPodInput) => { pod: PodTemplate | null; results: Result[] };
