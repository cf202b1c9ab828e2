/**
 * The part of a workload that decides what its pods cost: each container's resources (init
 * containers in order, with their restart policy) and what scales the pod (replicas, parallelism).
 * Extracted by the pipeline from the pristine and the injected pod template, so the cost is worked
 * out from what the injection really wrote, never by injecting again.
 */
import { isObject } from '../kube/objects.js';

export interface ContainerResources {
  name: string;
  /** `Always` for a native sidecar (a restartable init container). */
  restartPolicy?: string;
  requests?: Record<string, unknown>;
  limits?: Record<string, unknown>;
}

export interface PodResources {
  initContainers: ContainerResources[];
  containers: ContainerResources[];
  /** Pod-level `spec.resources` (Kubernetes' PodLevelResources): where set, it is the pod's amount. */
  pod?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
}

/** What multiplies one pod's cost, as written on the object. */
export interface WorkloadScale {
  kind: string;
  /** `spec.replicas`, a Job's `spec.parallelism`, a CronJob's `spec.jobTemplate.spec.parallelism`: absent when not written. */
  replicas?: unknown;
}

export interface WorkloadResources {
  pristine: PodResources;
  injected: PodResources;
  scale: WorkloadScale;
}

function containerResources(value: unknown): ContainerResources | undefined {
  if (!isObject(value)) return undefined;
  const resources = isObject(value.resources) ? value.resources : {};
  return {
    name: String(value.name ?? ''),
    ...(typeof value.restartPolicy === 'string' ? { restartPolicy: value.restartPolicy } : {}),
    ...(isObject(resources.requests) ? { requests: { ...resources.requests } } : {}),
    ...(isObject(resources.limits) ? { limits: { ...resources.limits } } : {}),
  };
}

function list(value: unknown): ContainerResources[] {
  return Array.isArray(value) ? value.flatMap((c) => containerResources(c) ?? []) : [];
}

/** The containers' resources of a pod template (or a Pod). */
export function podResources(pod: unknown): PodResources {
  const spec = isObject(pod) && isObject(pod.spec) ? pod.spec : {};
  const podLevel = isObject(spec.resources) ? spec.resources : undefined;
  const level = podLevel && {
    ...(isObject(podLevel.requests) ? { requests: { ...podLevel.requests } } : {}),
    ...(isObject(podLevel.limits) ? { limits: { ...podLevel.limits } } : {}),
  };
  return { initContainers: list(spec.initContainers), containers: list(spec.containers), ...(level ? { pod: level } : {}) };
}

function at(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) current = isObject(current) ? current[key] : undefined;
  return current;
}

/** Where the object says how many pods run at once. */
export function workloadScale(object: Record<string, unknown>): WorkloadScale {
  const kind = String(object.kind);
  const path = kind === 'Job' ? ['spec', 'parallelism'] : kind === 'CronJob' ? ['spec', 'jobTemplate', 'spec', 'parallelism'] : kind === 'Pod' || kind === 'DaemonSet' ? undefined : ['spec', 'replicas'];
  const replicas = path ? at(object, path) : undefined;
  return { kind, ...(replicas !== undefined ? { replicas } : {}) };
}

export function workloadResources(object: Record<string, unknown>, pristinePod: unknown, injectedPod: unknown): WorkloadResources {
  return { pristine: podResources(pristinePod), injected: podResources(injectedPod), scale: workloadScale(object) };
}
