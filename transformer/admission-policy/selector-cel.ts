/**
 * A Kubernetes label selector (`kube/label-selector.ts`) as a CEL condition on the pod's labels,
 * matching exactly what `selectorMatches` matches. Istio's injector config selectors only come
 * here non-empty (`injectorPolicy` drops empty ones, which Istio ignores).
 */
import { parseSelectorString, type LabelSelector, type LabelSelectorRequirement } from '../kube/label-selector.js';
import { celString, celStringList } from './cel-text.js';

const LABELS = 'object.metadata.labels';

function has(key: string): string {
  return `(has(${LABELS}) && ${celString(key)} in ${LABELS})`;
}

function requirement(r: LabelSelectorRequirement): string {
  const value = `${LABELS}[${celString(r.key)}]`;
  switch (r.operator) {
    case 'Exists':
      return has(r.key);
    case 'DoesNotExist':
      return `!${has(r.key)}`;
    case 'In':
      return `(${has(r.key)} && ${value} in ${celStringList(r.values ?? [])})`;
    case 'NotIn':
      return `(!${has(r.key)} || !(${value} in ${celStringList(r.values ?? [])}))`;
  }
}

/** Throws (as `selectorMatches` does) on a string form that does not parse. */
export function selectorToCel(selector: LabelSelector): string {
  const requirements: LabelSelectorRequirement[] = [
    ...Object.entries(selector.matchLabels ?? {}).map(([key, value]): LabelSelectorRequirement => ({ key, operator: 'In', values: [value] })),
    ...(selector.matchExpressions ?? []),
    ...(selector.selector !== undefined ? parseSelectorString(selector.selector) : []),
  ];
  if (requirements.length === 0) return 'true';
  return requirements.map(requirement).join(' && ');
}

/** Any of the selectors matches; none given: `false`. */
export function anySelectorToCel(selectors: readonly LabelSelector[]): string {
  if (selectors.length === 0) return 'false';
  return selectors.map((s) => `(${selectorToCel(s)})`).join(' || ');
}
