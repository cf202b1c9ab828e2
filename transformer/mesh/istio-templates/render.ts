/**
 * Template mode: a pod rendered with the cluster's own injection templates, the way Istio's
 * `injectPod` does it (`RunTemplate`, `reapplyOverwrittenContainers`, `postProcessPod`):
 *
 * 1. validate annotations (any error: no injection); warn about the DNS policy; on OpenShift, drop
 *    a user `istio-proxy`'s `runAsUser`/`runAsGroup` when it equals the application's (webhook);
 * 2. effective ProxyConfig (mesh `defaultConfig`, the run's ProxyConfig CRs, `proxy.istio.io/config`;
 *    `../istio/proxy-config-layers.ts`), cluster and network
 *    (values, the pod's `topology.istio.io/network` label);
 * 3. the template data (`template-data.ts`) from the pod with any previous injection stripped;
 * 4. per selected template: execute, parse the YAML (empty is fine), strategic-merge it onto the
 *    accumulated template pod and onto the pod (a user `istio-proxy` moves to `initContainers`
 *    first when the template injects a native sidecar);
 * 5. the user's own `istio-proxy`/`istio-init` fields re-applied on top (`image: auto`), recorded
 *    in `proxy.istio.io/overrides`; uid/gid fix-ups;
 * 6. cluster/network env, Prometheus merge, probe rewrite, network label, status annotation (all
 *    the templates produced), the injector config's `injectedAnnotations`, container order.
 *
 * Steps 1, 5 and 6 are the built-in preset's own functions (`../istio/`).
 */
import type { DeepReadonly } from '../../data/deep-readonly.js';
import { isObject } from '../../kube/objects.js';
import type { Result } from '../../results.js';
import { hasErrors } from '../../results.js';
import { withClusterEnvs } from '../istio/cluster-info.js';
import { holdRequested } from '../istio/hold.js';
import { ANN, LABEL } from '../istio/names.js';
import { reorderContainers } from '../istio/ordering.js';
import { reapplyUserContainers } from '../istio/overrides.js';
import { joinPath, mapProxy, stringMap, withAnnotation, withLabel } from '../istio/pod-access.js';
import { checkPreconditions } from '../istio/preconditions.js';
import { applyProbeRewrite } from '../istio/probe-rewrite.js';
import { applyPrometheusMerge } from '../istio/prometheus-merge.js';
import { parseProxyConfigAnnotation, type ProxyConfig } from '../istio/proxy-config.js';
import { applyProxyConfigLayers, type ProxyConfigLayers } from '../istio/proxy-config-layers.js';
import { injectionStatus, statusAnnotation } from '../istio/status.js';
import { validateAnnotations } from '../istio/validate-annotations.js';
import type { PodTemplate } from '../types.js';
import { applyTemplates } from './apply-templates.js';
import { parseClusterInputs, valuesCopy, type ParsedInputs } from './inputs.js';
import { proxyIDs, resetProxyUserOnOpenShift } from './openshift.js';
import { templateFailure } from './run-template.js';
import { selectTemplates } from './select-templates.js';
import { stripPreviousInjection } from './strip-pod.js';
import { sidecarTemplateData } from './template-data.js';
import type { TemplateRenderer, TemplateRenderInput, TemplateRenderOutput } from './types.js';

const DEFAULT_STATUS_PORT = 15020;

export const renderWithTemplates: TemplateRenderer = (input: TemplateRenderInput): TemplateRenderOutput => {
  const parsed = parseClusterInputs(input.inputs);
  if (!parsed.ok) return { pod: null, results: parsed.results };
  const cluster = parsed.inputs;
  const given: PodTemplate = { metadata: input.pod.metadata ?? {}, spec: input.pod.spec };
  if (!isObject(given.spec) || !Array.isArray(given.spec.containers)) {
    const message = 'the pod template has no spec.containers list; add the containers to inject next to';
    return { pod: null, results: [{ severity: 'error', code: 'invalid-pod-spec', field: { path: joinPath(input.podPath, 'spec.containers') }, message }] };
  }
  const original = input.knobs.openshift ? resetProxyUserOnOpenShift(given) : given;
  const annotations = stringMap(original.metadata.annotations);
  const results: Result[] = validateAnnotations(annotations, input.podPath);
  if (hasErrors(results)) return { pod: null, results };
  results.push(...checkPreconditions(original.spec, input.podPath));

  const proxyConfig = effectiveProxyConfig(cluster, annotations, input.proxyConfigs);
  const statusPort = typeof proxyConfig.statusPort === 'number' ? proxyConfig.statusPort : DEFAULT_STATUS_PORT;
  const proxyEnvs = clusterAndNetwork(cluster, stringMap(original.metadata.labels));

  const stripped = stripPreviousInjection(original, statusPort);
  if (!stripped.ok) return { pod: null, results: [...results, templateFailure(cluster, stripped.message)] };
  const ids = proxyIDs(input.knobs.openshift, input.knobs.namespaceAnnotations);
  const data = sidecarTemplateData({
    pod: stripped.pod,
    workload: input.workload,
    proxyConfig,
    mesh: cluster.mesh,
    values: valuesCopy(cluster),
    settings: cluster.settings,
    revision: input.knobs.revision,
    nativeSidecars: input.knobs.nativeSidecars,
    proxyUID: ids.uid,
    proxyGID: ids.gid,
    compliancePolicy: input.knobs.compliancePolicy,
    messages: cluster.cache,
  });

  const selection = selectTemplates(annotations, cluster.injector);
  if (!selection.ok) {
    const field = annotations[ANN.templates] === undefined ? undefined : joinPath(input.podPath, `metadata.annotations.${ANN.templates}`);
    return { pod: null, results: [...results, templateFailure(cluster, selection.message, field)] };
  }

  const applied = applyTemplates(cluster, selection.names, data, original, input.knobs.nativeSidecars, { env: input.knobs.env ?? {} });
  if (!applied.ok) return { pod: null, results: [...results, applied.result] };
  const { merged, templatePod } = applied;

  const reapplied = reapplyUserContainers(merged, original, templatePod, proxyConfig, stripped.previous);
  if (!reapplied.ok) return { pod: null, results: [...results, templateFailure(cluster, `failed to re-apply container: strategic merge: ${reapplied.error.message}`)] };
  let out = reapplied.value;
  if (Object.keys(proxyEnvs).length > 0) out = mapProxy(out, (proxy) => withClusterEnvs(proxy, proxyEnvs));
  const metrics = applyPrometheusMerge(out, { enablePrometheusMerge: cluster.mesh.enablePrometheusMerge !== false, statusPort }, input.podPath);
  results.push(...metrics.results);
  if (!metrics.pod) return { pod: null, results };
  out = applyProbeRewrite(metrics.pod, {
    rewriteAppHTTPProbe: cluster.settings.rewriteAppHTTPProbe,
    statusPort,
    previouslyInjected: stripped.previous !== undefined,
  });

  const network = proxyEnvs.ISTIO_META_NETWORK;
  if (network !== undefined) out = withLabel(out, LABEL.network, network);
  out = withAnnotation(out, ANN.status, statusAnnotation(injectionStatus(templatePod, input.knobs.revision)));
  for (const [key, value] of Object.entries(cluster.injector.injectedAnnotations)) out = withAnnotation(out, key, value);
  out = reorderContainers(out, holdRequested(cluster.settings.holdApplicationUntilProxyStarts, proxyConfig));
  return { pod: out, results };
};

/** Mesh `defaultConfig`, ProxyConfig CRs and the pod's `proxy.istio.io/config` (validated already), by Istio's precedence. */
function effectiveProxyConfig(cluster: ParsedInputs, annotations: Readonly<Record<string, string>>, crs: ProxyConfigLayers | undefined): DeepReadonly<ProxyConfig> {
  const meshDefault = (cluster.mesh.defaultConfig ?? {}) as DeepReadonly<ProxyConfig>;
  const text = annotations[ANN.proxyConfig];
  const parsed = text === undefined ? undefined : parseProxyConfigAnnotation(text);
  return applyProxyConfigLayers(meshDefault, parsed?.ok ? parsed.overlay : undefined, crs);
}

/**
 * Istio's `extractClusterAndNetwork`: values' cluster name and network, the pod's network label
 * winning; what is set becomes proxy env (`ISTIO_META_CLUSTER_ID`, `ISTIO_META_NETWORK`).
 */
function clusterAndNetwork(cluster: ParsedInputs, labels: Readonly<Record<string, string>>): Record<string, string> {
  const envs: Record<string, string> = {};
  const network = Object.hasOwn(labels, LABEL.network) ? labels[LABEL.network]! : cluster.settings.network;
  if (cluster.settings.clusterName !== '') envs.ISTIO_META_CLUSTER_ID = cluster.settings.clusterName;
  if (network !== '') envs.ISTIO_META_NETWORK = network;
  return envs;
}

