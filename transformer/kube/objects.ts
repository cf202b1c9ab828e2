/** Kubernetes object shapes used by the core, and helpers for plain data (what YAML parses to). */
export type * from 'kubernetes-types/core/v1.js';
export type { ObjectMeta, OwnerReference } from 'kubernetes-types/meta/v1.js';
export type { Validation, ValidatingAdmissionPolicy, ValidatingAdmissionPolicyBinding, Variable } from 'kubernetes-types/admissionregistration/v1.js';

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep copy of plain data (what YAML parses to); much cheaper than `structuredClone` for it. */
export function cloneData<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneData) as T;
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) out[key] = cloneData(value[key]);
    return out as T;
  }
  return value;
}
