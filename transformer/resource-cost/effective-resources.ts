/**
 * A pod's effective requests and limits as the scheduler counts them (Kubernetes'
 * `resourcehelper.PodRequests`/`PodLimits`, pod overhead aside): app containers and native
 * sidecars run together, while each classic init container runs alone beside the native sidecars
 * started before it, so the pod needs the larger of the two. A pod-level `spec.resources` amount
 * (PodLevelResources) is the pod's for that resource, whatever its containers say: a sidecar then
 * shares the pod's budget instead of adding to it. Pod overhead is left out: injecting does not
 * change it.
 */
import { QuantityError, scaledQuantity } from '../go/go-quantity.js';
import type { ContainerResources, PodResources } from './pod-resources.js';

export type ResourceName = 'cpu' | 'memory';
export const RESOURCE_NAMES: readonly ResourceName[] = ['cpu', 'memory'];

/** Millicores for cpu, bytes for memory; `unbounded` for a limit that is not set. */
export type Amount = bigint | 'unbounded';

export interface Amounts {
  cpu: Amount;
  memory: Amount;
}

/** Units: cpu in millicores (10^-3), memory in bytes (10^0). */
const SCALE: Readonly<Record<ResourceName, number>> = { cpu: -3, memory: 0 };

/** A quantity as written (string or number); invalid text counts as nothing (the API server refuses it anyway). */
export function quantityAmount(value: unknown, resource: ResourceName): bigint | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  try {
    return scaledQuantity(String(value), SCALE[resource]);
  } catch (error) {
    if (error instanceof QuantityError) return undefined;
    throw error;
  }
}

/** A container's request: its own, else its limit (the API server defaults one to the other), else 0. */
export function containerRequest(c: ContainerResources, resource: ResourceName): bigint {
  return quantityAmount(c.requests?.[resource], resource) ?? quantityAmount(c.limits?.[resource], resource) ?? 0n;
}

export function containerLimit(c: ContainerResources, resource: ResourceName): Amount {
  return quantityAmount(c.limits?.[resource], resource) ?? 'unbounded';
}

export function add(a: Amount, b: Amount): Amount {
  return a === 'unbounded' || b === 'unbounded' ? 'unbounded' : a + b;
}

function max(a: Amount, b: Amount): Amount {
  return a === 'unbounded' || b === 'unbounded' ? 'unbounded' : a > b ? a : b;
}

export function isNativeSidecar(c: ContainerResources): boolean {
  return c.restartPolicy === 'Always';
}

function effective(pod: PodResources, of: (c: ContainerResources) => Amount): Amount {
  let running: Amount = 0n;
  for (const c of pod.containers) running = add(running, of(c));
  let sidecars: Amount = 0n;
  let initPeak: Amount = 0n;
  for (const c of pod.initContainers) {
    if (isNativeSidecar(c)) {
      sidecars = add(sidecars, of(c));
      running = add(running, of(c));
      initPeak = max(initPeak, sidecars);
    } else {
      initPeak = max(initPeak, add(of(c), sidecars));
    }
  }
  return max(running, initPeak);
}

function podLevel(pod: PodResources, field: 'requests' | 'limits', resource: ResourceName): bigint | undefined {
  return quantityAmount(pod.pod?.[field]?.[resource], resource);
}

export function effectiveRequests(pod: PodResources): Amounts {
  const of = (resource: ResourceName) => podLevel(pod, 'requests', resource) ?? effective(pod, (c) => containerRequest(c, resource));
  return { cpu: of('cpu'), memory: of('memory') };
}

/** A pod without containers has no limit to speak of: 0, not unbounded. */
export function effectiveLimits(pod: PodResources): Amounts {
  const of = (resource: ResourceName) => podLevel(pod, 'limits', resource) ?? effective(pod, (c) => containerLimit(c, resource));
  return { cpu: of('cpu'), memory: of('memory') };
}

/**
 * `after - before`; `unbounded` when the injected pod has no limit but the original had one, and
 * also when neither has (the pod stays unbounded: there is no bound to compare).
 */
export function difference(after: Amount, before: Amount): Amount {
  if (after === 'unbounded' || before === 'unbounded') return 'unbounded';
  return after - before;
}
