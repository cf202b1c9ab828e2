/** Names Linkerd's injection reads and writes: annotations, labels, containers, volumes. */

const CONFIG = 'config.linkerd.io';
const ALPHA = 'config.alpha.linkerd.io';
const BETA = 'config.beta.linkerd.io';

/** `config.linkerd.io/*` (and alpha/beta) annotations that configure the proxy. */
export const CONFIG_ANN = {
  adminPort: `${CONFIG}/admin-port`,
  controlPort: `${CONFIG}/control-port`,
  enableDebugSidecar: `${CONFIG}/enable-debug-sidecar`,
  enableExternalProfiles: `${CONFIG}/enable-external-profiles`,
  imagePullPolicy: `${CONFIG}/image-pull-policy`,
  inboundPort: `${CONFIG}/inbound-port`,
  outboundPort: `${CONFIG}/outbound-port`,
  podInboundPorts: `${CONFIG}/pod-inbound-ports`,
  cpuLimit: `${CONFIG}/proxy-cpu-limit`,
  cpuRequest: `${CONFIG}/proxy-cpu-request`,
  cpuRatioLimit: `${CONFIG}/proxy-cpu-ratio-limit`,
  image: `${CONFIG}/proxy-image`,
  adminShutdown: `${CONFIG}/proxy-admin-shutdown`,
  logFormat: `${CONFIG}/proxy-log-format`,
  logLevel: `${CONFIG}/proxy-log-level`,
  logHttpHeaders: `${CONFIG}/proxy-log-http-headers`,
  memoryLimit: `${CONFIG}/proxy-memory-limit`,
  memoryRequest: `${CONFIG}/proxy-memory-request`,
  ephemeralStorageLimit: `${CONFIG}/proxy-ephemeral-storage-limit`,
  ephemeralStorageRequest: `${CONFIG}/proxy-ephemeral-storage-request`,
  uid: `${CONFIG}/proxy-uid`,
  gid: `${CONFIG}/proxy-gid`,
  version: `${CONFIG}/proxy-version`,
  requireIdentityInboundPorts: `${CONFIG}/proxy-require-identity-inbound-ports`,
  skipInboundPorts: `${CONFIG}/skip-inbound-ports`,
  skipOutboundPorts: `${CONFIG}/skip-outbound-ports`,
  opaquePorts: `${CONFIG}/opaque-ports`,
  hostnameLabels: `${CONFIG}/proxy-metrics-hostname-labels`,
  outboundConnectTimeout: `${CONFIG}/proxy-outbound-connect-timeout`,
  inboundConnectTimeout: `${CONFIG}/proxy-inbound-connect-timeout`,
  outboundDiscoveryCacheUnusedTimeout: `${CONFIG}/proxy-outbound-discovery-cache-unused-timeout`,
  inboundDiscoveryCacheUnusedTimeout: `${CONFIG}/proxy-inbound-discovery-cache-unused-timeout`,
  disableOutboundProtocolDetectTimeout: `${CONFIG}/proxy-disable-outbound-protocol-detect-timeout`,
  disableInboundProtocolDetectTimeout: `${CONFIG}/proxy-disable-inbound-protocol-detect-timeout`,
  await: `${CONFIG}/proxy-await`,
  defaultInboundPolicy: `${CONFIG}/default-inbound-policy`,
  skipSubnets: `${CONFIG}/skip-subnets`,
  accessLog: `${CONFIG}/access-log`,
  shutdownGracePeriod: `${CONFIG}/shutdown-grace-period`,
  nativeSidecar: `${CONFIG}/proxy-enable-native-sidecar`,
  nativeSidecarBeta: `${BETA}/proxy-enable-native-sidecar`,
  nativeSidecarAlpha: `${ALPHA}/proxy-enable-native-sidecar`,
  additionalEnv: `${CONFIG}/proxy-additional-env`,
  waitBeforeExitSeconds: `${ALPHA}/proxy-wait-before-exit-seconds`,
  enableGateway: `${CONFIG}/enable-gateway`,
  closeWaitTimeout: `${CONFIG}/close-wait-timeout`,
  debugImage: `${CONFIG}/debug-image`,
  debugImageVersion: `${CONFIG}/debug-image-version`,
  debugImagePullPolicy: `${CONFIG}/debug-image-pull-policy`,
} as const;

/**
 * The annotations a pod inherits from its Namespace when it does not set them itself (Linkerd's
 * `ProxyAnnotations`, the alpha ones, and `linkerd.io/inject`).
 */
export const NAMESPACE_INHERITED: readonly string[] = [
  CONFIG_ANN.adminPort, CONFIG_ANN.controlPort, CONFIG_ANN.enableDebugSidecar, CONFIG_ANN.enableExternalProfiles,
  CONFIG_ANN.imagePullPolicy, CONFIG_ANN.inboundPort, CONFIG_ANN.outboundPort, CONFIG_ANN.podInboundPorts,
  CONFIG_ANN.cpuLimit, CONFIG_ANN.cpuRequest, CONFIG_ANN.image, CONFIG_ANN.adminShutdown, CONFIG_ANN.logFormat,
  CONFIG_ANN.logLevel, CONFIG_ANN.logHttpHeaders, CONFIG_ANN.memoryLimit, CONFIG_ANN.memoryRequest,
  CONFIG_ANN.ephemeralStorageLimit, CONFIG_ANN.ephemeralStorageRequest, CONFIG_ANN.uid, CONFIG_ANN.gid,
  CONFIG_ANN.version, CONFIG_ANN.requireIdentityInboundPorts, CONFIG_ANN.skipInboundPorts, CONFIG_ANN.opaquePorts,
  CONFIG_ANN.skipOutboundPorts, CONFIG_ANN.hostnameLabels, CONFIG_ANN.outboundConnectTimeout,
  CONFIG_ANN.inboundConnectTimeout, CONFIG_ANN.await, CONFIG_ANN.defaultInboundPolicy, CONFIG_ANN.skipSubnets,
  CONFIG_ANN.accessLog, CONFIG_ANN.shutdownGracePeriod, CONFIG_ANN.outboundDiscoveryCacheUnusedTimeout,
  CONFIG_ANN.inboundDiscoveryCacheUnusedTimeout, CONFIG_ANN.disableOutboundProtocolDetectTimeout,
  CONFIG_ANN.disableInboundProtocolDetectTimeout, CONFIG_ANN.nativeSidecar, CONFIG_ANN.additionalEnv,
  CONFIG_ANN.waitBeforeExitSeconds, CONFIG_ANN.nativeSidecarAlpha,
  'linkerd.io/inject',
];

/** `linkerd.io/*`: the prefix `linkerd uninject` strips from labels and annotations. */
export const LINKERD_PREFIX = 'linkerd.io';

export const ANN = {
  inject: 'linkerd.io/inject',
  createdBy: 'linkerd.io/created-by',
  proxyVersion: 'linkerd.io/proxy-version',
  trustRootSha256: 'linkerd.io/trust-root-sha256',
} as const;

export const LABEL = {
  controlPlaneNs: 'linkerd.io/control-plane-ns',
  workloadNs: 'linkerd.io/workload-ns',
  controlPlaneComponent: 'linkerd.io/control-plane-component',
} as const;

/** The pod label naming the owner, by owner kind (lowercased kind; CronJob included). */
export const OWNER_LABEL_KINDS: ReadonlySet<string> = new Set(['deployment', 'replicationcontroller', 'replicaset', 'job', 'daemonset', 'statefulset', 'cronjob']);

export const INJECT = { enabled: 'enabled', disabled: 'disabled', ingress: 'ingress' } as const;

export const PROXY_CONTAINER = 'linkerd-proxy';
export const INIT_CONTAINER = 'linkerd-init';
export const VALIDATOR_CONTAINER = 'linkerd-network-validator';
export const DEBUG_CONTAINER = 'linkerd-debug';

export const VOLUME = {
  identity: 'linkerd-identity-end-entity',
  token: 'linkerd-identity-token',
  xtablesLock: 'linkerd-proxy-init-xtables-lock',
  podinfo: 'linkerd-podinfo',
} as const;

export const SERVICE_ACCOUNT_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

export const DEFAULT_INBOUND_POLICIES: readonly string[] = ['all-unauthenticated', 'all-authenticated', 'cluster-unauthenticated', 'cluster-authenticated', 'deny', 'audit'];
