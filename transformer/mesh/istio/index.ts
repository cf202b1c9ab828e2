/**
 * The built-in Istio preset: the pod template Istio 1.32's injector would produce with default
 * Helm values plus our config's knobs, without running Istio's Go templates.
 *
 * Pipeline (Istio's `injectPod`):
 * 1. validate annotations (any error: no injection) and the requested templates;
 * 2. render the sidecar template into a partial pod and strategic-merge it onto the pod;
 * 3. re-apply user `istio-proxy`/`istio-init` customizations on top (`overrides.ts`);
 * 4. post-process: cluster info, Prometheus merge, probe rewrite, status annotation, ordering.
 *
 * Injection policy (namespaces, opt-out, hostNetwork) and the undo record are the engine's job.
 */
import type { Result } from '../../results.js';
import { hasErrors } from '../../results.js';
import type { MeshPreset, MeshRenderInput, MeshRenderOutput, PodTemplate } from '../types.js';
import { clusterEnvs, withClusterEnvs } from './cluster-info.js';
import { buildContext, type RenderContext } from './context.js';
import { parseGoInt } from './go-compat.js';
import { strategicMerge } from './merge.js';
import { ANN, LABEL } from './names.js';
import { moveUserProxyToInit, reapplyUserContainers } from './overrides.js';
import { mapProxy, withAnnotation, withLabel } from './pod-access.js';
import { checkPreconditions, joinPath } from './preconditions.js';
import { dumpAppProbers, PROBERS_ENV, rewriteAppProbes, shouldRewriteProbes } from './probe-rewrite.js';
import { PROMETHEUS_ENV, prometheusMerge } from './prometheus-merge.js';
import { reorderContainers } from './ordering.js';
import { renderSidecar } from './sidecar-template.js';
import { injectionStatus, statusAnnotation } from './status.js';
import { checkTemplates } from './templates.js';
import { validateAnnotations } from './validate-annotations.js';

export const istioPreset: MeshPreset = (input: MeshRenderInput): MeshRenderOutput => {
  const pod: PodTemplate = { metadata: input.pod.metadata ?? {}, spec: input.pod.spec };
  const annotations = pod.metadata.annotations ?? {};
  const results: Result[] = [...validateAnnotations(annotations, input.podPath), ...checkTemplates(annotations, input.podPath)];
  if (hasErrors(results)) return { pod: null, results };
  results.push(...checkPreconditions(pod.spec, input.podPath));

  const ctx = buildContext({ ...input, pod });
  const template = renderSidecar(ctx);
  let out = strategicMerge(ctx.native ? moveUserProxyToInit(pod, template) : pod, template);
  out = reapplyUserContainers(out, pod, template, ctx);
  out = mapProxy(out, (proxy) => withClusterEnvs(proxy, clusterEnvs(ctx)));

  const merged = mergePrometheus(out, ctx, input.podPath, results);
  if (!merged) return { pod: null, results };
  out = rewriteProbes(merged, ctx);

  if (ctx.network !== '') out = withLabel(out, LABEL.network, ctx.network);
  out = withAnnotation(out, ANN.status, statusAnnotation(injectionStatus(template, ctx.istio.revision)));
  out = reorderContainers(out, ctx.hold);
  return { pod: out, results };
};

function mergePrometheus(pod: PodTemplate, ctx: RenderContext, podPath: string, results: Result[]): PodTemplate | undefined {
  const outcome = prometheusMerge(pod.metadata.annotations ?? {}, ctx.istio.enablePrometheusMerge, ctx.meshStatusPort);
  if (outcome.kind === 'unchanged') return pod;
  if (outcome.kind === 'error') {
    results.push({
      severity: 'error',
      code: 'invalid-annotation',
      field: { path: joinPath(podPath, `metadata.annotations.${outcome.annotation}`) },
      message: `invalid value '${outcome.value}' for annotation '${outcome.annotation}': ${outcome.message}`,
    });
    return undefined;
  }
  for (const warning of outcome.warnings) {
    results.push({ severity: 'warning', code: 'unknown-annotation-value', field: { path: joinPath(podPath, 'metadata.annotations') }, message: warning });
  }
  const withAnnotations: PodTemplate = { ...pod, metadata: { ...pod.metadata, annotations: outcome.annotations } };
  const env = outcome.env;
  if (env === undefined) return withAnnotations;
  return mapProxy(withAnnotations, (proxy) => ({ ...proxy, env: [...(proxy.env ?? []), { name: PROMETHEUS_ENV, value: env }] }));
}

function rewriteProbes(pod: PodTemplate, ctx: RenderContext): PodTemplate {
  const annotations = pod.metadata.annotations ?? {};
  if (!shouldRewriteProbes(annotations, ctx.istio.rewriteAppHTTPProbe)) return pod;
  const probers = dumpAppProbers(pod, ctx.meshStatusPort);
  const withProbers = probers === undefined
    ? pod
    : mapProxy(pod, (proxy) => ({ ...proxy, env: [...(proxy.env ?? []), { name: PROBERS_ENV, value: probers }] }));
  const annotated = annotations[ANN.statusPort];
  const statusPort = annotated === undefined ? ctx.meshStatusPort : (parseGoInt(annotated) ?? 0);
  return rewriteAppProbes(withProbers, statusPort);
}
