/**
 * The built-in Linkerd preset: the pod template Linkerd's proxy injector (or `linkerd inject
 * --manual`) produces for Linkerd edge-26.8.3 / version-2.20, plus `linkerd uninject` and the facts
 * Linkerd's report is made of. Pure: no fs, no process, no clock.
 */
export type { LinkerdValues, LinkerdProxyValues, LinkerdProxyInitValues, LinkerdImage, LinkerdResources } from './values.js';
export { readLinkerdValues, defaultLinkerdValues } from './read-values.js';
export { BUILTIN_LINKERD_VERSION } from './chart-defaults.js';
export type { Owner as LinkerdOwner } from './metadata.js';
export { injectLinkerdPod, type LinkerdPodInput } from './inject.js';
export { annotateLinkerdPod } from './annotate.js';
export { uninjectLinkerdPod, type UninjectOutcome } from './uninject.js';
export { REASONS as LINKERD_REFUSALS, type LinkerdPodFacts } from './pod-facts.js';
export { linkerdPodFacts } from './facts.js';
export { linkerdPreset, LINKERD_CONTAINERS } from './preset.js';
export { LINKERD_FOOTPRINT } from './footprint.js';
export { ANN as LINKERD_ANNOTATIONS, CONFIG_ANN as LINKERD_CONFIG_ANNOTATIONS } from './names.js';
