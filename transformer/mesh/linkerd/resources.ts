/** The proxy's `resources` block (also the init containers'), quantities as Go re-spells them. */
import type { ResourceRequirements } from '../../kube/objects.js';
import { parseQuantity } from './go-parse.js';
import type { LinkerdResources } from './values.js';

/** Undefined when nothing is set (Go drops the empty block). */
export function resourcesOf(resources: LinkerdResources | undefined): ResourceRequirements | undefined {
  if (!resources) return undefined;
  const pick = (side: 'limit' | 'request') => {
    const out: Record<string, string> = {};
    for (const name of ['cpu', 'memory', 'ephemeral-storage'] as const) {
      const text = resources[name]?.[side];
      if (text) out[name] = canonical(text);
    }
    return Object.keys(out).length > 0 ? out : undefined;
  };
  const limits = pick('limit');
  const requests = pick('request');
  if (!limits && !requests) return undefined;
  return { ...(limits ? { limits } : {}), ...(requests ? { requests } : {}) };
}

function canonical(text: string): string {
  const q = parseQuantity(text);
  return 'canonical' in q ? q.canonical : text;
}
