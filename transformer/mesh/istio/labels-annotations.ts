/**
 * Labels and annotations the sidecar template puts on the pod. User values of the identity labels
 * win; canonical-name is cut to 63 characters and trimmed of `-_.` (a valid label value).
 * With CNI, the traffic settings are copied into annotations for the CNI plugin to read.
 */
import { proxyMetadata, type RenderContext } from './context.js';
import { orDefault, trimAll, trunc } from './go-compat.js';
import { ANN, LABEL } from './names.js';

export function sidecarLabels(ctx: RenderContext): Record<string, string> {
  const l = ctx.labels;
  const labels: Record<string, string> = {
    [LABEL.tlsMode]: orDefault(l[LABEL.tlsMode], 'istio'),
  };
  if (proxyMetadata(ctx).ISTIO_META_ENABLE_HBONE === 'true') labels[LABEL.tunnel] = orDefault(l[LABEL.tunnel], 'http');
  labels[LABEL.canonicalName] = canonicalName(ctx);
  labels[LABEL.canonicalRevision] = [l[LABEL.canonicalRevision], l[LABEL.appVersion], l[LABEL.version]].find(Boolean) ?? 'latest';
  return labels;
}

export function canonicalName(ctx: RenderContext): string {
  const l = ctx.labels;
  const name = [l[LABEL.canonicalName], l[LABEL.appName], l[LABEL.app], ctx.identity.name].find(Boolean) ?? '';
  return trimAll(trunc(name, 63), '-_.');
}

export function sidecarAnnotations(ctx: RenderContext): Record<string, string> {
  const a = ctx.annotations;
  const annotations: Record<string, string> = { [ANN.revision]: orDefault(ctx.istio.revision, 'default') };
  const first = ctx.appContainers[0];
  if (first !== undefined) {
    if (!(ANN.defaultLogsContainer in a)) annotations[ANN.defaultLogsContainer] = first;
    if (!(ANN.defaultContainer in a)) annotations[ANN.defaultContainer] = first;
  }
  if (ctx.istio.cni) Object.assign(annotations, cniAnnotations(ctx));
  return annotations;
}

/** What the Istio CNI plugin reads to program the pod's redirection. */
function cniAnnotations(ctx: RenderContext): Record<string, string> {
  const t = ctx.traffic;
  const a = ctx.annotations;
  const out: Record<string, string> = { [ANN.interceptionMode]: t.interceptionMode };
  if (t.includeIPRanges !== '') out[ANN.includeOutboundIPRanges] = t.includeIPRanges;
  if (t.excludeIPRanges !== '') out[ANN.excludeOutboundIPRanges] = t.excludeIPRanges;
  out[ANN.includeInboundPorts] = t.includeInboundPorts;
  out[ANN.excludeInboundPorts] = t.excludeInboundPorts;
  if (t.includeOutboundPorts !== undefined) out[ANN.includeOutboundPorts] = t.includeOutboundPorts;
  if (t.excludeOutboundPorts !== undefined) out[ANN.excludeOutboundPorts] = t.excludeOutboundPorts;
  for (const name of [ANN.kubevirtInterfaces, ANN.rerouteVirtualInterfaces, ANN.excludeInterfaces]) {
    if (a[name]) out[name] = a[name];
  }
  return out;
}
