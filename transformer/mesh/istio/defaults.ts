/**
 * Istio 1.32 defaults that `InjectConfig` has no knob for: Helm `values.global.proxy.*`,
 * mesh `defaultConfig` and fixed ports, as the default chart renders them.
 */

/** `values.global.proxy.statusPort` and mesh `defaultConfig.statusPort`: the pilot-agent status port. */
export const STATUS_PORT = 15020;
/** Envoy health port used by the proxy's own probes. */
export const ENVOY_HEALTH_PORT = 15021;
/** Envoy Prometheus port, exposed as `http-envoy-prom`. */
export const ENVOY_PROM_PORT = 15090;
/** Mesh `proxyListenPort` / `proxyInboundListenPort` (`istio-iptables -p` / `-z`). */
export const PROXY_LISTEN_PORT = 15001;
export const PROXY_INBOUND_LISTEN_PORT = 15006;
/** UID and GID of the proxy (`ProxyUID`/`ProxyGID` outside OpenShift). */
export const PROXY_UID = 1337;
export const PROXY_GID = 1337;

/** `values.global.proxy.readiness*` defaults. */
export const READINESS_DEFAULTS = {
  initialDelaySeconds: 0,
  periodSeconds: 15,
  failureThreshold: 4,
} as const;

/** `values.global.proxy.startupProbe`. */
export const STARTUP_PROBE_FAILURE_THRESHOLD = 600;

/** `values.global.proxy.includeIPRanges` etc. */
export const TRAFFIC_DEFAULTS = {
  includeIPRanges: '*',
  excludeIPRanges: '',
  includeInboundPorts: '*',
  excludeInboundPorts: '',
  includeOutboundPorts: '',
  excludeOutboundPorts: '',
} as const;

/** `values.global.proxy.image` / `values.global.proxy_init.image`. */
export const PROXY_IMAGE_NAME = 'proxyv2';
export const PROXY_INIT_IMAGE_NAME = 'proxyv2';

/** `values.global.pilotCertProvider`, `values.global.sds.token.aud`. */
export const PILOT_CERT_PROVIDER = 'istiod';
export const TOKEN_AUDIENCE = 'istio-ca';
export const TOKEN_EXPIRATION_SECONDS = 43200;
export const CA_ROOT_CERT_CONFIGMAP = 'istio-ca-root-cert';
export const CA_CRL_CONFIGMAP = 'istio-ca-crl';

/** The discovery address Istio's `DefaultProxyConfig()` carries (stripped from PROXY_CONFIG when equal). */
export const DEFAULT_DISCOVERY_ADDRESS = 'istiod.istio-system.svc:15012';

/** Ports owned by the Istio data plane: never valid Prometheus scrape targets. */
export const RESERVED_PORTS: Readonly<Record<string, string>> = {
  '15000': 'Envoy admin',
  '15001': 'outbound traffic capture',
  '15004': 'pilot debug',
  '15006': 'inbound traffic capture',
  '15008': 'HBONE tunnel',
  '15020': 'pilot-agent status / merged Prometheus',
  '15021': 'Envoy health',
  '15053': 'DNS proxy',
  '15090': 'Envoy Prometheus (already merged)',
};
