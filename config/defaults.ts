/**
 * The embedded default configuration: what runs when no `.mesh-injectrc` is found.
 * The schema takes its defaults from here, and `.mesh-injectrc.example` is tested to
 * parse to exactly this object, so the three cannot drift apart.
 */
import type { InjectConfig } from '../transformer/inject-config.js';

export const DEFAULT_CONFIG: Readonly<InjectConfig> = deepFreeze({
  mesh: 'istio',
  kubernetesVersion: '1.33',
  defaultNamespace: 'default',
  istio: {
    hub: 'docker.io/istio',
    tag: '1.32.0',
    revision: '',
    nativeSidecars: 'auto',
    cni: false,
    holdApplicationUntilProxyStarts: false,
    istioNamespace: 'istio-system',
    clusterDomain: 'cluster.local',
    trustDomain: 'cluster.local',
    meshId: '',
    clusterName: '',
    network: '',
    imagePullPolicy: '',
    imagePullSecrets: [],
    proxyResources: {
      requests: { cpu: '100m', memory: '128Mi' },
      limits: { cpu: '2', memory: '1Gi' },
    },
    logLevel: 'warning',
    componentLogLevel: 'misc:error',
    agentLogLevel: 'default:info',
    rewriteAppHTTPProbe: true,
    enablePrometheusMerge: true,
  },
  linkerd: {
    version: 'edge-26.8.3',
  },
  namespaces: { inject: ['*'], skip: [] },
  sidecars: [],
  workloads: [],
  files: { include: ['**/*.yaml', '**/*.yml'], exclude: [] },
} satisfies InjectConfig);

/** A fresh, mutable copy of the defaults. */
export function defaultConfig(): InjectConfig {
  return structuredClone(DEFAULT_CONFIG) as InjectConfig;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
