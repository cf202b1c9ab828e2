/**
 * The Linkerd preset's entry points the drop-in uses (transformer/mesh/linkerd/). Stand-ins until
 * that folder is merged: values are read as plain YAML and `--manual` injection is refused.
 */
import { LineCounter, parseDocument } from 'yaml';
import type { Result } from '../../transformer/results.js';
import type { LinkerdPodInjector, LinkerdValuesLike } from '../../transformer/linkerd-inject/index.js';

export function readLinkerdValues(text: string, path: string): { values?: LinkerdValuesLike; results: Result[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const problem = doc.errors[0];
  if (problem) {
    const { line, col } = lineCounter.linePos(problem.pos[0]);
    return { results: [{ severity: 'error', code: 'yaml-syntax', message: problem.message.split('\n')[0]!, file: { path, line, column: col } }] };
  }
  return { values: (doc.toJS() ?? {}) as LinkerdValuesLike, results: [] };
}

export const injectLinkerdPod: LinkerdPodInjector = () => ({
  pod: null,
  results: [{ severity: 'error', code: 'internal-error', message: 'the Linkerd preset is not merged yet' }],
});
