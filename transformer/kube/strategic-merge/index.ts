/** Kubernetes strategic merge patch driven by a patch-metadata table (Pod built in). */
export { strategicMerge, tryStrategicMerge, type MergeOptions, type MergeOutcome } from './merge.js';
export { StrategicMergeError, type StrategicMergeErrorCode, type StrategicMergeProblem } from './errors.js';
export { POD_SCHEMA, POD_TEMPLATE_SCHEMA, UNTYPED_SCHEMA } from './schema.js';
export { patchMetaAt } from './lookup.js';
export { schemaProblems } from './check-schema.js';
export { DELETE_FROM_PRIMITIVE_LIST, PATCH, RETAIN_KEYS, SET_ELEMENT_ORDER, isDirectiveKey } from './directives.js';
export type { FieldPatchMeta, PatchSchema, PatchStrategy, TypePatchMeta } from './schema-types.js';
