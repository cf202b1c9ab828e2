/** The pod templates of a manifest stream, as `linkerd inject` finds them (List items included). */
import { parseAllDocuments } from 'yaml';
import { goRoundTrip } from '../../../../transformer/go/go-roundtrip.js';
import { isObject } from '../../../../transformer/kube/objects.js';
import type { PodTemplate } from '../../../../transformer/mesh/types.js';
import type { LinkerdOwner } from '../../../../transformer/mesh/linkerd/index.js';

export interface FoundPod {
  owner: LinkerdOwner;
  pod: PodTemplate;
}

const TEMPLATE_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicaSet', 'ReplicationController']);

export function podTemplatesOf(text: string): FoundPod[] {
  const found: FoundPod[] = [];
  for (const doc of parseAllDocuments(text)) {
    if ('errors' in doc && doc.errors.length > 0) throw new Error(doc.errors[0]!.message);
    collect(doc.toJS(), found);
  }
  return found;
}

function collect(object: unknown, found: FoundPod[]): void {
  if (!isObject(object)) return;
  const kind = typeof object.kind === 'string' ? object.kind : '';
  const meta = isObject(object.metadata) ? object.metadata : {};
  const spec = isObject(object.spec) ? object.spec : {};
  const owner = { kind, name: String(meta.name ?? meta.generateName ?? ''), namespace: String(meta.namespace ?? '') };
  if (kind === 'List' && Array.isArray(object.items)) {
    for (const item of object.items) collect(item, found);
  } else if (TEMPLATE_KINDS.has(kind) && isObject(spec.template)) {
    found.push({ owner, pod: spec.template as unknown as PodTemplate });
  } else if (kind === 'CronJob') {
    const template = (spec.jobTemplate as { spec?: { template?: unknown } } | undefined)?.spec?.template;
    if (isObject(template)) found.push({ owner, pod: template as unknown as PodTemplate });
  } else if (kind === 'Pod') {
    found.push({ owner, pod: { metadata: meta, spec } as unknown as PodTemplate });
  }
}

/**
 * What Linkerd's Go re-serialisation does to the parts it did not write (the user's): empty
 * `resources`, `creationTimestamp: null` and other nulls, `omitempty` zero values disappear. Applied
 * to both sides of a comparison, so the core (which keeps the user's text) is compared on what it decides.
 */
export function goNormalized(pod: unknown): unknown {
  return withoutEmpty(goRoundTrip(pod, 'core.PodTemplateSpec', undefined));
}

/** Only the nulls and empty blocks of the user's parts dropped: what the injection writes is compared as written. */
export function nullsDropped(pod: unknown): unknown {
  return withoutEmpty(pod);
}

function withoutEmpty(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => withoutEmpty(v));
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === null || v === undefined) continue;
    if ((k === 'resources' || k === 'strategy') && isObject(v) && Object.keys(v).length === 0) continue;
    out[k] = withoutEmpty(v, k);
  }
  if (key === 'metadata' && Object.keys(out).length === 0) return undefined;
  return out;
}

/** The first path where two values differ, for a readable mismatch line. */
export function firstDifference(a: unknown, b: unknown, path = ''): string | undefined {
  if (a === b) return undefined;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (isObject(a) && isObject(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference(a[k], b[k], path ? `${path}.${k}` : k);
      if (d) return d;
    }
    return undefined;
  }
  return `${path}: got ${JSON.stringify(a)?.slice(0, 200)}, want ${JSON.stringify(b)?.slice(0, 200)}`;
}
