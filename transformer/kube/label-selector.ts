/**
 * Kubernetes label selectors: `matchLabels`/`matchExpressions` objects and the string form
 * (`labels.Parse`: `a`, `!a`, `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, comma = and).
 */

export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
  /** The string form, as Istio's injector config and `kubectl -l` accept it. */
  selector?: string;
}

type Labels = Readonly<Record<string, string>>;

function matchesRequirement(labels: Labels, r: LabelSelectorRequirement): boolean {
  const has = Object.hasOwn(labels, r.key);
  switch (r.operator) {
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'In':
      return has && (r.values ?? []).includes(labels[r.key]!);
    case 'NotIn':
      return !has || !(r.values ?? []).includes(labels[r.key]!);
  }
}

/** Splits on commas outside parentheses. */
function splitTerms(text: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    else if (text[i] === ',' && depth === 0) {
      terms.push(text.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(text.slice(start));
  return terms.map((t) => t.trim()).filter(Boolean);
}

/** Parses the string form; throws with a readable message on bad syntax. */
export function parseSelectorString(text: string): LabelSelectorRequirement[] {
  return splitTerms(text).map((term) => {
    let m = /^!\s*([^\s=!(),]+)$/.exec(term);
    if (m) return { key: m[1]!, operator: 'DoesNotExist' };
    m = /^([^\s=!(),]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term);
    if (m) return { key: m[1]!, operator: m[2] === 'in' ? 'In' : 'NotIn', values: m[3]!.split(',').map((v) => v.trim()) };
    m = /^([^\s=!(),]+)\s*(==|=|!=)\s*([^\s=!(),]*)$/.exec(term);
    if (m) return m[2] === '!=' ? { key: m[1]!, operator: 'NotIn', values: [m[3]!] } : { key: m[1]!, operator: 'In', values: [m[3]!] };
    m = /^([^\s=!(),]+)$/.exec(term);
    if (m) return { key: m[1]!, operator: 'Exists' };
    throw new Error(`invalid label selector term "${term}"`);
  });
}

/** An empty selector matches everything, as in Kubernetes. */
export function selectorMatches(selector: LabelSelector, labels: Labels): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) if (labels[key] !== value) return false;
  for (const requirement of selector.matchExpressions ?? []) if (!matchesRequirement(labels, requirement)) return false;
  if (selector.selector !== undefined) {
    for (const requirement of parseSelectorString(selector.selector)) if (!matchesRequirement(labels, requirement)) return false;
  }
  return true;
}
