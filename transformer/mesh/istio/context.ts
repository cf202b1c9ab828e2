/**
 * Everything the sidecar template and post-processing need, resolved once from the pod, the
 * owning workload and the config: annotation-over-default values, the effective ProxyConfig
 * (mesh default, ProxyConfig CRs and annotation: `proxy-config-layers.ts`),
 * native/hold decisions and the status port.
 */
import type { Container } from '../../kube/objects.js';
import type { InjectConfig, IstioConfig } from '../../inject-config.js';
import type { MeshRenderInput, PodTemplate } from '../types.js';
import { STATUS_PORT } from './defaults.js';
import { holdRequested } from './hold.js';
import { ANN, LABEL, PROXY_CONTAINER } from './names.js';
import { nativeForPod } from './native.js';
import { stringMap } from './pod-access.js';
import { meshProxyConfig, parseProxyConfigAnnotation, type ProxyConfig } from './proxy-config.js';
import { applyProxyConfigLayers, type ProxyConfigLayers } from './proxy-config-layers.js';
import { trafficSettings, type TrafficSettings } from './traffic.js';
import { workloadIdentity, type WorkloadIdentity } from './workload-identity.js';

export interface RenderContext {
  config: InjectConfig;
  istio: IstioConfig;
  /** The pristine pod (never mutated). */
  pod: PodTemplate;
  annotations: Readonly<Record<string, string>>;
  labels: Readonly<Record<string, string>>;
  identity: WorkloadIdentity;
  proxyConfig: ProxyConfig;
  /** `sidecar.istio.io/interceptionMode`, else ProxyConfig `interceptionMode`. */
  interceptionMode: string;
  tproxy: boolean;
  native: boolean;
  /** Hold requested (config OR ProxyConfig); the template only acts on it for non-native proxies. */
  hold: boolean;
  /** `status.sidecar.istio.io/port`, else the default status port, as the template prints it. */
  statusPort: string;
  /** ProxyConfig `statusPort`: where merged metrics are served and probes are recognized as rewritten. */
  meshStatusPort: number;
  traffic: TrafficSettings;
  /** Names of the pod's containers other than `istio-proxy`, in order. */
  appContainers: string[];
  /** `topology.istio.io/network` label, else the configured network. */
  network: string;
}

/**
 * Precondition: annotations were validated (`validateAnnotations`), so the ProxyConfig parses.
 * `crs`: the ProxyConfig CRs that apply to the pod (`podProxyConfigs`).
 */
export function buildContext(input: MeshRenderInput, crs: ProxyConfigLayers = {}): RenderContext {
  const { pod, config } = input;
  const annotations = stringMap(pod.metadata.annotations);
  const labels = stringMap(pod.metadata.labels);
  const pcText = annotations[ANN.proxyConfig];
  const parsed = pcText === undefined ? undefined : parseProxyConfigAnnotation(pcText);
  const proxyConfig = applyProxyConfigLayers(meshProxyConfig(config.istio), parsed?.ok ? parsed.overlay : undefined, crs);
  const interceptionMode = annotations[ANN.interceptionMode] ?? stringField(proxyConfig.interceptionMode, 'REDIRECT');
  const statusPort = annotations[ANN.statusPort] ?? String(STATUS_PORT);
  const containers: Container[] = pod.spec.containers ?? [];
  const appContainers = containers.map((c) => c.name).filter((name) => name !== PROXY_CONTAINER);
  return {
    config,
    istio: config.istio,
    pod,
    annotations,
    labels,
    identity: workloadIdentity(input.workload, pod),
    proxyConfig,
    interceptionMode,
    tproxy: interceptionMode === 'TPROXY',
    native: nativeForPod(annotations, config, appContainers.length),
    hold: holdRequested(config.istio.holdApplicationUntilProxyStarts, proxyConfig),
    statusPort,
    meshStatusPort: typeof proxyConfig.statusPort === 'number' ? proxyConfig.statusPort : STATUS_PORT,
    traffic: trafficSettings(annotations, interceptionMode, statusPort),
    appContainers,
    network: labels[LABEL.network] ?? config.istio.network,
  };
}

/** ProxyConfig `proxyMetadata` (mesh default, CRs and the annotation's, merged by key). */
export function proxyMetadata(ctx: RenderContext): Record<string, string> {
  const md = ctx.proxyConfig.proxyMetadata;
  return md && typeof md === 'object' ? (md as Record<string, string>) : {};
}

function stringField(value: unknown, fallback: string): string {
  return typeof value === 'string' && value !== '' ? value : fallback;
}
