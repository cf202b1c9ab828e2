/**
 * The `istio-proxy` container as the sidecar template renders it: a native sidecar
 * (`restartPolicy: Always`, placed under initContainers by the caller) or a classic one.
 */
import type { Container, Lifecycle, Probe, SecurityContext } from '../../kube/objects.js';
import { proxyMetadata, type RenderContext } from './context.js';
import { ENVOY_HEALTH_PORT, ENVOY_PROM_PORT, PROXY_GID, PROXY_UID, READINESS_DEFAULTS, STARTUP_PROBE_FAILURE_THRESHOLD } from './defaults.js';
import { holdLifecycle } from './hold.js';
import { proxyImage } from './images.js';
import { agentLogLevel } from './init-container.js';
import { ANN, PROXY_CONTAINER } from './names.js';
import { proxyEnv } from './proxy-env.js';
import { proxyResources } from './resources.js';
import { proxyVolumeMounts } from './volumes.js';

export function proxyContainer(ctx: RenderContext): Container {
  const container: Container = { name: PROXY_CONTAINER, image: proxyImage(ctx.istio, ctx.proxyConfig, ctx.annotations) };
  if (ctx.istio.imagePullPolicy !== '') container.imagePullPolicy = ctx.istio.imagePullPolicy;
  if (ctx.native) container.restartPolicy = 'Always';
  container.args = proxyArgs(ctx);
  container.env = proxyEnv(ctx);
  container.ports = [{ name: 'http-envoy-prom', containerPort: ENVOY_PROM_PORT, protocol: 'TCP' }];
  const lifecycle = proxyLifecycle(ctx);
  if (lifecycle) container.lifecycle = lifecycle;
  if (ctx.statusPort !== '0') {
    container.startupProbe = startupProbe();
    container.readinessProbe = readinessProbe(ctx);
  }
  const resources = proxyResources(ctx.annotations, ctx.istio.proxyResources);
  if (resources) container.resources = resources;
  container.securityContext = proxySecurityContext(ctx);
  container.volumeMounts = proxyVolumeMounts(ctx);
  return container;
}

function proxyArgs(ctx: RenderContext): string[] {
  return [
    'proxy',
    'sidecar',
    '--domain',
    `$(POD_NAMESPACE).svc.${ctx.istio.clusterDomain}`,
    `--proxyLogLevel=${ctx.annotations[ANN.logLevel] ?? ctx.istio.logLevel}`,
    `--proxyComponentLogLevel=${ctx.annotations[ANN.componentLogLevel] ?? ctx.istio.componentLogLevel}`,
    `--log_output_level=${agentLogLevel(ctx)}`,
  ];
}

/** Hold (classic sidecar): wait for the proxy before app containers start. Native: drain on stop. */
function proxyLifecycle(ctx: RenderContext): Lifecycle | undefined {
  if (ctx.hold && !ctx.native) return holdLifecycle();
  if (ctx.native) {
    return {
      preStop: {
        exec: { command: ['pilot-agent', 'request', `--debug-port=${ctx.statusPort}`, 'POST', 'drain'] },
      },
    };
  }
  return undefined;
}

function startupProbe(): Probe {
  return {
    httpGet: { path: '/healthz/ready', port: ENVOY_HEALTH_PORT },
    periodSeconds: 1,
    timeoutSeconds: 3,
    failureThreshold: STARTUP_PROBE_FAILURE_THRESHOLD,
  };
}

function readinessProbe(ctx: RenderContext): Probe {
  const probe: Probe = { httpGet: { path: '/healthz/ready', port: ENVOY_HEALTH_PORT } };
  const initialDelay = readinessSetting(ctx, ANN.readinessInitialDelaySeconds, READINESS_DEFAULTS.initialDelaySeconds);
  // Zero is the API default; Istio's Go serialization leaves it out too.
  if (initialDelay !== 0) probe.initialDelaySeconds = initialDelay;
  probe.periodSeconds = readinessSetting(ctx, ANN.readinessPeriodSeconds, READINESS_DEFAULTS.periodSeconds);
  probe.timeoutSeconds = 3;
  probe.failureThreshold = readinessSetting(ctx, ANN.readinessFailureThreshold, READINESS_DEFAULTS.failureThreshold);
  return probe;
}

function readinessSetting(ctx: RenderContext, annotation: string, fallback: number): number {
  const value = ctx.annotations[annotation];
  return value === undefined ? fallback : Number(value);
}

function proxySecurityContext(ctx: RenderContext): SecurityContext {
  if (proxyMetadata(ctx).IPTABLES_TRACE_LOGGING === 'true') {
    return {
      allowPrivilegeEscalation: true,
      capabilities: { add: ['NET_ADMIN'], drop: ['ALL'] },
      privileged: true,
      readOnlyRootFilesystem: true,
      runAsGroup: PROXY_GID,
      runAsNonRoot: false,
      runAsUser: 0,
    };
  }
  const capNetBindService = (ctx.annotations[ANN.capNetBindService] ?? 'false') === 'true';
  const add = [...(ctx.tproxy ? ['NET_ADMIN'] : []), ...(capNetBindService ? ['NET_BIND_SERVICE'] : [])];
  const root = ctx.tproxy || capNetBindService;
  return {
    allowPrivilegeEscalation: false,
    capabilities: add.length > 0 ? { add, drop: ['ALL'] } : { drop: ['ALL'] },
    privileged: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: !root,
    runAsUser: root ? 0 : PROXY_UID,
    runAsGroup: PROXY_GID,
  };
}
