/**
 * Until transformer/mesh/linkerd/ is merged: the Linkerd preset's entry points the conformance
 * test needs, or stand-ins that fail every case needing them.
 */
import { parse } from 'yaml';
import type { Result } from '../../transformer/results.js';
import type { LinkerdPodInjector } from '../../transformer/linkerd-inject/index.js';

export function readLinkerdValues(text: string, _path: string): { values?: unknown; results: Result[] } {
  return { values: parse(text) as unknown, results: [] };
}

export const injectLinkerdPod: LinkerdPodInjector = () => ({
  pod: null,
  results: [{ severity: 'error', code: 'internal-error', message: 'the Linkerd preset is not merged yet' }],
});
