/** The labels and annotations an injection writes on the pod template. */
import type { ObjectMeta } from '../../kube/objects.js';
import { ANN, LABEL, OWNER_LABEL_KINDS } from './names.js';
import { sha256Hex } from './sha256.js';
import type { LinkerdValues } from './values.js';

export interface Owner {
  kind: string;
  name: string;
  namespace: string;
}

/**
 * `linkerd.io/control-plane-ns`, `linkerd.io/proxy-<kind>` (workload owners only), `linkerd.io/workload-ns`.
 * The proxy injector names no CronJob owner (`linkerd inject` does, from the manifest).
 */
export function injectedLabels(values: LinkerdValues, owner: Owner, origin: 'cli' | 'webhook'): Record<string, string> {
  const labels: Record<string, string> = { [LABEL.controlPlaneNs]: values.linkerdNamespace };
  const kind = owner.kind.toLowerCase();
  if (OWNER_LABEL_KINDS.has(kind) && !(origin === 'webhook' && kind === 'cronjob')) labels[`linkerd.io/proxy-${kind}`] = owner.name;
  labels[LABEL.workloadNs] = owner.namespace;
  return labels;
}

/** `linkerd.io/created-by`, `linkerd.io/proxy-version`, `linkerd.io/trust-root-sha256`. */
export function injectedAnnotations(values: LinkerdValues, createdBy: string): Record<string, string> {
  return {
    [ANN.createdBy]: createdBy,
    [ANN.proxyVersion]: values.proxy.image.version || values.linkerdVersion,
    [ANN.trustRootSha256]: sha256Hex(values.identityTrustAnchorsPEM),
  };
}

/** `meta` with `added` set: keys already there keep their place, new ones follow in sorted order. */
export function withEntries(map: Readonly<Record<string, string>> | undefined, added: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = { ...(map ?? {}) };
  for (const key of Object.keys(added).sort()) out[key] = added[key]!;
  return out;
}

export function withMetadata(meta: ObjectMeta, labels: Record<string, string>, annotations: Record<string, string>): ObjectMeta {
  const out: ObjectMeta = { ...meta };
  if (Object.keys(annotations).length > 0) out.annotations = annotations;
  if (Object.keys(labels).length > 0) out.labels = labels;
  return out;
}
