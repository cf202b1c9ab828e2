/**
 * Every name Istio's injection may add to a pod, under any config or annotation: what an undo
 * record may claim was added (record/trust.ts). Names only the current config adds are found by
 * injecting again; these cover manifests injected under an earlier config (CNI on or off, the
 * Prometheus merge, a custom bootstrap...).
 */
import { isObject } from '../../kube/objects.js';
import type { Footprint } from '../types.js';
import { deepEqual } from '../../yaml/deep-equal.js';
import type { PathSegment } from '../../yaml/node-path.js';
import type { PodTemplate } from '../types.js';
import { ANN, CORE_DUMP_CONTAINER, INIT_CONTAINER, LABEL, PROXY_CONTAINER, VALIDATION_CONTAINER } from './names.js';
import { findProxy, stringMap } from './pod-access.js';
import { dumpAppProbers, PROBERS_ENV } from './probe-rewrite.js';
import { prometheusMerge, PROMETHEUS_ENV } from './prometheus-merge.js';

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
  injectedMarker: ANN.status,
  evidenceMismatches: istioEvidenceMismatches,
};

/**
 * The proxy keeps what the injection replaced in the user's pod: the original probes in
 * ISTIO_KUBE_APP_PROBERS (the agent runs them) and the original Prometheus annotations in
 * ISTIO_PROMETHEUS_ANNOTATIONS. A record's originals must be the ones the proxy was given: else
 * `uninject` would put back probes or annotations that never ran. Returns the paths that disagree.
 */
function istioEvidenceMismatches(injected: unknown, pristine: unknown): PathSegment[][] {
  if (!isObject(injected) || !isObject(pristine)) return [];
  const written = injected as unknown as PodTemplate;
  const original = pristine as unknown as PodTemplate;
  const proxy = findProxy(written);
  if (!proxy || !isObject(original.spec)) return [];
  const env = (name: string) => (Array.isArray(proxy.env) ? proxy.env.find((e) => e?.name === name)?.value : undefined);
  const out: PathSegment[][] = [];
  const probers = env(PROBERS_ENV);
  if (typeof probers === 'string' && !sameJson(probers, dumpAppProbers(original, statusPortOf(written)))) out.push(['spec', 'containers']);
  const prometheus = env(PROMETHEUS_ENV);
  if (typeof prometheus === 'string') {
    const port = Number(stringMap(written.metadata?.annotations)['prometheus.io/port'] ?? DEFAULT_STATUS_PORT);
    const merged = prometheusMerge(stringMap(original.metadata?.annotations), true, port);
    if (merged.kind !== 'merged' || !sameJson(prometheus, merged.env)) out.push(['metadata', 'annotations']);
  }
  return out;
}

const DEFAULT_STATUS_PORT = 15020;

/** The agent port the written probes point at (`/app-health/...`), else Istio's default. */
function statusPortOf(pod: PodTemplate): number {
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
    for (const probe of [c.readinessProbe, c.livenessProbe, c.startupProbe]) {
      const get = probe?.httpGet;
      if (get && typeof get.path === 'string' && get.path.startsWith('/app-health/') && typeof get.port === 'number') return get.port;
    }
  }
  return DEFAULT_STATUS_PORT;
}

function sameJson(text: string, expected: string | undefined): boolean {
  if (expected === undefined) return false;
  try {
    return deepEqual(JSON.parse(text), JSON.parse(expected));
  } catch {
    return false;
  }
}
