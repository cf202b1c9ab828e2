/**
 * Sentences for config results: `<key path>: expected <what>, got <value>; <fix>`.
 * Wording lives here only; tests assert result codes and positions, not these strings.
 */
import type * as z from 'zod';
import type { Segment } from './schema-walk.js';

/** `istio.proxyResources.requests.cpu`, `sidecars[0].annotations["prometheus.io/scrape"]`. */
export function formatPath(path: readonly Segment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out || '(top level)';
}

export function describeValue(value: unknown, source?: string): string {
  if (value === null) return 'an empty value';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number') return source ?? String(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return typeof value;
}

interface IssueContext {
  /** Phrase registered on the schema (see `expects.ts`). */
  expected?: string;
  /** The value as written, for numbers YAML reads differently (`1.30` → 1.3). */
  source?: string;
  /** The key may be left out (it has a default or is optional). */
  optional: boolean;
}

export function issueMessage(issue: z.core.$ZodIssue, ctx: IssueContext): string {
  if (issue.code === 'custom') return issue.message;
  const phrase = ctx.expected ?? fallbackPhrase(issue);
  const input = issue.input;
  if (input === undefined) return `missing; set it to ${phrase}`;
  return `expected ${phrase}, got ${describeValue(input, ctx.source)}; ${fix(issue, input, phrase, ctx)}`;
}

function fix(issue: z.core.$ZodIssue, input: unknown, phrase: string, ctx: IssueContext): string {
  if (input === null && ctx.optional) return `set it to ${phrase}, or remove the key to use the default`;
  const scalar = typeof input === 'number' || typeof input === 'boolean';
  if (issue.code === 'invalid_type' && issue.expected === 'string' && scalar) {
    return `quote it so YAML keeps it a string: "${ctx.source ?? String(input)}"`;
  }
  return `set it to ${phrase}`;
}

const TYPE_PHRASES: Record<string, string> = {
  string: 'a string',
  boolean: 'true or false',
  number: 'a number',
  object: 'a mapping',
  record: 'a mapping',
  array: 'a list',
};

function fallbackPhrase(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return TYPE_PHRASES[issue.expected] ?? issue.expected;
    case 'invalid_value':
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      return `a value matching ${issue.pattern ?? issue.format}`;
    case 'too_small':
      return issue.origin === 'string' && Number(issue.minimum) === 1
        ? 'a non-empty string'
        : `a ${issue.origin} of at least ${String(issue.minimum)}`;
    case 'too_big':
      return `a ${issue.origin} of at most ${String(issue.maximum)}`;
    default:
      return 'a valid value';
  }
}

export function unknownKeyMessage(path: readonly Segment[], suggestion: string | undefined, validKeys: readonly string[]): string {
  const key = formatPath(path);
  if (path.at(-1) === '$import') {
    return `unknown key "${key}"; mesh-inject config files cannot import other files, remove it and copy the settings in`;
  }
  if (suggestion) return `unknown key "${key}"; did you mean "${suggestion}"?`;
  const list = validKeys.length > 0 && validKeys.length <= 10 ? ` (valid keys here: ${validKeys.join(', ')})` : '';
  return `unknown key "${key}"; remove it or fix its spelling${list}`;
}
