/**
 * Re-injection of a pod Istio already injected (Istio's `stripPod` + `reinsertOverrides`): the
 * templates see the pod without what the previous `sidecar.istio.io/status` listed (and without
 * the Prometheus annotations when they point at the agent), with the user's containers saved in
 * `proxy.istio.io/overrides` put back. The merge target stays the pod as it is. mesh-inject's own
 * engine never gets here (it undoes its injection from its record first); direct callers may.
 */
import type { Container } from '../../kube/objects.js';
import { isObject } from '../../kube/objects.js';
import { sanitizeLabelName } from '../istio/go-compat.js';
import { ANN } from '../istio/names.js';
import type { PreviousInjection } from '../istio/overrides.js';
import type { PodTemplate } from '../types.js';

const PROMETHEUS_KEYS = new Set(['prometheus_io_path', 'prometheus_io_port', 'prometheus_io_scrape', 'prometheus_istio_io_scrape_targets']);

type StripOutcome = { ok: true; pod: PodTemplate; previous?: PreviousInjection } | { ok: false; message: string };

export function stripPreviousInjection(pod: PodTemplate, statusPort: number): StripOutcome {
  const annotations = pod.metadata.annotations ?? {};
  const overrides = parseOverrides(annotations[ANN.overrides]);
  if (!overrides.ok) return overrides;
  const statusText = annotations[ANN.status];
  const status = statusText === undefined ? undefined : parseStatus(statusText);
  let stripped = pod;
  if (status?.parsed) {
    const keep = (names: string[]) => (c: Container) => !names.includes(c.name);
    const clearPrometheus = promPortIs(annotations, String(statusPort));
    const kept = Object.entries(annotations).filter(([key]) => key !== ANN.status && !(clearPrometheus && PROMETHEUS_KEYS.has(sanitizeLabelName(key))));
    stripped = {
      metadata: { ...pod.metadata, annotations: Object.fromEntries(kept) },
      spec: {
        ...pod.spec,
        containers: (pod.spec.containers ?? []).filter(keep(status.containers)),
        ...(pod.spec.initContainers ? { initContainers: pod.spec.initContainers.filter(keep(status.initContainers)) } : {}),
      },
    };
  }
  stripped = reinsert(stripped, overrides.value);
  if (statusText === undefined) return { ok: true, pod: stripped };
  return {
    ok: true,
    pod: stripped,
    previous: { containers: status?.containers ?? [], initContainers: status?.initContainers ?? [], overrides: overrides.value },
  };
}

function promPortIs(annotations: Readonly<Record<string, string>>, port: string): boolean {
  for (const [key, value] of Object.entries(annotations)) if (sanitizeLabelName(key) === 'prometheus_io_port') return value === port;
  return false;
}

/** Istio's lenient `parseStatus`: names under `containers`/`initContainers`; unparsable means nothing was listed. */
function parseStatus(text: string): { parsed: boolean; containers: string[]; initContainers: string[] } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { parsed: false, containers: [], initContainers: [] };
  }
  const names = (key: string): string[] => {
    const list = isObject(value) ? value[key] : undefined;
    return Array.isArray(list) ? list.filter((n): n is string => typeof n === 'string') : [];
  };
  return { parsed: isObject(value), containers: names('containers'), initContainers: names('initContainers') };
}

type Overrides = PreviousInjection['overrides'];

function parseOverrides(text: string | undefined): { ok: true; value: Overrides } | { ok: false; message: string } {
  const empty: Overrides = { containers: [], initContainers: [] };
  if (text === undefined) return { ok: true, value: empty };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `${ANN.overrides}: ${(e as Error).message}` };
  }
  if (!isObject(value)) return { ok: false, message: `${ANN.overrides}: expected a JSON object` };
  const list = (key: string): Container[] => (Array.isArray(value[key]) ? (value[key] as unknown[]).filter(isObject) as unknown as Container[] : []);
  return { ok: true, value: { containers: list('containers'), initContainers: list('initContainers') } };
}

function reinsert(pod: PodTemplate, overrides: Overrides): PodTemplate {
  if (overrides.containers.length + overrides.initContainers.length === 0) return pod;
  const has = (list: Container[] | undefined, name: string) => (list ?? []).some((c) => c.name === name);
  const containers = [...(pod.spec.containers ?? []), ...overrides.containers.filter((c) => !has(pod.spec.containers, c.name))];
  const initContainers = [...(pod.spec.initContainers ?? []), ...overrides.initContainers.filter((c) => !has(pod.spec.initContainers, c.name))];
  return { ...pod, spec: { ...pod.spec, containers, ...(initContainers.length > 0 ? { initContainers } : {}) } };
}
