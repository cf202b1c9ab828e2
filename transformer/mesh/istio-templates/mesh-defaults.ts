/**
 * Istio 1.32's `mesh.DefaultMeshConfig()` (pkg/config/mesh/mesh.go) as proto JSON: what a mesh
 * config (ConfigMap `istio`, `data.mesh`) is applied on. Facts from the conformance corpus'
 * `mesh-defaults.yaml`; `defaultConfig` is `mesh.DefaultProxyConfig()` (shared with the built-in
 * preset). Re-check on an Istio upgrade.
 */
import { defaultProxyConfig } from '../istio/proxy-config.js';

export type MeshConfigJson = Record<string, unknown>;

export function defaultMeshConfig(): MeshConfigJson {
  return {
    enableTracing: true,
    accessLogFile: '',
    accessLogEncoding: 'TEXT',
    accessLogFormat: '',
    enableEnvoyAccessLogService: false,
    protocolDetectionTimeout: '0s',
    ingressService: 'istio-ingressgateway',
    ingressControllerMode: 'STRICT',
    ingressClass: 'istio',
    trustDomain: 'cluster.local',
    trustDomainAliases: [],
    enableAutoMtls: true,
    outboundTrafficPolicy: { mode: 'ALLOW_ANY' },
    inboundTrafficPolicy: { mode: 'PASSTHROUGH' },
    localityLbSetting: { enabled: true },
    certificates: [],
    defaultConfig: defaultProxyConfig(),
    rootNamespace: 'istio-system',
    proxyListenPort: 15001,
    proxyInboundListenPort: 15006,
    connectTimeout: '10s',
    defaultServiceExportTo: ['*'],
    defaultVirtualServiceExportTo: ['*'],
    defaultDestinationRuleExportTo: ['*'],
    dnsRefreshRate: '60s',
    serviceSettings: [],
    enablePrometheusMerge: true,
    defaultProviders: {},
    extensionProviders: [
      { name: 'prometheus', prometheus: {} },
      { name: 'stackdriver', stackdriver: {} },
      { name: 'envoy', envoyFileAccessLog: { path: '/dev/stdout' } },
    ],
  };
}
