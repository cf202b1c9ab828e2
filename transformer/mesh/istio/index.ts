/**
 * The built-in Istio preset: the pod template Istio 1.32's injector would produce with default
 * Helm values plus our config's knobs, without running Istio's Go templates.
 *
 * Pipeline (Istio's `injectPod`):
 * 1. validate annotations (any error: no injection) and the requested templates; pick the
 *    ProxyConfig CRs for the pod (root namespace: `istioNamespace`, as the chart's `rootNamespace`);
 * 2. render the sidecar template into a partial pod and strategic-merge it onto the pod;
 * 3. re-apply user `istio-proxy`/`istio-init` customizations on top (`overrides.ts`);
 * 4. post-process: cluster info, Prometheus merge, probe rewrite, status annotation, ordering.
 *
 * Injection policy (namespaces, opt-out, hostNetwork) and the undo record are the engine's job.
 */
import { isObject } from '../../kube/objects.js';
import { POD_TEMPLATE_SCHEMA, tryStrategicMerge, type StrategicMergeProblem } from '../../kube/strategic-merge/index.js';
import { decideIstio } from './decision.js';
import type { Result } from '../../results.js';
import { hasErrors } from '../../results.js';
import type { MeshPreset, MeshRenderInput, MeshRenderOutput, PodTemplate } from '../types.js';
import { clusterEnvs, withClusterEnvs } from './cluster-info.js';
import { buildContext } from './context.js';
import { ANN, LABEL } from './names.js';
import { moveUserProxyToInit, reapplyUserContainers } from './overrides.js';
import { joinPath, mapProxy, stringMap, withAnnotation, withLabel } from './pod-access.js';
import { checkIstioPod, ISTIO_CONTAINERS } from './pod-checks.js';
import { checkPreconditions } from './preconditions.js';
import { applyProbeRewrite } from './probe-rewrite.js';
import { applyPrometheusMerge } from './prometheus-merge.js';
import { podProxyConfigs } from './proxy-config-layers.js';
import { reorderContainers } from './ordering.js';
import { renderSidecar } from './sidecar-template.js';
import { injectionStatus, statusAnnotation } from './status.js';
import { checkTemplates } from './templates.js';
import { validateAnnotations } from './validate-annotations.js';

/** Istio's built-in preset. */
export const istioPreset: MeshPreset = { mesh: 'istio', render: renderIstio, decide: (input) => decideIstio(input), checkPod: checkIstioPod, containers: ISTIO_CONTAINERS };

function renderIstio(input: MeshRenderInput): MeshRenderOutput {
  const pod: PodTemplate = { metadata: input.pod.metadata ?? {}, spec: input.pod.spec };
  if (!isObject(pod.spec) || !Array.isArray(pod.spec.containers)) {
    return {
      pod: null,
      results: [{ severity: 'error', code: 'invalid-pod-spec', field: { path: joinPath(input.podPath, 'spec.containers') }, message: 'the pod template has no spec.containers list; add the containers to inject next to' }],
    };
  }
  const annotations = stringMap(pod.metadata.annotations);
  const results: Result[] = [...validateAnnotations(annotations, input.podPath), ...checkTemplates(annotations, input.podPath)];
  if (hasErrors(results)) return { pod: null, results };
  results.push(...checkPreconditions(pod.spec, input.podPath));

  const crs = podProxyConfigs(input, input.config.istio.istioNamespace);
  if (!crs.ok) return { pod: null, results: [...results, crs.result] };
  const ctx = buildContext({ ...input, pod }, crs.layers);
  const template = renderSidecar(ctx);
  // Nothing after modifies a pod in place: the result shares the user's untouched parts and the template's.
  const merged = tryStrategicMerge(ctx.native ? moveUserProxyToInit(pod, template) : pod, template, POD_TEMPLATE_SCHEMA, { shareOriginal: true, ownPatch: true });
  const reapplied = merged.ok ? reapplyUserContainers(merged.value, pod, template, ctx.proxyConfig) : merged;
  if (!reapplied.ok) return { pod: null, results: [...results, mergeFailure(reapplied.error, input.podPath)] };
  let out = reapplied.value;
  out = mapProxy(out, (proxy) => withClusterEnvs(proxy, clusterEnvs(ctx)));

  const metrics = applyPrometheusMerge(out, { enablePrometheusMerge: ctx.istio.enablePrometheusMerge, statusPort: ctx.meshStatusPort }, input.podPath);
  results.push(...metrics.results);
  if (!metrics.pod) return { pod: null, results };
  out = applyProbeRewrite(metrics.pod, { rewriteAppHTTPProbe: ctx.istio.rewriteAppHTTPProbe, statusPort: ctx.meshStatusPort });

  if (ctx.network !== '') out = withLabel(out, LABEL.network, ctx.network);
  out = withAnnotation(out, ANN.status, statusAnnotation(injectionStatus(template, ctx.istio.revision)));
  out = reorderContainers(out, ctx.hold);
  return { pod: out, results, ...(crs.applied.length > 0 ? { proxyConfigs: crs.applied } : {}) };
}

/** The pod cannot take the sidecar the way Istio's webhook merges it (Kubernetes rejects such a pod too). */
function mergeFailure(error: StrategicMergeProblem, podPath: string): Result {
  return {
    severity: 'error',
    code: 'invalid-pod-spec',
    field: { path: joinPath(podPath, 'spec') },
    message: `the sidecar cannot be merged into this pod template (strategic merge with the Pod schema, as Istio does it): ${error.message}; fix the pod template`,
  };
}
