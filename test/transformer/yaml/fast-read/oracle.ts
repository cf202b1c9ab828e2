/**
 * The fast reader's contract, checked against its oracle: whenever `readPlainData` answers, the
 * `yaml` package reads the same text, as run-template.ts does, to the same value (key order,
 * -0, NaN included) and without errors or warnings.
 */
import { isDeepStrictEqual } from 'node:util';
import { parseDocument } from 'yaml';
import { expect } from 'vitest';
import { readPlainData } from '../../../../transformer/yaml/fast-read/fast-read.js';
import { PARSE_OPTIONS } from '../../../../transformer/yaml/yaml-options.js';

export function readWithYaml(text: string): { clean: boolean; value: unknown } {
  const doc = parseDocument(text, PARSE_OPTIONS);
  return { clean: doc.errors.length === 0 && doc.warnings.length === 0, value: doc.toJS({ maxAliasCount: 100 }) as unknown };
}

/** Mapping keys in order, recursively (deep equality ignores key order). */
export function keyOrder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(keyOrder);
  if (value === null || typeof value !== 'object') return null;
  return Object.entries(value).map(([k, v]) => [k, keyOrder(v)]);
}

/** Asserts the contract for `text`; returns whether the fast reader answered (`ok`). */
export function agreesWithYaml(text: string): boolean {
  const fast = readPlainData(text);
  if (!fast.ok) return false;
  const slow = readWithYaml(text);
  if (!isDeepStrictEqual(keyOrder(fast.value), keyOrder(slow.value))) expect(keyOrder(fast.value)).toEqual(keyOrder(slow.value));
  if (!slow.clean || !isDeepStrictEqual(fast.value, slow.value)) {
    expect({ text, clean: slow.clean, value: fast.value }).toStrictEqual({ text, clean: true, value: slow.value });
    throw new Error(`fast reader and yaml differ on ${JSON.stringify(text)}`); // a difference toStrictEqual cannot show
  }
  return true;
}
