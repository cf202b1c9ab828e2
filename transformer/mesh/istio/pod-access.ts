/** Small immutable accessors for pod templates shared by the post-processing steps. */
import type { Container } from '../../kube/objects.js';
import type { PodTemplate } from '../types.js';
import { PROXY_CONTAINER } from './names.js';

/** A result field path below the pod template (`spec.template` + `metadata.annotations.x`). */
export function joinPath(podPath: string, rest: string): string {
  return podPath === '' ? rest : `${podPath}.${rest}`;
}

export function findContainer(list: readonly Container[] | undefined, name: string): Container | undefined {
  return (list ?? []).find((c) => c.name === name);
}

/** The proxy, wherever it is (classic container first, then native init container). */
export function findProxy(pod: PodTemplate): Container | undefined {
  return findContainer(pod.spec.containers, PROXY_CONTAINER) ?? findContainer(pod.spec.initContainers, PROXY_CONTAINER);
}

/** Replace the proxy container by `update(proxy)`. */
export function mapProxy(pod: PodTemplate, update: (proxy: Container) => Container): PodTemplate {
  const map = (list: Container[] | undefined): Container[] | undefined =>
    list?.map((c) => (c.name === PROXY_CONTAINER ? update(c) : c));
  const containers = map(pod.spec.containers);
  const initContainers = map(pod.spec.initContainers);
  return {
    ...pod,
    spec: { ...pod.spec, ...(containers ? { containers } : {}), ...(initContainers ? { initContainers } : {}) },
  };
}

export function withAnnotation(pod: PodTemplate, name: string, value: string): PodTemplate {
  return { ...pod, metadata: { ...pod.metadata, annotations: { ...pod.metadata.annotations, [name]: value } } };
}

export function withLabel(pod: PodTemplate, name: string, value: string): PodTemplate {
  return { ...pod, metadata: { ...pod.metadata, labels: { ...pod.metadata.labels, [name]: value } } };
}

/**
 * Annotations or labels as strings: Kubernetes only allows strings, but a manifest may hold an
 * unquoted number or boolean (`proxyCPU: 2`); read it as the API server would be asked to store it.
 */
export function stringMap(map: Readonly<Record<string, unknown>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(map ?? {})) if (v !== null && v !== undefined) out[k] = typeof v === 'string' ? v : String(v);
  return out;
}
