/**
 * HorizontalPodAutoscalers in the run's input: a workload one targets (`scaleTargetRef` kind and
 * name, same namespace) runs as many pods as the autoscaler decides, not `spec.replicas`.
 */
import { isObject } from '../kube/objects.js';

export interface HpaTarget {
  /** The HPA's own name. */
  name: string;
  /** `metadata.namespace` as written; absent means the default namespace. */
  namespace?: string;
  kind: string;
  targetName: string;
  minReplicas?: number;
  maxReplicas?: number;
}

function hpaOf(object: Record<string, unknown>): HpaTarget | undefined {
  if (object.kind !== 'HorizontalPodAutoscaler' || !isObject(object.spec) || !isObject(object.spec.scaleTargetRef)) return undefined;
  const { spec } = object;
  const ref = spec.scaleTargetRef as Record<string, unknown>;
  const metadata = isObject(object.metadata) ? object.metadata : {};
  if (typeof ref.kind !== 'string' || typeof ref.name !== 'string') return undefined;
  return {
    name: String(metadata.name ?? ''),
    ...(typeof metadata.namespace === 'string' && metadata.namespace ? { namespace: metadata.namespace } : {}),
    kind: ref.kind,
    targetName: ref.name,
    ...(typeof spec.minReplicas === 'number' ? { minReplicas: spec.minReplicas } : {}),
    ...(typeof spec.maxReplicas === 'number' ? { maxReplicas: spec.maxReplicas } : {}),
  };
}

/** The HPAs of parsed objects (`kind: List` items too). */
export function collectHpaTargets(objects: readonly unknown[], into: HpaTarget[] = []): HpaTarget[] {
  for (const object of objects) {
    if (!isObject(object)) continue;
    if (object.kind === 'List' && Array.isArray(object.items)) collectHpaTargets(object.items, into);
    const hpa = hpaOf(object);
    if (hpa) into.push(hpa);
  }
  return into;
}
