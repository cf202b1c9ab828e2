/** Warnings about pods that will be injected but may not work (Istio's `checkPreconditions`). */
import type { PodSpec } from '../../kube/objects.js';
import type { Result } from '../../results.js';
import { joinPath } from './pod-access.js';

export function checkPreconditions(spec: PodSpec, podPath: string): Result[] {
  const dnsPolicy = spec.dnsPolicy;
  if (dnsPolicy === undefined || dnsPolicy === '' || dnsPolicy === 'ClusterFirst') return [];
  return [
    {
      severity: 'warning',
      code: 'dns-policy-not-cluster-first',
      field: { path: joinPath(podPath, 'spec.dnsPolicy') },
      message: `dnsPolicy is ${dnsPolicy}, not ClusterFirst: the Envoy sidecar may not be able to reach istiod; use dnsPolicy: ClusterFirst unless the pod really needs another policy`,
    },
  ];
}
