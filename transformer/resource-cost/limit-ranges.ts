/**
 * `LimitRange` objects of the run's input: the LimitRanger admission plugin gives a container
 * (init containers too) that sets no request or limit for a resource the namespace's defaults, so
 * a proxy without resources (Linkerd's default) costs what the namespace says, not nothing.
 *
 * A `type: Container` item's defaults, as the API server stores them (`SetDefaults_LimitRangeItem`):
 * `default` falls back to `max`; `defaultRequest` to `default`, then to `min`. Per container and
 * resource: the limit, if unset, is the first LimitRange's `default`; the request, if unset and
 * not defaulted from the container's own limit, the first one's `defaultRequest`.
 */
import { isObject } from '../kube/objects.js';
import { RESOURCE_NAMES, type ResourceName } from './effective-resources.js';
import type { ContainerResources, PodResources, WorkloadResources } from './pod-resources.js';

type Defaults = Partial<Record<ResourceName, unknown>>;

export interface LimitRangeDefaults {
  name: string;
  /** `metadata.namespace` as written; absent means the default namespace. */
  namespace?: string;
  /** Default limits. */
  limits: Defaults;
  /** Default requests. */
  requests: Defaults;
}

function pick(value: unknown): Defaults {
  if (!isObject(value)) return {};
  return Object.fromEntries(RESOURCE_NAMES.flatMap((r) => (value[r] !== undefined ? [[r, value[r]]] : [])));
}

function limitRangeOf(object: Record<string, unknown>): LimitRangeDefaults | undefined {
  if (object.kind !== 'LimitRange' || !isObject(object.spec) || !Array.isArray(object.spec.limits)) return undefined;
  const metadata = isObject(object.metadata) ? object.metadata : {};
  const limits: Defaults = {};
  const requests: Defaults = {};
  for (const item of object.spec.limits) {
    if (!isObject(item) || item.type !== 'Container') continue;
    const itemLimits = { ...pick(item.max), ...pick(item.default) };
    const itemRequests = { ...pick(item.min), ...itemLimits, ...pick(item.defaultRequest) };
    for (const r of RESOURCE_NAMES) {
      if (limits[r] === undefined && itemLimits[r] !== undefined) limits[r] = itemLimits[r];
      if (requests[r] === undefined && itemRequests[r] !== undefined) requests[r] = itemRequests[r];
    }
  }
  if (Object.keys(limits).length + Object.keys(requests).length === 0) return undefined;
  return {
    name: String(metadata.name ?? ''),
    ...(typeof metadata.namespace === 'string' && metadata.namespace ? { namespace: metadata.namespace } : {}),
    limits,
    requests,
  };
}

/** The LimitRanges with container defaults of parsed objects (`kind: List` items too). */
export function collectLimitRanges(objects: readonly unknown[], into: LimitRangeDefaults[] = []): LimitRangeDefaults[] {
  for (const object of objects) {
    if (!isObject(object)) continue;
    if (object.kind === 'List' && Array.isArray(object.items)) collectLimitRanges(object.items, into);
    const range = limitRangeOf(object);
    if (range) into.push(range);
  }
  return into;
}

export function limitRangesFor(namespace: string | undefined, ranges: readonly LimitRangeDefaults[], defaultNamespace: string): LimitRangeDefaults[] {
  const target = namespace || defaultNamespace;
  return ranges.filter((r) => (r.namespace ?? defaultNamespace) === target);
}

function withDefaults(c: ContainerResources, ranges: readonly LimitRangeDefaults[]): ContainerResources {
  const requests = { ...c.requests };
  const limits = { ...c.limits };
  for (const r of RESOURCE_NAMES) {
    // the API server defaults a request from the container's own limit before admission
    if (requests[r] === undefined && limits[r] !== undefined) requests[r] = limits[r];
    for (const range of ranges) {
      if (limits[r] === undefined && range.limits[r] !== undefined) limits[r] = range.limits[r];
      if (requests[r] === undefined && range.requests[r] !== undefined) requests[r] = range.requests[r];
    }
  }
  return {
    ...c,
    ...(Object.keys(requests).length ? { requests } : {}),
    ...(Object.keys(limits).length ? { limits } : {}),
  };
}

function podWithDefaults(pod: PodResources, ranges: readonly LimitRangeDefaults[]): PodResources {
  return { ...pod, initContainers: pod.initContainers.map((c) => withDefaults(c, ranges)), containers: pod.containers.map((c) => withDefaults(c, ranges)) };
}

/** Both pods as the API server admits them in a namespace with these LimitRanges. */
export function withLimitRangeDefaults(resources: WorkloadResources, ranges: readonly LimitRangeDefaults[]): WorkloadResources {
  if (ranges.length === 0) return resources;
  return { ...resources, pristine: podWithDefaults(resources.pristine, ranges), injected: podWithDefaults(resources.injected, ranges) };
}
