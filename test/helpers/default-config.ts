/**
 * A complete `InjectConfig` with Istio's default-chart values and the hub/tag Istio's own golden
 * tests use, for tests that need a config without going through `config/`.
 */
import type { InjectConfig, IstioConfig } from '../../transformer/config.js';

export interface ConfigOverrides extends Partial<Omit<InjectConfig, 'istio'>> {
  istio?: Partial<IstioConfig>;
}

export function defaultIstioConfig(overrides: Partial<IstioConfig> = {}): IstioConfig {
  return {
    hub: 'registry.istio.io/testing',
    tag: 'latest',
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
    ...overrides,
  };
}

export function defaultTestConfig(overrides: ConfigOverrides = {}): InjectConfig {
  const { istio, ...rest } = overrides;
  return {
    mesh: 'istio',
    kubernetesVersion: '1.33',
    defaultNamespace: 'default',
    namespaces: { inject: ['*'], skip: [] },
    sidecars: [],
    workloads: [],
    files: { include: ['**/*.{yaml,yml}'], exclude: [] },
    ...rest,
    istio: defaultIstioConfig(istio),
  };
}
