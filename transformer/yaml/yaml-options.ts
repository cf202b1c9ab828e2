/**
 * YAML schema choices. Kubernetes reads manifests with YAML 1.1 rules (go-yaml v2 behind
 * sigs.k8s.io/yaml): `on`/`yes` are booleans, `0644` is octal, but timestamps and base-60
 * numbers stay strings. We parse and render with the same rules, so a value we write reads
 * back identically in the API server.
 */
import type { ParseOptions, DocumentOptions, SchemaOptions, ScalarTag, ToStringOptions } from 'yaml';

type Tags = Parameters<Extract<NonNullable<SchemaOptions['customTags']>, (tags: never) => unknown>>[0];

/** Drop YAML 1.1 timestamps and base-60 numbers, which Kubernetes does not resolve. */
function kubernetesTags(tags: Tags): Tags {
  return tags.filter((tag) => typeof tag === 'string' || (tag.tag !== 'tag:yaml.org,2002:timestamp' && (tag as ScalarTag).format !== 'TIME'));
}

/** Go's ParseInt(s, 0, 64) also reads `0o17`: make such strings resolve as ints so they get quoted on output. */
const goOctalInt: ScalarTag = {
  identify: (value) => typeof value === 'number' && Number.isInteger(value),
  default: true,
  tag: 'tag:yaml.org,2002:int',
  format: 'OCT',
  test: /^[-+]?0o[0-7_]+$/,
  resolve: (str) => {
    const negative = str.startsWith('-');
    const digits = str.replace(/^[-+]?0o/, '').replaceAll('_', '');
    const value = parseInt(digits, 8);
    return negative ? -value : value;
  },
};

export const PARSE_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.1',
  customTags: kubernetesTags,
  uniqueKeys: true,
  prettyErrors: false,
  strict: true,
};

/** Rendering keeps the full 1.1 schema plus Go's `0o` octal so that every ambiguous string gets quoted. */
export const RENDER_SCHEMA: DocumentOptions & SchemaOptions = {
  version: '1.1',
  customTags: (tags: Tags) => [goOctalInt, ...tags],
};

export function renderOptions(indentSeq: boolean): ToStringOptions {
  return { lineWidth: 0, minContentWidth: 0, indentSeq, flowCollectionPadding: false };
}

/** Upper bound on alias expansion when converting a document to plain data (alias-bomb guard). */
export const MAX_ALIAS_COUNT = 100;
