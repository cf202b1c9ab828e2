/**
 * The linkerd-control-plane chart's defaults for the keys the injection reads, as of the built-in
 * version (edge-26.8.3 / version-2.20). `linkerdVersion` is the release the images default to.
 */
import type { LinkerdValues } from './values.js';

export const BUILTIN_LINKERD_VERSION = 'edge-26.8.3';

const resourcePair = () => ({ limit: '', request: '' });

/** A fresh copy of the defaults (callers may change it). */
export function chartDefaults(): LinkerdValues {
  return {
    linkerdNamespace: 'linkerd',
    linkerdVersion: BUILTIN_LINKERD_VERSION,
    clusterDomain: 'cluster.local',
    clusterNetworks: '10.0.0.0/8,100.64.0.0/10,172.16.0.0/12,192.168.0.0/16,fd00::/8',
    imagePullPolicy: 'IfNotPresent',
    cniEnabled: false,
    disableIPv6: true,
    identityTrustAnchorsPEM: '',
    identityTrustDomain: '',
    identity: { serviceAccountTokenProjection: true },
    proxy: {
      enableExternalProfiles: false,
      outboundConnectTimeout: '1000ms',
      inboundConnectTimeout: '100ms',
      outboundDiscoveryCacheUnusedTimeout: '5s',
      inboundDiscoveryCacheUnusedTimeout: '90s',
      disableOutboundProtocolDetectTimeout: false,
      disableInboundProtocolDetectTimeout: false,
      image: { name: 'cr.l5d.io/linkerd/proxy', pullPolicy: '', version: '' },
      enableShutdownEndpoint: false,
      logLevel: 'warn,linkerd=info,hickory=error',
      logFormat: 'plain',
      logHTTPHeaders: 'off',
      ports: { admin: 4191, control: 4190, inbound: 4143, outbound: 4140 },
      cores: null,
      runtime: { workers: { maximumCPURatio: null, minimum: 1 } },
      resources: { cpu: resourcePair(), memory: resourcePair(), 'ephemeral-storage': resourcePair() },
      uid: 2102,
      gid: -1,
      securityContext: {},
      waitBeforeExitSeconds: 0,
      await: true,
      requireIdentityOnInboundPorts: '',
      opaquePorts: '25,587,3306,4444,5432,6379,9300,11211',
      shutdownGracePeriod: '',
      defaultInboundPolicy: 'all-unauthenticated',
      outboundTransportMode: 'transport-header',
      nativeSidecar: true,
      livenessProbe: { initialDelaySeconds: 10, timeoutSeconds: 1 },
      readinessProbe: { initialDelaySeconds: 2, timeoutSeconds: 1 },
      startupProbe: { initialDelaySeconds: 0, periodSeconds: 1, failureThreshold: 120 },
      control: { streams: { initialTimeout: '3s', idleTimeout: '5m', lifetime: '1h' } },
      metrics: { hostnameLabels: false },
      tracing: {
        enabled: false,
        traceServiceName: 'linkerd-proxy',
        labels: { 'k8s.pod.ip': '$(_pod_ip)', 'k8s.pod.uid': '$(_pod_uid)', 'k8s.container.name': '$(_pod_containerName)' },
        collector: { endpoint: '', meshIdentity: { serviceAccountName: '', namespace: '' } },
      },
      inbound: { server: { http2: { keepAliveInterval: '10s', keepAliveTimeout: '3s' } } },
      outbound: { server: { http2: { keepAliveInterval: '10s', keepAliveTimeout: '3s' } } },
    },
    proxyInit: {
      iptablesMode: 'nft',
      ignoreInboundPorts: '4567,4568',
      ignoreOutboundPorts: '4567,4568',
      kubeAPIServerPorts: '443,6443',
      skipSubnets: '',
      logLevel: '',
      logFormat: '',
      closeWaitTimeoutSecs: 0,
      privileged: false,
      runAsRoot: false,
      runAsUser: 65534,
      runAsGroup: 65534,
      xtMountPath: { mountPath: '/run', name: 'linkerd-proxy-init-xtables-lock' },
    },
    networkValidator: {
      logLevel: 'debug',
      logFormat: 'plain',
      connectAddr: '',
      listenAddr: '',
      timeout: '10s',
      securityContext: {
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
        readOnlyRootFilesystem: true,
        runAsGroup: 65534,
        runAsNonRoot: true,
        runAsUser: 65534,
        seccompProfile: { type: 'RuntimeDefault' },
      },
    },
    debugContainer: { image: { name: 'cr.l5d.io/linkerd/debug', pullPolicy: '', version: '' } },
  };
}
