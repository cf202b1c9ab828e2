/**
 * The core parses only documents it may change (workloads, Namespaces, ProxyConfigs) and passes
 * the rest through as text. A post-renderer's output is applied as it is, so every document of
 * the release must be YAML: this check names the chart template of any that is not.
 */
import { parseAllDocuments } from 'yaml';
import type { Result } from '../../transformer/index.js';
import { splitDocuments } from '../../transformer/yaml/split-documents.js';
import { PARSE_OPTIONS } from '../../transformer/yaml/yaml-options.js';
import { templateOf } from './source-names.js';

export function syntaxErrors(stream: string): Result[] {
  const results: Result[] = [];
  for (const slice of splitDocuments(stream) ?? [{ text: stream }]) {
    const parsed = parseAllDocuments(slice.text, PARSE_OPTIONS);
    const errors = Array.isArray(parsed) ? parsed.flatMap((doc) => doc.errors) : [];
    const first = errors[0];
    if (!first) continue;
    const template = templateOf(slice.text);
    results.push({
      severity: 'error',
      code: 'yaml-syntax',
      message: `${first.message.split('\n')[0]}; fix the YAML syntax (the chart template renders invalid YAML)`,
      ...(template === undefined ? {} : { file: { path: template } }),
    });
  }
  return results;
}
