/**
 * Consistency checks for a patch-metadata table, for whoever adds one: a referenced type that does
 * not exist would silently make everything below it untyped.
 */
import type { PatchSchema } from './schema-types.js';

const STRATEGIES = new Set(['merge', 'replace', 'retainKeys', 'merge,retainKeys', 'retainKeys,merge']);

/** Problems found in `schema`, as sentences; empty when it is consistent. */
export function schemaProblems(schema: PatchSchema): string[] {
  const problems: string[] = [];
  if (Object.keys(schema.types).length > 0 && !schema.types[schema.root]) {
    problems.push(`${schema.name}: root type "${schema.root}" is not defined`);
  }
  for (const [typeName, fields] of Object.entries(schema.types)) {
    for (const [field, meta] of Object.entries(fields)) {
      const where = `${schema.name}: ${typeName}.${field}`;
      if (meta.type !== undefined && !schema.types[meta.type]) problems.push(`${where}: type "${meta.type}" is not defined`);
      if (meta.patchStrategy !== undefined && !STRATEGIES.has(meta.patchStrategy)) {
        problems.push(`${where}: unknown patch strategy "${meta.patchStrategy}"`);
      }
      if (meta.patchMergeKey !== undefined && !meta.patchStrategy?.split(',').includes('merge')) {
        problems.push(`${where}: a merge key without the merge strategy is never used`);
      }
    }
  }
  return problems;
}
