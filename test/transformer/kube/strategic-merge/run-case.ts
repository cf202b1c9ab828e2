/** Table cases written as YAML: original, patch, and the expected result or error code. */
import { expect } from 'vitest';
import { parse } from 'yaml';
import { POD_SCHEMA, tryStrategicMerge, type PatchSchema, type StrategicMergeErrorCode } from '../../../../transformer/kube/strategic-merge/index.js';

export interface MergeCase {
  /** The rule, with its source (strategic-merge-patch.md section or apimachinery behaviour). */
  name: string;
  original: string;
  patch: string;
  expected?: string;
  error?: StrategicMergeErrorCode;
  schema?: PatchSchema;
}

export function yaml(text: string): Record<string, unknown> {
  return (parse(text) ?? {}) as Record<string, unknown>;
}

export function runCase(c: MergeCase): void {
  const original = yaml(c.original);
  const patch = yaml(c.patch);
  const before = structuredClone([original, patch]);
  const out = tryStrategicMerge(original, patch, c.schema ?? POD_SCHEMA);
  expect([original, patch], 'inputs are untouched').toEqual(before);
  if (c.error !== undefined) {
    expect(out.ok ? out.value : out.error.code).toBe(c.error);
  } else {
    expect(out.ok ? out.value : out.error).toEqual(yaml(c.expected ?? '{}'));
  }
}
