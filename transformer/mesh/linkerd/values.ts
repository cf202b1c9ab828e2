/**
 * The Helm values Linkerd's injection reads (linkerd-control-plane chart keys). Only the keys the
 * proxy injector's templates use are typed; a values document may hold any others, which are kept
 * and ignored.
 */
import type { EnvVar } from '../../kube/objects.js';

export interface LinkerdImage {
  name: string;
  pullPolicy: string;
  version: string;
}

export interface LinkerdResourcePair {
  limit: string;
  request: string;
}

export interface LinkerdResources {
  cpu: LinkerdResourcePair;
  memory: LinkerdResourcePair;
  'ephemeral-storage': LinkerdResourcePair;
}

export interface LinkerdCapabilities {
  add?: string[];
  drop?: string[];
}

/** `proxy.inbound` / `proxy.outbound`: scope → protocol → parameter → value (rendered as env). */
export type LinkerdProxyParams = Record<string, Record<string, Record<string, unknown>>>;

/** A volume mount the injected containers share with the app (the service account token's). */
export interface LinkerdMountPath {
  name: string;
  mountPath: string;
  readOnly: boolean;
}

export interface LinkerdProxyValues {
  enableExternalProfiles: boolean;
  outboundConnectTimeout: string;
  inboundConnectTimeout: string;
  outboundDiscoveryCacheUnusedTimeout: string;
  inboundDiscoveryCacheUnusedTimeout: string;
  disableOutboundProtocolDetectTimeout: boolean;
  disableInboundProtocolDetectTimeout: boolean;
  image: LinkerdImage;
  enableShutdownEndpoint: boolean;
  logLevel: string;
  logFormat: string;
  logHTTPHeaders: string;
  ports: { admin: number; control: number; inbound: number; outbound: number };
  /** Deprecated fixed core count (wins over `runtime.workers` when set). */
  cores: number | null;
  runtime: { workers: { minimum: number | null; maximum?: number | null; maximumCPURatio: number | null } };
  resources: LinkerdResources;
  uid: number;
  gid: number;
  securityContext: Record<string, unknown> | null;
  capabilities?: LinkerdCapabilities | null;
  waitBeforeExitSeconds: number;
  await: boolean;
  requireIdentityOnInboundPorts: string;
  opaquePorts: string;
  shutdownGracePeriod: string;
  defaultInboundPolicy: string;
  outboundTransportMode: string;
  nativeSidecar: boolean;
  isIngress?: boolean;
  isGateway?: boolean;
  accessLog?: string;
  /** Proxies of the control plane itself (`linkerd-destination`, `linkerd-identity`) talk to localhost. */
  component?: string;
  /** Control-plane pods read the trust roots from the `linkerd-identity-trust-roots` ConfigMap. */
  loadTrustBundleFromConfigMap?: boolean;
  livenessProbe: { initialDelaySeconds: number; timeoutSeconds: number };
  readinessProbe: { initialDelaySeconds: number; timeoutSeconds: number };
  startupProbe: { initialDelaySeconds: number; periodSeconds: number; failureThreshold: number };
  control: { streams: { initialTimeout: string; idleTimeout: string; lifetime: string } };
  metrics: { hostnameLabels: boolean };
  tracing: {
    enabled: boolean;
    protocol?: string;
    traceServiceName: string;
    labels: Record<string, string>;
    collector: { endpoint: string; meshIdentity: { serviceAccountName: string; namespace: string } };
  };
  /** Set by the injection: the ports the pod declares (`LINKERD2_PROXY_INBOUND_PORTS`). */
  podInboundPorts?: string;
  /** Set by the injection: the app's service account token mount, shared with the proxy. */
  saMountPath?: LinkerdMountPath | null;
  additionalEnv?: EnvVar[] | null;
  experimentalEnv?: EnvVar[] | null;
  inbound: LinkerdProxyParams;
  outbound: LinkerdProxyParams;
}

export interface LinkerdProxyInitValues {
  iptablesMode: string;
  ignoreInboundPorts: string;
  ignoreOutboundPorts: string;
  kubeAPIServerPorts: string;
  skipSubnets: string;
  logLevel: string;
  logFormat: string;
  closeWaitTimeoutSecs: number;
  privileged: boolean;
  runAsRoot: boolean;
  runAsUser: number;
  runAsGroup: number;
  xtMountPath: { mountPath: string; name: string };
  capabilities?: LinkerdCapabilities | null;
  saMountPath?: LinkerdMountPath | null;
}

export interface LinkerdNetworkValidatorValues {
  logLevel: string;
  logFormat: string;
  connectAddr: string;
  listenAddr: string;
  timeout: string;
  enableSecurityContext?: boolean;
  securityContext: Record<string, unknown> | null;
}

export interface LinkerdValues {
  /** The control plane's namespace (Helm's release namespace; not a chart key). */
  linkerdNamespace: string;
  linkerdVersion: string;
  clusterDomain: string;
  clusterNetworks: string;
  imagePullPolicy: string;
  cniEnabled: boolean;
  disableIPv6: boolean;
  identityTrustAnchorsPEM: string;
  identityTrustDomain: string;
  identity: { serviceAccountTokenProjection: boolean };
  proxy: LinkerdProxyValues;
  proxyInit: LinkerdProxyInitValues;
  networkValidator: LinkerdNetworkValidatorValues;
  debugContainer: { image: LinkerdImage };
}
