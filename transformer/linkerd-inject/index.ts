/**
 * `linkerd inject` / `linkerd uninject`, offline and pure: the input streams, the values and the
 * flags in; Linkerd's stdout, stderr (reports, errors) and exit code out (see linkerd-stream.ts).
 */
export { linkerdInject, linkerdUninject, type LinkerdInjectOptions, type LinkerdOutcome, type OutputFormat } from './linkerd-stream.js';
export { overrideAnnotations } from './override-annotations.js';
export { applyInjectFlags, InjectFlagError, type LinkerdInjectFlags } from './inject-flags.js';
export type { LinkerdPodInjector, LinkerdValuesLike } from './types.js';
