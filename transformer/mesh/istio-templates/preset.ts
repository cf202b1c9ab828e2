/**
 * Template mode as a `MeshPreset`: the engine's pristine pod template rendered with the config's
 * cluster inputs (`istio.cluster`). Knobs come from the config as the built-in preset reads them;
 * istiod's environment (compliance policy, OpenShift) is not known offline and stays off. The run's
 * ProxyConfig CRs apply as in the webhook (`../istio/proxy-config-layers.ts`).
 *
 * Deliberate difference from Istio kept from the built-in preset: a pod whose only container is
 * a user `istio-proxy` gets a classic sidecar (native sidecars would leave `containers: []`),
 * unless its own `sidecar.istio.io/nativeSidecar` annotation asks for native.
 */
import { nativeSidecarsByConfig } from '../istio/native.js';
import { PROXY_CONTAINER } from '../istio/names.js';
import { checkIstioPod, ISTIO_CONTAINERS } from '../istio/pod-checks.js';
import { podProxyConfigs } from '../istio/proxy-config-layers.js';
import type { MeshPreset, MeshRenderInput, MeshRenderOutput } from '../types.js';
import { injectorPolicy, parseClusterInputs } from './inputs.js';
import { decideIstio } from '../istio/decision.js';
import { renderWithTemplates } from './render.js';
import type { ClusterInputs } from './types.js';

export function templatePreset(inputs: ClusterInputs): MeshPreset {
  const render = (input: MeshRenderInput): MeshRenderOutput => {
    const containers = Array.isArray(input.pod.spec?.containers) ? input.pod.spec.containers : [];
    const hasApp = containers.some((c) => c.name !== PROXY_CONTAINER);
    const crs = podProxyConfigs(input, rootNamespace(inputs));
    if (!crs.ok) return { pod: null, results: [crs.result] };
    const output = withDefaultedVolumes(renderWithTemplates({
      pod: input.pod,
      workload: input.workload,
      inputs,
      podPath: input.podPath,
      proxyConfigs: crs.layers,
      knobs: {
        revision: input.config.istio.revision,
        nativeSidecars: hasApp && nativeSidecarsByConfig(input.config),
        compliancePolicy: '',
        openshift: false,
        namespaceAnnotations: {},
      },
    }));
    return output.pod && crs.applied.length > 0 ? { ...output, proxyConfigs: crs.applied } : output;
  };
  // The injector config's policy and selectors decide too (Istio's injectRequired).
  const injector = injectorPolicy(inputs);
  return { mesh: 'istio', render, decide: (input) => decideIstio(input, injector), checkPod: checkIstioPod, containers: ISTIO_CONTAINERS };
}

/** The mesh config's `rootNamespace`: a ProxyConfig CR there without a selector applies mesh-wide. */
function rootNamespace(inputs: ClusterInputs): string {
  const parsed = parseClusterInputs(inputs);
  const root = parsed.ok ? parsed.inputs.mesh.rootNamespace : undefined;
  return typeof root === 'string' ? root : '';
}

/**
 * A volume the templates write without a source (`- name: workload-socket`, `emptyDir: null` in
 * the template) is what the API server stores as `emptyDir: {}`; `inject` writes that, while
 * `kube-inject` keeps Istio's byte-exact form.
 */
function withDefaultedVolumes(output: MeshRenderOutput): MeshRenderOutput {
  const volumes = output.pod?.spec.volumes;
  if (!output.pod || !volumes?.some((v) => Object.keys(v).length === 1)) return output;
  const defaulted = volumes.map((v) => (Object.keys(v).length === 1 ? { ...v, emptyDir: {} } : v));
  return { ...output, pod: { ...output.pod, spec: { ...output.pod.spec, volumes: defaulted } } };
}

