/**
 * Resources of `istio-proxy` and `istio-init`/`istio-validation`.
 * Any of the four `sidecar.istio.io/proxy{CPU,Memory}[Limit]` annotations replaces the configured
 * resources ENTIRELY (Istio PR #34823); otherwise the configured ones are used with `null`
 * entries dropped (Istio's `omitNil`), and maps left empty by that dropped too.
 */
import type { ResourceRequirements as K8sResources } from '../../kube/objects.js';
import type { ResourceRequirements } from '../../inject-config.js';
import { ANN } from './names.js';

const RESOURCE_ANNOTATIONS = [ANN.proxyCPU, ANN.proxyMemory, ANN.proxyCPULimit, ANN.proxyMemoryLimit];

export function proxyResources(
  annotations: Readonly<Record<string, string>>,
  configured: ResourceRequirements,
): K8sResources | undefined {
  if (RESOURCE_ANNOTATIONS.some((a) => a in annotations)) return fromAnnotations(annotations);
  return omitNil(configured);
}

function fromAnnotations(annotations: Readonly<Record<string, string>>): K8sResources {
  const out: K8sResources = {};
  const requests = pick({ cpu: annotations[ANN.proxyCPU], memory: annotations[ANN.proxyMemory] });
  const limits = pick({ cpu: annotations[ANN.proxyCPULimit], memory: annotations[ANN.proxyMemoryLimit] });
  if (requests) out.requests = requests;
  if (limits) out.limits = limits;
  return out;
}

function pick(entries: Record<string, string | undefined>): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(entries)) if (v !== undefined) out[k] = v;
  return Object.keys(out).length > 0 ? out : undefined;
}

function omitNil(resources: ResourceRequirements): K8sResources | undefined {
  const out: K8sResources = {};
  const keys = Object.keys(resources).filter((k): k is 'limits' | 'requests' => k === 'limits' || k === 'requests');
  for (const key of keys) {
    const list = resources[key];
    if (!list) continue;
    const kept: Record<string, string> = {};
    for (const [name, quantity] of Object.entries(list)) if (quantity !== null) kept[name] = quantity;
    if (Object.keys(kept).length > 0) out[key] = kept;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
