/**
 * The keys by which mesh-inject's text edits, undo records and trust checks name the items of the
 * pod template's lists: containers by name, volumeMounts by mountPath... Derived from the strategic
 * merge's Pod schema (`kube/strategic-merge/schema.ts`, the `x-kubernetes-patch-merge-key` tags), by
 * field name: within a pod template every field name has one merge key (a test pins this).
 *
 * A list without a merge key is edited as one node (re-rendered in place). That includes the
 * set-like lists (merge strategy, no key: `metadata.finalizers`), whose items are scalars named by
 * nothing but their value; `SET_LISTS` lists them.
 */
import { POD_TEMPLATE_SCHEMA } from './strategic-merge/schema.js';
import type { PatchSchema } from './strategic-merge/schema-types.js';

interface ListKeys {
  /** Field name -> merge key of the keyed lists. */
  readonly keyed: ReadonlyMap<string, string>;
  /** Fields merged as sets of scalars. */
  readonly sets: ReadonlySet<string>;
}

/** The lists of every type reachable from the schema's root; throws if one name has two keys. */
export function listKeysOf(schema: PatchSchema): ListKeys {
  const keyed = new Map<string, string>();
  const sets = new Set<string>();
  const seen = new Set<string>();
  const visit = (typeName: string): void => {
    if (seen.has(typeName)) return;
    seen.add(typeName);
    for (const [field, meta] of Object.entries(schema.types[typeName] ?? {})) {
      const merges = meta.patchStrategy?.split(',').includes('merge') ?? false;
      if (merges && meta.patchMergeKey !== undefined) {
        const known = keyed.get(field);
        if (known !== undefined && known !== meta.patchMergeKey) {
          throw new Error(`${schema.name}: list "${field}" is merged by "${known}" and by "${meta.patchMergeKey}"`);
        }
        keyed.set(field, meta.patchMergeKey);
      } else if (merges) {
        sets.add(field);
      }
      if (meta.type !== undefined) visit(meta.type);
    }
  };
  visit(schema.root);
  return { keyed, sets };
}

const POD_TEMPLATE_LISTS = listKeysOf(POD_TEMPLATE_SCHEMA);

/** The merge key of the pod template list stored under `field`, if it has one. */
export function mergeKeyFor(field: string | undefined): string | undefined {
  return field === undefined ? undefined : POD_TEMPLATE_LISTS.keyed.get(field);
}

/** Every key that names list items in a pod template (`name`, `mountPath`, `containerPort`...). */
export const ITEM_SELECTOR_KEYS: ReadonlySet<string> = new Set(POD_TEMPLATE_LISTS.keyed.values());

/** Set-like lists of a pod template (`finalizers`): no merge key, edited as one node. */
export const SET_LISTS: ReadonlySet<string> = POD_TEMPLATE_LISTS.sets;
