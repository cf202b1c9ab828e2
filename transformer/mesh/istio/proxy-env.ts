/**
 * Environment of `istio-proxy`, in the order Istio's sidecar template writes it. Variables added
 * later by post-processing (ISTIO_PROMETHEUS_ANNOTATIONS, ISTIO_KUBE_APP_PROBERS, cluster info)
 * live in their own modules.
 */
import type { ContainerPort, EnvVar } from '../../kube/objects.js';
import { proxyMetadata, type RenderContext } from './context.js';
import { PILOT_CERT_PROVIDER } from './defaults.js';
import { metadataEnv } from './init-container.js';
import { ANN, LABEL } from './names.js';
import { proxyConfigJson } from './proxy-config-json.js';
import { ownerURI } from './workload-identity.js';

export function proxyEnv(ctx: RenderContext): EnvVar[] {
  const env: EnvVar[] = [
    { name: 'PILOT_CERT_PROVIDER', value: PILOT_CERT_PROVIDER },
    { name: 'CA_ADDR', value: caAddress(ctx) },
    fieldRef('POD_NAME', 'metadata.name'),
    fieldRef('POD_NAMESPACE', 'metadata.namespace'),
    fieldRef('INSTANCE_IP', 'status.podIP'),
    fieldRef('SERVICE_ACCOUNT', 'spec.serviceAccountName'),
    fieldRef('HOST_IP', 'status.hostIP'),
    resourceRef('ISTIO_CPU_LIMIT', 'limits.cpu'),
    { name: 'PROXY_CONFIG', value: `${proxyConfigJson(ctx.proxyConfig)}\n` },
    { name: 'ISTIO_META_POD_PORTS', value: podPortsJson(ctx) },
    { name: 'ISTIO_META_APP_CONTAINERS', value: ctx.appContainers.join(',') },
    resourceRef('GOMEMLIMIT', 'limits.memory'),
    { name: 'ISTIO_META_CLUSTER_ID', value: ctx.istio.clusterName === '' ? 'Kubernetes' : ctx.istio.clusterName },
    fieldRef('ISTIO_META_NODE_NAME', 'spec.nodeName'),
    { name: 'ISTIO_META_INTERCEPTION_MODE', value: ctx.interceptionMode },
  ];
  if (ctx.istio.network !== '') env.push({ name: 'ISTIO_META_NETWORK', value: ctx.istio.network });
  const workloadName = ctx.labels[LABEL.workloadName] || ctx.identity.name;
  if (workloadName) env.push({ name: 'ISTIO_META_WORKLOAD_NAME', value: workloadName });
  const owner = ownerURI(ctx.identity);
  if (owner) env.push({ name: 'ISTIO_META_OWNER', value: owner });
  if (ANN.bootstrapOverride in ctx.annotations) {
    env.push({ name: 'ISTIO_BOOTSTRAP_OVERRIDE', value: '/etc/istio/custom-bootstrap/custom_bootstrap.json' });
  }
  const meshId = ctx.istio.meshId || ctx.istio.trustDomain;
  if (meshId) env.push({ name: 'ISTIO_META_MESH_ID', value: meshId });
  if (ctx.istio.trustDomain) env.push({ name: 'TRUST_DOMAIN', value: ctx.istio.trustDomain });
  env.push(...metadataEnv(proxyMetadata(ctx)));
  return env;
}

/** `istiod[-<revision>].<istioNamespace>.svc:15012`. */
function caAddress(ctx: RenderContext): string {
  const rev = ctx.istio.revision === '' ? '' : `-${ctx.istio.revision}`;
  return `istiod${rev}.${ctx.istio.istioNamespace}.svc:15012`;
}

/**
 * ISTIO_META_POD_PORTS: every port of every container (the user's `istio-proxy` included),
 * one JSON object per line with Go's ContainerPort field order.
 */
function podPortsJson(ctx: RenderContext): string {
  const lines: string[] = [];
  for (const container of ctx.pod.spec.containers ?? []) {
    for (const port of container.ports ?? []) {
      lines.push(`    ${lines.length === 0 ? '' : ','}${containerPortJson(port)}`);
    }
  }
  return ['[', ...lines, ']'].join('\n');
}

function containerPortJson(port: ContainerPort): string {
  const out: Record<string, unknown> = {};
  if (port.name) out.name = port.name;
  if (port.hostPort) out.hostPort = port.hostPort;
  out.containerPort = port.containerPort ?? 0;
  if (port.protocol) out.protocol = port.protocol;
  if (port.hostIP) out.hostIP = port.hostIP;
  return JSON.stringify(out);
}

function fieldRef(name: string, fieldPath: string): EnvVar {
  return { name, valueFrom: { fieldRef: { fieldPath } } };
}

function resourceRef(name: string, resource: string): EnvVar {
  return { name, valueFrom: { resourceFieldRef: { resource, divisor: '1' } } };
}
