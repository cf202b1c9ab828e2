/**
 * Traffic-capture settings for `istio-iptables` (and the CNI plugin's pod annotations): each
 * `traffic.sidecar.istio.io/*` annotation, when present (even empty), wins over Istio's default.
 */
import { TRAFFIC_DEFAULTS } from './defaults.js';
import { ANN } from './names.js';

export interface TrafficSettings {
  interceptionMode: string;
  includeIPRanges: string;
  excludeIPRanges: string;
  includeInboundPorts: string;
  /** Excluded inbound ports with the status port appended (unless already listed or `0`). */
  excludeInboundPorts: string;
  /** Present only when annotated or configured non-empty. */
  includeOutboundPorts?: string;
  excludeOutboundPorts?: string;
  /** `-k`: `istio.io/reroute-virtual-interfaces` wins over the deprecated kubevirtInterfaces. */
  rerouteInterfaces?: string;
  excludeInterfaces?: string;
}

export function trafficSettings(
  annotations: Readonly<Record<string, string>>,
  interceptionMode: string,
  statusPort: string,
): TrafficSettings {
  const get = (name: string, fallback: string): string => annotations[name] ?? fallback;
  const settings: TrafficSettings = {
    interceptionMode,
    includeIPRanges: get(ANN.includeOutboundIPRanges, TRAFFIC_DEFAULTS.includeIPRanges),
    excludeIPRanges: get(ANN.excludeOutboundIPRanges, TRAFFIC_DEFAULTS.excludeIPRanges),
    includeInboundPorts: get(ANN.includeInboundPorts, TRAFFIC_DEFAULTS.includeInboundPorts),
    excludeInboundPorts: excludeInboundPort(statusPort, get(ANN.excludeInboundPorts, TRAFFIC_DEFAULTS.excludeInboundPorts)),
  };
  if (ANN.includeOutboundPorts in annotations || TRAFFIC_DEFAULTS.includeOutboundPorts !== '') {
    settings.includeOutboundPorts = get(ANN.includeOutboundPorts, TRAFFIC_DEFAULTS.includeOutboundPorts);
  }
  if (ANN.excludeOutboundPorts in annotations || TRAFFIC_DEFAULTS.excludeOutboundPorts !== '') {
    settings.excludeOutboundPorts = get(ANN.excludeOutboundPorts, TRAFFIC_DEFAULTS.excludeOutboundPorts);
  }
  const reroute = annotations[ANN.rerouteVirtualInterfaces] ?? annotations[ANN.kubevirtInterfaces];
  if (reroute !== undefined) settings.rerouteInterfaces = reroute;
  if (annotations[ANN.excludeInterfaces] !== undefined) settings.excludeInterfaces = annotations[ANN.excludeInterfaces];
  return settings;
}

/** Istio's `excludeInboundPort`: append the status port to the list unless present or `0`/empty. */
export function excludeInboundPort(port: string, excluded: string): string {
  const portStr = port.trim();
  if (portStr === '' || portStr === '0') return excluded;
  const kept: string[] = [];
  for (const raw of excluded.split(',')) {
    if (raw === portStr) return excluded;
    const p = raw.trim();
    if (p !== '') kept.push(p);
  }
  kept.push(portStr);
  return kept.join(',');
}
