/**
 * Every name Istio's injection may add to a pod, under any config or annotation: what an undo
 * record may claim was added (record/trust.ts). Names only the current config adds are found by
 * injecting again; these cover manifests injected under an earlier config (CNI on or off, the
 * Prometheus merge, a custom bootstrap...).
 */
import type { Footprint } from '../../record/trust.js';
import { ANN, CORE_DUMP_CONTAINER, INIT_CONTAINER, LABEL, PROXY_CONTAINER, VALIDATION_CONTAINER } from './names.js';

export const ISTIO_FOOTPRINT: Footprint = {
  containers: new Set([PROXY_CONTAINER, INIT_CONTAINER, VALIDATION_CONTAINER, CORE_DUMP_CONTAINER]),
  volumes: new Set([
    'workload-socket', 'credential-socket', 'workload-certs', 'istio-envoy', 'istio-data', 'istio-podinfo',
    'istio-token', 'istiod-ca-cert', 'istio-ca-crl', 'custom-bootstrap-volume',
  ]),
  labels: new Set([LABEL.tlsMode, LABEL.tunnel, LABEL.canonicalName, LABEL.canonicalRevision]),
  annotations: new Set([
    ANN.status, ANN.revision, ANN.defaultContainer, ANN.defaultLogsContainer, ANN.interceptionMode,
    ANN.includeOutboundIPRanges, ANN.excludeOutboundIPRanges, ANN.includeInboundPorts, ANN.excludeInboundPorts,
    ANN.includeOutboundPorts, ANN.excludeOutboundPorts, ANN.excludeInterfaces, ANN.kubevirtInterfaces,
    ANN.rerouteVirtualInterfaces, ANN.securePort, 'prometheus.io/port', 'prometheus.io/path', 'prometheus.io/scrape',
  ]),
};
