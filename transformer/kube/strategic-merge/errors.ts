/**
 * Patches that apimachinery rejects are rejected here too, with a stable code (tests assert codes,
 * never wording) and the path of the offending value in the patch.
 */

export type StrategicMergeErrorCode =
  /** the document or the patch is not a map */
  | 'not-a-map'
  /** `$patch` is not `replace` or `delete` (`merge` exists only as a schema strategy) */
  | 'invalid-patch-directive'
  /** an item of a keyed list (in the patch or the original) has no merge key */
  | 'missing-merge-key'
  /** a list of maps has the merge strategy but the schema names no merge key */
  | 'merge-key-undefined'
  /** a merged list mixes item kinds (maps and scalars, strings and numbers) or holds lists */
  | 'mixed-list-items'
  /** `$retainKeys` is not a list, or the patch sets a field it does not retain */
  | 'invalid-retain-keys'
  /** `$setElementOrder/<field>` is malformed or contradicts the order of the patch list */
  | 'invalid-set-element-order'
  /** `$deleteFromPrimitiveList/<field>` is malformed or does not hold scalars */
  | 'invalid-delete-from-primitive-list';

export interface StrategicMergeProblem {
  readonly code: StrategicMergeErrorCode;
  readonly message: string;
  /** Where in the patch, e.g. `spec.containers[1].env`; empty for the root. */
  readonly path: string;
}

export class StrategicMergeError extends Error implements StrategicMergeProblem {
  override readonly name = 'StrategicMergeError';

  constructor(
    readonly code: StrategicMergeErrorCode,
    message: string,
    readonly path: string,
  ) {
    super(path ? `${path}: ${message}` : message);
  }
}

export function fail(code: StrategicMergeErrorCode, path: string, message: string): never {
  throw new StrategicMergeError(code, message, path);
}

export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}
