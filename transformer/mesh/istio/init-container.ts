/**
 * The init container: `istio-init` (privileged, programs iptables with `istio-iptables`) or, when
 * the Istio CNI plugin does the redirection, `istio-validation` (unprivileged, only checks it).
 * None at all with interception mode `NONE`.
 */
import type { Container, EnvVar, SecurityContext } from '../../kube/objects.js';
import { proxyMetadata, type RenderContext } from './context.js';
import { ENVOY_HEALTH_PORT, ENVOY_PROM_PORT, PROXY_GID, PROXY_INBOUND_LISTEN_PORT, PROXY_LISTEN_PORT, PROXY_UID } from './defaults.js';
import { proxyInitImage } from './images.js';
import { ANN, INIT_CONTAINER, VALIDATION_CONTAINER } from './names.js';
import { proxyResources } from './resources.js';

export function initContainer(ctx: RenderContext): Container | undefined {
  if (ctx.interceptionMode === 'NONE') return undefined;
  const cni = ctx.istio.cni;
  const container: Container = {
    name: cni ? VALIDATION_CONTAINER : INIT_CONTAINER,
    image: proxyInitImage(ctx.istio, ctx.annotations),
  };
  if (ctx.istio.imagePullPolicy !== '') container.imagePullPolicy = ctx.istio.imagePullPolicy;
  container.args = iptablesArgs(ctx);
  const env = metadataEnv(proxyMetadata(ctx));
  if (env.length > 0) container.env = env;
  const resources = proxyResources(ctx.annotations, ctx.istio.proxyResources);
  if (resources) container.resources = resources;
  container.securityContext = cni ? validationSecurityContext() : initSecurityContext();
  return container;
}

/** `istio-iptables` arguments; with CNI the same rules are only validated, not applied. */
export function iptablesArgs(ctx: RenderContext): string[] {
  const t = ctx.traffic;
  const excludedInbound = t.excludeInboundPorts === '' ? '' : `,${t.excludeInboundPorts}`;
  const args = [
    'istio-iptables',
    '-p', String(PROXY_LISTEN_PORT),
    '-z', String(PROXY_INBOUND_LISTEN_PORT),
    '-u', String(PROXY_UID),
    '-m', t.interceptionMode,
    '-i', t.includeIPRanges,
    '-x', t.excludeIPRanges,
    '-b', t.includeInboundPorts,
    '-d', `${ENVOY_PROM_PORT},${ENVOY_HEALTH_PORT}${excludedInbound}`,
  ];
  if (t.includeOutboundPorts !== undefined) args.push('-q', t.includeOutboundPorts);
  if (t.excludeOutboundPorts !== undefined) args.push('-o', t.excludeOutboundPorts);
  if (t.rerouteInterfaces !== undefined) args.push('-k', t.rerouteInterfaces);
  if (t.excludeInterfaces !== undefined) args.push('-c', t.excludeInterfaces);
  args.push(`--log_output_level=${agentLogLevel(ctx)}`);
  if (ctx.istio.cni) args.push('--run-validation', '--skip-rule-apply');
  return args;
}

export function agentLogLevel(ctx: RenderContext): string {
  return ctx.annotations[ANN.agentLogLevel] ?? ctx.istio.agentLogLevel;
}

/** ProxyConfig `proxyMetadata` as env vars, sorted by name (Go template map order). */
export function metadataEnv(metadata: Readonly<Record<string, string>>): EnvVar[] {
  return Object.keys(metadata)
    .sort()
    .map((name) => ({ name, value: metadata[name]! }));
}

function initSecurityContext(): SecurityContext {
  return {
    allowPrivilegeEscalation: false,
    privileged: false,
    capabilities: { add: ['NET_ADMIN', 'NET_RAW'], drop: ['ALL'] },
    readOnlyRootFilesystem: false,
    runAsGroup: 0,
    runAsNonRoot: false,
    runAsUser: 0,
  };
}

function validationSecurityContext(): SecurityContext {
  return {
    allowPrivilegeEscalation: false,
    privileged: false,
    capabilities: { drop: ['ALL'] },
    readOnlyRootFilesystem: true,
    runAsGroup: PROXY_GID,
    runAsUser: PROXY_UID,
    runAsNonRoot: true,
  };
}
