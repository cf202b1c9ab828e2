/**
 * The normalized configuration the core works from. `config/` reads and validates
 * `.mesh-injectrc` (or a KRM functionConfig) and produces this shape with every default filled in.
 */
import type { Container, Volume } from './kube/objects.js';

export type MeshName = 'istio' | 'linkerd' | 'none';

export interface InjectConfig {
  /** Which built-in mesh preset to inject; `none` injects only `sidecars`. */
  mesh: MeshName;
  /** Minimum kubelet version of the target cluster, `MAJOR.MINOR` (decides native sidecars under `auto`). */
  kubernetesVersion: string;
  /** Namespace assumed for objects without `metadata.namespace`. */
  defaultNamespace: string;
  istio: IstioConfig;
  linkerd: LinkerdConfig;
  namespaces: NamespaceSelection;
  sidecars: SidecarConfig[];
  workloads: WorkloadKind[];
  files: FileSelection;
}

export interface IstioConfig {
  /** Image registry, e.g. `docker.io/istio`. */
  hub: string;
  /** Proxy image tag, e.g. `1.32.0`. */
  tag: string;
  /** Control-plane revision; `''` is the default revision (rendered as `default`). */
  revision: string;
  /** Inject `istio-proxy` as a native sidecar (init container with `restartPolicy: Always`). */
  nativeSidecars: boolean | 'auto';
  /** Istio CNI is installed: inject `istio-validation` instead of the privileged `istio-init`. */
  cni: boolean;
  /** Start the application only once the proxy is ready. */
  holdApplicationUntilProxyStarts: boolean;
  /** Namespace of istiod (`global.istioNamespace`). */
  istioNamespace: string;
  /** `global.proxy.clusterDomain`. */
  clusterDomain: string;
  /** Mesh `trustDomain`. */
  trustDomain: string;
  /** `global.meshID`; empty means the trust domain. */
  meshId: string;
  /** `global.multiCluster.clusterName` (ISTIO_META_CLUSTER_ID); empty means `Kubernetes`. */
  clusterName: string;
  /** `global.network`; empty for a single network. */
  network: string;
  /** `global.imagePullPolicy`; empty leaves it to Kubernetes. */
  imagePullPolicy: '' | 'Always' | 'IfNotPresent' | 'Never';
  /** `global.imagePullSecrets`. */
  imagePullSecrets: string[];
  /** `global.proxy.resources` (requests/limits for istio-proxy and istio-init). */
  proxyResources: ResourceRequirements;
  /** `global.proxy.logLevel`. */
  logLevel: string;
  /** `global.proxy.componentLogLevel`. */
  componentLogLevel: string;
  /** `global.logging.level` (pilot-agent and istio-iptables `--log_output_level`). */
  agentLogLevel: string;
  /** `sidecarInjectorWebhook.rewriteAppHTTPProbe`. */
  rewriteAppHTTPProbe: boolean;
  /** Mesh `enablePrometheusMerge`. */
  enablePrometheusMerge: boolean;
  /** Paths (relative to the rc file) of the cluster's own injection inputs; when set, templates replace the preset. */
  injector?: string;
  meshConfig?: string;
  values?: string;
  /** The texts of `injector`/`meshConfig`/`values` (read by `config/load.ts`, or ConfigMaps in a KRM ResourceList): template mode. */
  cluster?: ClusterInputs;
}

export interface LinkerdConfig {
  /** Linkerd version whose built-in chart defaults apply when no `values` are given (the proxy image tag). */
  version: string;
  /** Path of the control plane's values: the `linkerd-config` ConfigMap manifest or a Helm values file. */
  values?: string;
  /** The identity trust anchors (PEM), when no `values` are given. */
  identityTrustAnchorsPEM?: string;
  /** Path of a PEM file with the trust anchors, instead of `identityTrustAnchorsPEM`. */
  identityTrustAnchorsFile?: string;
  /** The texts of `values` / `identityTrustAnchorsFile` (read by `config/load.ts`, or a ConfigMap in a KRM ResourceList). */
  inputs?: LinkerdInputs;
}

/** The Linkerd control plane's settings as texts, with where they came from. */
export interface LinkerdInputs {
  values?: SourceText;
  trustAnchors?: SourceText;
}

export interface ResourceRequirements {
  requests?: Record<string, string | null>;
  limits?: Record<string, string | null>;
}

export interface NamespaceSelection {
  /** Globs of namespaces whose workloads are injected. */
  inject: string[];
  /** Globs of namespaces never injected (wins over `inject`). */
  skip: string[];
}

interface SidecarSelector {
  matchLabels?: Record<string, string>;
  kinds?: string[];
  namespaces?: string[];
}

export interface SidecarConfig {
  name: string;
  selector: SidecarSelector;
  containers: Container[];
  initContainers: Container[];
  volumes: Volume[];
  annotations: Record<string, string>;
  labels: Record<string, string>;
  /** Inject `containers` as native sidecars (init containers with `restartPolicy: Always`). */
  native: boolean;
  /** Inject nothing; its names stay the injection's, so `inject` removes what an earlier run added. */
  retired?: boolean;
}

export interface WorkloadKind {
  /** `group/version`, or `group/*` for any version. */
  apiVersion: string;
  kind: string;
  /** Dotted path from the object root to the pod template, e.g. `spec.template`. */
  podTemplate: string;
}

export interface FileSelection {
  include: string[];
  exclude: string[];
}

/** A file's text and where it came from (for error positions). */
export interface SourceText {
  path: string;
  text: string;
}

/**
 * The cluster's injection inputs, as texts. Each may be the ConfigMap manifest itself
 * (`istio-sidecar-injector` with `data.config`/`data.values`, `istio` with `data.mesh`) or just
 * the content of that data key.
 */
export interface ClusterInputs {
  injector: SourceText;
  values?: SourceText;
  meshConfig?: SourceText;
}
