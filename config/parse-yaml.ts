/**
 * Text → YAML document, with syntax problems as `config-invalid` results that carry line and column.
 * YAML 1.1 like Kubernetes (`yes` is true, `0644` is octal), without the 1.1 timestamp and
 * base-60 tags (`2024-01-02` and `12:30` stay strings, as in Kubernetes).
 */
import { LineCounter, parseDocument, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions, type YAMLError } from 'yaml';
import type { Result } from '../transformer/results.js';
import { MAX_ALIAS_COUNT } from '../transformer/yaml/yaml-options.js';
import { toResult } from './to-result.js';

const YAML_OPTIONS: DocumentOptions & ParseOptions & SchemaOptions = {
  version: '1.1',
  prettyErrors: true,
  uniqueKeys: true,
  customTags: (tags) =>
    tags.filter((t) => typeof t !== 'object' || (t.tag !== 'tag:yaml.org,2002:timestamp' && t.format !== 'TIME')),
};

export interface ParsedYaml {
  /** The data, when there were no errors. `null` for an empty or comment-only document. */
  raw?: unknown;
  doc: Document;
  lineCounter: LineCounter;
  errors: Result[];
  warnings: Result[];
}

const FIXES: Record<string, string> = {
  DUPLICATE_KEY: 'keep one of the keys',
  TAB_AS_INDENT: 'indent with spaces',
  MULTIPLE_DOCS: 'keep a single YAML document in the config',
};

/** A config file's text (`.mesh-injectrc`, functionConfig, kustomize plugin config), problems as config results. */
export function parseConfigYaml(text: string, filepath?: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { ...YAML_OPTIONS, lineCounter });
  const report = (severity: 'error' | 'warning') => (e: YAMLError) => {
    const [start] = e.linePos ?? [];
    // prettyErrors appends " at line L, column C:" and a code frame; the position goes into `file`.
    const what = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    const message = `YAML: ${what}; ${FIXES[e.code] ?? 'fix the YAML syntax'}`;
    return toResult(severity, message, { filepath }, start && { line: start.line, column: start.col });
  };
  const errors = doc.errors.map(report('error'));
  const warnings = doc.warnings.map(report('warning'));
  if (errors.length > 0) return { doc, lineCounter, errors, warnings };
  try {
    return { raw: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), doc, lineCounter, errors, warnings };
  } catch (e) {
    // Excessive aliases (a "billion laughs" document) are refused by toJS.
    return { doc, lineCounter, errors: [toResult('error', `YAML: ${(e as Error).message}`, { filepath })], warnings };
  }
}
