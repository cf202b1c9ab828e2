/**
 * Istio's records of Kubernetes values as JSON text, in the key order Go writes them
 * (`go/go-json-text.ts`): user containers in `proxy.istio.io/overrides` and the probe actions in
 * `ISTIO_KUBE_APP_PROBERS`.
 */
import { goJsonStringify, goOrdered } from '../../go/go-json-text.js';

/** A container as Go marshals `corev1.Container`: `resources` (a value struct) always present. */
export function containerJson(container: object): string {
  return goJsonStringify(goOrdered({ resources: {}, ...container }, 'core.Container'));
}

/** Istio's `status.Prober` (pilot-agent): one probe action and its timeout, in its field order. */
const PROBER_FIELDS: ReadonlyArray<readonly [string, string]> = [
  ['httpGet', 'core.HTTPGetAction'],
  ['tcpSocket', 'core.TCPSocketAction'],
  ['grpc', 'core.GRPCAction'],
  ['timeoutSeconds', 'int32'],
];

/** A prober as Go marshals it; keys it does not know keep their order after the known ones. */
export function proberJson(prober: unknown): string {
  if (typeof prober !== 'object' || prober === null || Array.isArray(prober)) return goJsonStringify(prober);
  const value = prober as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, type] of PROBER_FIELDS) if (Object.hasOwn(value, key)) out[key] = goOrdered(value[key], type);
  for (const key of Object.keys(value)) if (!Object.hasOwn(out, key)) out[key] = goOrdered(value[key], undefined);
  return goJsonStringify(out);
}
