/**
 * HorizontalPodAutoscalers in the run's input: a workload one targets (`scaleTargetRef` kind and
 * name, same namespace) runs as many pods as the autoscaler decides, not `spec.replicas`.
 */
import { isObject } from '../kube/objects.js';
import { parseManifest, toPlainData } from '../yaml/parse-document.js';
import { splitDocuments } from '../yaml/split-documents.js';

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

const HPA_KIND = /["']?kind["']?\s*:\s*["']?HorizontalPodAutoscaler\b/;

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

/** From a YAML stream; other documents are not parsed, malformed ones are left to the transform to report. */
export function hpaTargetsFromText(text: string, into: HpaTarget[] = []): HpaTarget[] {
  if (!HPA_KIND.test(text)) return into;
  for (const slice of splitDocuments(text) ?? [{ text, line: 0 }]) {
    if (!HPA_KIND.test(slice.text)) continue;
    const { parsed, problems } = parseManifest(slice.text);
    if (problems.length) continue;
    try {
      collectHpaTargets([toPlainData(parsed.doc)], into);
    } catch {
      // Reported when the file is transformed.
    }
  }
  return into;
}
