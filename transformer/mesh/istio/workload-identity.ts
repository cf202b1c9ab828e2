/**
 * Who owns the pod, as Istio's template sees it (`.DeploymentMeta`, `.TypeMeta`): the top-level
 * workload, except for a bare Pod with `generateName` and a controller ownerReference, where
 * Istio's `GetDeployMetaFromPod` heuristics name the controller instead
 * (ReplicaSet + `pod-template-hash` => Deployment, RC + `deploymentconfig` label => DeploymentConfig,
 * Job `<name>-<8..10 digits>` => CronJob).
 */
import type { OwnerReference } from '../../kube/objects.js';
import type { PodTemplate, WorkloadInfo } from '../types.js';

export interface WorkloadIdentity {
  apiVersion: string;
  kind: string;
  name: string;
  namespace: string;
}

const CRONJOB_JOB_NAME = /^(.+)-\d{8,10}$/;

export function workloadIdentity(workload: WorkloadInfo, pod: PodTemplate): WorkloadIdentity {
  const base = { apiVersion: workload.apiVersion, kind: workload.kind, name: workload.name, namespace: workload.namespace };
  if (workload.kind !== 'Pod' || workload.apiVersion !== 'v1') return base;
  const meta = pod.metadata;
  if (!meta.generateName) return base;
  const controller = (meta.ownerReferences ?? []).find((ref: OwnerReference) => ref.controller === true);
  if (!controller) return base;
  const labels = meta.labels ?? {};
  const id = { ...base, apiVersion: controller.apiVersion, kind: controller.kind, name: controller.name || workload.name };
  const hash = labels['pod-template-hash'];
  const rolloutHash = labels['rollouts-pod-template-hash'];
  if (controller.kind === 'ReplicaSet' && hash && controller.name.endsWith(hash)) {
    return { ...id, kind: 'Deployment', name: trimSuffix(controller.name, `-${hash}`) };
  }
  if (controller.kind === 'ReplicaSet' && rolloutHash && controller.name.endsWith(rolloutHash)) {
    return { ...id, kind: 'Rollout', apiVersion: 'v1alpha1', name: trimSuffix(controller.name, `-${rolloutHash}`) };
  }
  if (controller.kind === 'ReplicationController' && labels.deploymentconfig) {
    return { ...id, kind: 'DeploymentConfig', name: labels.deploymentconfig };
  }
  if (controller.kind === 'Job') {
    const m = CRONJOB_JOB_NAME.exec(controller.name);
    if (m) return { ...id, kind: 'CronJob', apiVersion: 'batch/v1', name: m[1]! };
  }
  return id;
}

/** `kubernetes://apis/<apiVersion>/namespaces/<ns>/<kind>s/<name>` (ISTIO_META_OWNER). */
export function ownerURI(id: WorkloadIdentity): string | undefined {
  if (!id.apiVersion || !id.name) return undefined;
  const ns = id.namespace === '' ? 'default' : id.namespace;
  return `kubernetes://apis/${id.apiVersion}/namespaces/${ns}/${id.kind.toLowerCase()}s/${id.name}`;
}

function trimSuffix(value: string, suffix: string): string {
  return value.endsWith(suffix) ? value.slice(0, -suffix.length) : value;
}
