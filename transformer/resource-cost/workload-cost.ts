/**
 * What an injection adds to one workload: the injected containers' own requests and limits, the
 * added effective requests and limits of one pod, and that times the pods the workload runs.
 */
import type { ResourceRef } from '../results.js';
import type { CostInputs } from './cost-inputs.js';
import { add, containerLimit, containerRequest, difference, effectiveLimits, effectiveRequests, isNativeSidecar, type Amount, type Amounts } from './effective-resources.js';
import type { HpaTarget } from './hpa-targets.js';
import { limitRangesFor, withLimitRangeDefaults, type LimitRangeDefaults } from './limit-ranges.js';
import type { ContainerResources, WorkloadResources, WorkloadScale } from './pod-resources.js';

export interface InjectedContainer {
  name: string;
  /** `init` for a classic init container, `sidecar` for a native sidecar, `container` for an app-level one. */
  role: 'init' | 'sidecar' | 'container';
  requests: Amounts;
  limits: Amounts;
}

export interface Replicas {
  /** Pods the cost is multiplied by: replicas, parallelism, 1 for a Pod or a DaemonSet. */
  count: number;
  /** A DaemonSet: one pod per node, the total is per node. */
  perNode?: true;
  /** Targeted by a HorizontalPodAutoscaler in the input: the count changes at run time. */
  scales?: { hpa: string; minReplicas?: number; maxReplicas?: number };
}

export interface WorkloadCost {
  resourceRef: ResourceRef;
  containers: InjectedContainer[];
  /** Added to the effective requests/limits of one pod. */
  perPod: { requests: Amounts; limits: Amounts };
  replicas: Replicas;
  /** `perPod` times `replicas.count`. */
  total: { requests: Amounts; limits: Amounts };
  /** The LimitRanges of the input whose defaults the containers were given, by name. */
  limitRanges?: string[];
}

function amounts(c: ContainerResources, of: typeof containerRequest | typeof containerLimit): Amounts {
  return { cpu: of(c, 'cpu'), memory: of(c, 'memory') };
}

/**
 * Containers in the injected pod that the pristine pod does not have with the same resources (by
 * name, per list): the added ones, and one the manifest declared under an injected name that the
 * injection filled in (Istio merges its `istio-proxy` over the manifest's).
 */
export function injectedContainers(resources: WorkloadResources): InjectedContainer[] {
  const { pristine, injected } = resources;
  const all = [...pristine.initContainers, ...pristine.containers];
  const same = (c: ContainerResources) => all.some((p) => p.name === c.name && JSON.stringify([p.requests, p.limits]) === JSON.stringify([c.requests, c.limits]));
  const init = injected.initContainers.filter((c) => !same(c));
  const app = injected.containers.filter((c) => !same(c));
  return [
    ...init.map((c) => ({ name: c.name, role: isNativeSidecar(c) ? 'sidecar' as const : 'init' as const, requests: amounts(c, containerRequest), limits: amounts(c, containerLimit) })),
    ...app.map((c) => ({ name: c.name, role: 'container' as const, requests: amounts(c, containerRequest), limits: amounts(c, containerLimit) })),
  ];
}

function times(a: Amounts, n: number): Amounts {
  const scale = (x: Amount): Amount => (x === 'unbounded' ? x : x * BigInt(n));
  return { cpu: scale(a.cpu), memory: scale(a.memory) };
}

export function addAmounts(a: Amounts, b: Amounts): Amounts {
  return { cpu: add(a.cpu, b.cpu), memory: add(a.memory, b.memory) };
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 1;
}

/** The HPA that targets this workload: same kind and name, same namespace (absent = the default namespace). */
export function hpaFor(ref: ResourceRef, hpas: readonly HpaTarget[], defaultNamespace: string): HpaTarget | undefined {
  return hpas.find((h) => h.kind === ref.kind && h.targetName === ref.name && (h.namespace ?? defaultNamespace) === ref.namespace);
}

export function replicasOf(scale: WorkloadScale, hpa: HpaTarget | undefined): Replicas {
  const replicas: Replicas = { count: scale.kind === 'Pod' || scale.kind === 'DaemonSet' ? 1 : count(scale.replicas) };
  if (scale.kind === 'DaemonSet') replicas.perNode = true;
  if (hpa) {
    replicas.scales = { hpa: hpa.name, ...(hpa.minReplicas !== undefined ? { minReplicas: hpa.minReplicas } : {}), ...(hpa.maxReplicas !== undefined ? { maxReplicas: hpa.maxReplicas } : {}) };
  }
  return replicas;
}

/** @param limitRanges those of the workload's namespace (`limitRangesFor`), applied to both pods as the API server would */
export function workloadCost(resourceRef: ResourceRef, written: WorkloadResources, hpa?: HpaTarget, limitRanges: readonly LimitRangeDefaults[] = []): WorkloadCost {
  const resources = withLimitRangeDefaults(written, limitRanges);
  const perPod = {
    requests: diff(effectiveRequests(resources.injected), effectiveRequests(resources.pristine)),
    limits: diff(effectiveLimits(resources.injected), effectiveLimits(resources.pristine)),
  };
  const replicas = replicasOf(resources.scale, hpa);
  return {
    resourceRef,
    containers: injectedContainers(resources),
    perPod,
    replicas,
    total: { requests: times(perPod.requests, replicas.count), limits: times(perPod.limits, replicas.count) },
    ...(limitRanges.length ? { limitRanges: limitRanges.map((r) => r.name) } : {}),
  };
}

function diff(after: Amounts, before: Amounts): Amounts {
  return { cpu: difference(after.cpu, before.cpu), memory: difference(after.memory, before.memory) };
}

/** What a run's workload report (`pipeline/document-run.ts` WorkloadReport) gives the cost. */
export interface CostedReport {
  code: string;
  resourceRef: ResourceRef;
  resources?: WorkloadResources;
}

/** The cost of each workload a run leaves injected (newly, again, or already up to date), with the input's HPAs and LimitRanges. */
export function workloadCosts(reports: readonly CostedReport[], inputs: CostInputs, defaultNamespace: string): WorkloadCost[] {
  return reports.flatMap((w) => {
    if (w.code !== 'injected' || !w.resources) return [];
    const hpa = hpaFor(w.resourceRef, inputs.hpas, defaultNamespace);
    return [workloadCost(w.resourceRef, w.resources, hpa, limitRangesFor(w.resourceRef.namespace, inputs.limitRanges, defaultNamespace))];
  });
}
