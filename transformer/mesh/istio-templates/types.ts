/**
 * Contract of template mode: injecting with the cluster's own `istio-sidecar-injector`
 * ConfigMap (templates + values) and `istio` mesh config instead of the built-in preset.
 */
import type { Result } from '../../results.js';
import type { ProxyConfigLayers } from '../istio/proxy-config-layers.js';
import type { PodTemplate, WorkloadInfo } from '../types.js';

export type { ClusterInputs, SourceText } from '../../inject-config.js';
import type { ClusterInputs } from '../../inject-config.js';
import type { LabelSelector } from '../../kube/label-selector.js';

/** The policy part of the injector config (`policy`, `neverInjectSelector`, `alwaysInjectSelector`). */
export interface InjectorPolicy {
  policy: string;
  neverInjectSelector: LabelSelector[];
  alwaysInjectSelector: LabelSelector[];
}


/** Knobs Istio takes from istiod's environment or the cluster, not from the ConfigMaps. */
export interface TemplateKnobs {
  /** Control-plane revision; '' = default. */
  revision: string;
  /** The effective native-sidecar decision before the pod annotation (`ENABLE_NATIVE_SIDECARS` / kubelet versions). */
  nativeSidecars: boolean;
  /** `COMPLIANCE_POLICY` of istiod (e.g. `fips-140-3`); '' for none. */
  compliancePolicy: string;
  /** `PLATFORM=openshift`: proxy UID/GID from the namespace's SCC annotations. */
  openshift: boolean;
  /** The workload's Namespace object annotations (OpenShift SCC ranges), when known. */
  namespaceAnnotations: Readonly<Record<string, string>>;
  /** istiod's environment, as the templates' `env KEY DEFAULT` reads it (default: empty). */
  env?: Readonly<Record<string, string>>;
}

/** What differs between executions of the same parsed templates: passed to each (`Template.execute`), never stored. */
export interface TemplateContext {
  /** istiod's environment, as `env KEY DEFAULT` reads it. */
  readonly env: Readonly<Record<string, string>>;
}

export interface TemplateRenderInput {
  pod: PodTemplate;
  workload: WorkloadInfo;
  inputs: ClusterInputs;
  knobs: TemplateKnobs;
  /** Dotted path of the pod template in its object, for result field paths. */
  podPath: string;
  /** The ProxyConfig CRs that apply to the pod (webhook); kube-inject gives none, as istioctl ignores them. */
  proxyConfigs?: ProxyConfigLayers;
}

export interface TemplateRenderOutput {
  pod: PodTemplate | null;
  results: Result[];
}

export type TemplateRenderer = (input: TemplateRenderInput) => TemplateRenderOutput;
