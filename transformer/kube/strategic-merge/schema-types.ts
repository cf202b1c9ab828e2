/**
 * The shape of a patch-metadata table: what Kubernetes publishes per field as
 * `x-kubernetes-patch-strategy` / `x-kubernetes-patch-merge-key` (Go struct tags `patchStrategy` /
 * `patchMergeKey`), keyed by named types the way OpenAPI `definitions` are.
 */

/** `x-kubernetes-patch-strategy` values used by Kubernetes APIs. */
export type PatchStrategy = 'merge' | 'replace' | 'retainKeys' | 'merge,retainKeys';

export interface FieldPatchMeta {
  readonly patchStrategy?: PatchStrategy;
  /** For lists of maps merged item by item: the field that identifies an item. */
  readonly patchMergeKey?: string;
  /**
   * Name (in `types`) of the field's value type; for a list, of each item. Absent: the value is
   * untyped below this field (maps merge key by key, lists are replaced).
   */
  readonly type?: string;
}

/** Fields of one type. The key `'*'` stands for every key of a map (Go `map[string]T`). */
export type TypePatchMeta = Readonly<Record<string, FieldPatchMeta>>;

export interface PatchSchema {
  /** For messages only. */
  readonly name: string;
  /** Type of the document root, a key of `types`. */
  readonly root: string;
  readonly types: Readonly<Record<string, TypePatchMeta>>;
}
