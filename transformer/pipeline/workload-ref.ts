/** Who a workload object is, for reports and for the mesh preset: reference, namespace, labels. */
import { isObject } from '../kube/objects.js';
import type { WorkloadInfo } from '../mesh/types.js';
import type { ResourceRef } from '../results.js';

export function workloadNamespace(object: Record<string, unknown>, defaultNamespace: string): string {
  const metadata = isObject(object.metadata) ? object.metadata : {};
  return typeof metadata.namespace === 'string' && metadata.namespace ? metadata.namespace : defaultNamespace;
}

export function refOf(object: Record<string, unknown>, namespace: string): ResourceRef {
  const metadata = isObject(object.metadata) ? object.metadata : {};
  return {
    apiVersion: String(object.apiVersion),
    kind: String(object.kind),
    name: String(metadata.name ?? metadata.generateName ?? ''),
    namespace,
  };
}

function labelsOf(object: Record<string, unknown>): Record<string, string> {
  const metadata = isObject(object.metadata) ? object.metadata : {};
  return (isObject(metadata.labels) ? metadata.labels : {}) as Record<string, string>;
}

/** What the mesh preset is told about the object that owns the pod template. */
export function workloadInfo(object: Record<string, unknown>, ref: ResourceRef, namespace: string): WorkloadInfo {
  return { apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name, namespace, labels: labelsOf(object) };
}
