/**
 * Walking a patch-metadata table (apimachinery's `LookupPatchMeta`): from a position in the
 * document to the metadata of one of its fields and the position below it. Lists are transparent:
 * the position below a list field is that of each of its items.
 */
import { POD_SCHEMA } from './schema.js';
import type { FieldPatchMeta, PatchSchema, PatchStrategy } from './schema-types.js';

/** A position in a schema: the type of the map being merged, or `undefined` when untyped. */
export interface SchemaCursor {
  readonly schema: PatchSchema;
  readonly type: string | undefined;
}

/** Field metadata as the merge uses it. */
export interface FieldRule {
  /** `merge` (lists merged item by item or as a set), `replace`, or none (lists replaced, maps merged). */
  readonly strategy: 'merge' | 'replace' | undefined;
  /** Kept for callers; applying a patch only honours an explicit `$retainKeys` directive. */
  readonly retainKeys: boolean;
  readonly mergeKey: string | undefined;
  /** Position of the field's value (of each item, for a list). */
  readonly cursor: SchemaCursor;
}

export function rootCursor(schema: PatchSchema): SchemaCursor {
  return { schema, type: schema.types[schema.root] ? schema.root : undefined };
}

function fieldMeta(cursor: SchemaCursor, key: string): FieldPatchMeta | undefined {
  if (cursor.type === undefined) return undefined;
  const fields = cursor.schema.types[cursor.type];
  if (!fields) return undefined;
  return Object.hasOwn(fields, key) ? fields[key] : Object.hasOwn(fields, '*') ? fields['*'] : undefined;
}

// Rules per schema, type and field: a merge asks for the same few fields of every pod.
const RULES = new WeakMap<PatchSchema, Map<string, FieldRule>>();

export function fieldRule(cursor: SchemaCursor, key: string): FieldRule {
  let rules = RULES.get(cursor.schema);
  if (rules === undefined) RULES.set(cursor.schema, (rules = new Map()));
  const id = `${cursor.type ?? ''}\0${key}`;
  let rule = rules.get(id);
  if (rule === undefined) rules.set(id, (rule = computeFieldRule(cursor, key)));
  return rule;
}

function computeFieldRule(cursor: SchemaCursor, key: string): FieldRule {
  const meta = fieldMeta(cursor, key);
  const strategies = splitStrategy(meta?.patchStrategy);
  const type = meta?.type !== undefined && cursor.schema.types[meta.type] ? meta.type : undefined;
  return {
    strategy: strategies.includes('merge') ? 'merge' : strategies.includes('replace') ? 'replace' : undefined,
    retainKeys: strategies.includes('retainKeys'),
    mergeKey: meta?.patchMergeKey || undefined,
    cursor: { schema: cursor.schema, type },
  };
}

function splitStrategy(strategy: PatchStrategy | undefined): string[] {
  return strategy === undefined ? [] : strategy.split(',').map((s) => s.trim());
}

/**
 * The patch metadata of the field at `path` (field names from the document root; list items are
 * transparent, so `['spec', 'containers', 'env']` is the env list of every container), or
 * `undefined` when the table does not list that field (it is then untyped: maps merge, lists
 * are replaced).
 */
export function patchMetaAt(path: readonly string[], schema: PatchSchema = POD_SCHEMA): FieldPatchMeta | undefined {
  let cursor = rootCursor(schema);
  let meta: FieldPatchMeta | undefined;
  for (const key of path) {
    meta = fieldMeta(cursor, key);
    if (meta === undefined) return undefined;
    cursor = fieldRule(cursor, key).cursor;
  }
  return meta;
}
