/** "Did you mean" for unknown keys: a close sibling key first, else the same key elsewhere in the schema. */
import { formatPath } from './messages.js';
import type { Segment } from './schema-walk.js';

/**
 * @param path the unknown key's path, e.g. `['istio', 'tagg']`
 * @param siblings keys valid next to it
 * @param everywhere every key path of the schema (`[]` marks array items)
 * @returns the display path to suggest, e.g. `istio.tag`
 */
export function suggestKey(path: readonly Segment[], siblings: readonly string[], everywhere: readonly string[][]): string | undefined {
  const unknown = String(path.at(-1));
  const parent = path.slice(0, -1);
  const sibling = closest(unknown, siblings);
  if (sibling !== undefined) return formatPath([...parent, sibling]);
  const elsewhere = closest(
    unknown,
    everywhere.map((p) => p.at(-1)!),
  );
  const match = everywhere.find((p) => p.at(-1) === elsewhere);
  // `sidecars[].native`: array items have no index here.
  return match?.map((s, i) => (s === '[]' || i === 0 ? s : `.${s}`)).join('');
}

function closest(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const limit = lower.length <= 4 ? 1 : lower.length <= 8 ? 2 : 3;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(lower, candidate.toLowerCase());
    if (d <= limit && d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Levenshtein distance. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
