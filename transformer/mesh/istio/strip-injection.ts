/**
 * Istio's injection taken out of a pod without an undo record: for `uninject --ignore-record`,
 * when a record is refused, or for a manifest injected by `istioctl kube-inject`. The mesh's
 * containers, volumes, labels and annotations go; rewritten probes and merged Prometheus
 * annotations come back from the copies the proxy keeps of them (ISTIO_KUBE_APP_PROBERS,
 * ISTIO_PROMETHEUS_ANNOTATIONS). What no copy holds (a probe's named port, an HTTPS scheme) cannot
 * come back: the result is meant to be reviewed.
 */
import { cloneData, isObject } from '../../kube/objects.js';
import type { Footprint } from '../types.js';
import type { PodTemplate } from '../types.js';
import { findProxy } from './pod-access.js';
import { PROBERS_ENV } from './probe-rewrite.js';
import { PROMETHEUS_ENV } from './prometheus-merge.js';

const PROBES = { readyz: 'readinessProbe', livez: 'livenessProbe', startupz: 'startupProbe' } as const;
const HOOKS = { prestopz: 'preStop', poststartz: 'postStart' } as const;

type Data = Record<string, unknown>;

function parseJson(text: unknown): Data | undefined {
  if (typeof text !== 'string') return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function envValue(container: { env?: Array<{ name?: string; value?: string }> } | undefined, name: string): string | undefined {
  return container?.env?.find((e) => e?.name === name)?.value;
}

/** The probe or hook with the agent's httpGet replaced by the original action. */
function restoreAction(action: unknown, original: Data | undefined): unknown {
  if (!isObject(action) || !original) return action;
  const { httpGet: _agent, ...rest } = action;
  const handler = Object.keys(original).find((k) => k === 'httpGet' || k === 'tcpSocket' || k === 'grpc');
  return handler ? { ...rest, [handler]: original[handler] } : action;
}

function restoreProbes(container: Data, probers: Data): Data {
  const out: Data = { ...container };
  for (const [kind, field] of Object.entries(PROBES)) {
    const original = probers[`/app-health/${String(container.name)}/${kind}`];
    if (isObject(original)) out[field] = restoreAction(container[field], original);
  }
  if (isObject(container.lifecycle)) {
    const lifecycle: Data = { ...container.lifecycle };
    for (const [kind, field] of Object.entries(HOOKS)) {
      const original = probers[`/app-lifecycle/${String(container.name)}/${kind}`];
      if (isObject(original)) lifecycle[field] = restoreAction(lifecycle[field], original);
    }
    out.lifecycle = lifecycle;
  }
  return out;
}

export function stripIstioInjection(input: unknown, footprint: Footprint, recordAnnotation: string): unknown {
  if (!isObject(input)) return input;
  const pod = cloneData(input) as Data;
  const spec = isObject(pod.spec) ? pod.spec : undefined;
  const metadata = isObject(pod.metadata) ? pod.metadata : undefined;
  const proxy = spec ? findProxy(pod as unknown as PodTemplate) : undefined;
  const probers = parseJson(envValue(proxy as never, PROBERS_ENV));
  const prometheus = parseJson(envValue(proxy as never, PROMETHEUS_ENV));
  if (spec) {
    for (const field of ['containers', 'initContainers'] as const) {
      const list = spec[field];
      if (!Array.isArray(list)) continue;
      const kept = list.filter((c) => !(isObject(c) && footprint.containers.has(String(c.name)))).map((c) => (probers && isObject(c) ? restoreProbes(c, probers) : c));
      if (kept.length || field === 'containers') spec[field] = kept;
      else delete spec[field];
    }
    if (Array.isArray(spec.volumes)) {
      const kept = spec.volumes.filter((v) => !(isObject(v) && footprint.volumes.has(String(v.name))));
      if (kept.length) spec.volumes = kept;
      else delete spec.volumes;
    }
  }
  if (metadata) {
    for (const [field, owned] of [['labels', footprint.labels], ['annotations', footprint.annotations]] as const) {
      const map = metadata[field];
      if (!isObject(map)) continue;
      // Prometheus annotations are the mesh's only where it merged them (pointed them at the agent).
      const merged = field === 'annotations' && map['prometheus.io/path'] === '/stats/prometheus';
      for (const key of Object.keys(map)) {
        if (key.startsWith('prometheus.io/') && !merged) continue;
        if (owned.has(key) || key === recordAnnotation) delete map[key];
      }
      if (field === 'annotations' && prometheus) {
        for (const [name, key] of [['scrape', 'prometheus.io/scrape'], ['path', 'prometheus.io/path'], ['port', 'prometheus.io/port']] as const) {
          if (typeof prometheus[name] === 'string' && prometheus[name] !== '') map[key] = prometheus[name];
        }
      }
      if (!Object.keys(map).length) delete metadata[field];
    }
    if (!Object.keys(metadata).length) delete pod.metadata;
  }
  return pod;
}
