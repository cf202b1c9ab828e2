/**
 * Custom sidecars from the config's `sidecars:` entries (log shippers, agents, any proxy),
 * alone or next to the mesh preset. A container the user already declared under the same name
 * is merged with the user's fields winning, in the user's position.
 */
import type { InjectConfig, SidecarConfig } from '../inject-config.js';
import { isObject, type Container } from '../kube/objects.js';
import { CONTAINER_SCHEMA, tryStrategicMerge } from '../kube/strategic-merge/index.js';
import type { PodTemplate, WorkloadInfo } from './types.js';
import { matchesAnyGlob } from '../data/globs.js';

function sidecarApplies(sidecar: SidecarConfig, workload: WorkloadInfo, podLabels: Record<string, string>): boolean {
  const { matchLabels, kinds, namespaces } = sidecar.selector;
  if (kinds?.length && !kinds.includes(workload.kind)) return false;
  if (namespaces?.length && !matchesAnyGlob(workload.namespace, namespaces)) return false;
  return Object.entries(matchLabels ?? {}).every(([key, value]) => podLabels[key] === value);
}

/** Merge `injected` into `list`: same-named user containers keep their place and their fields. */
function mergeContainers(list: Container[], injected: Container[], placeFirst: boolean, firstIndex: number): Container[] {
  const out = [...list];
  const fresh: Container[] = [];
  for (const container of injected) {
    const index = out.findIndex((c) => c.name === container.name);
    if (index === -1) fresh.push(container);
    else out[index] = userWins(container, out[index]!);
  }
  if (placeFirst) out.splice(firstIndex, 0, ...fresh);
  else out.push(...fresh);
  return out;
}

/** A field the user left empty (`args:`): it stays empty, as the user wrote it. */
const USER_NULL = Symbol('user null');

/**
 * The user's container strategic-merged onto the injected one as a patch (Container schema), so the
 * user's fields win and the user's keyed items keep their order; the user's nulls are kept as
 * values, not read as deletions. A container the merge refuses (an env entry without a name...,
 * which Kubernetes rejects too) is kept as the user wrote it.
 */
function userWins(injected: Container, user: Container): Container {
  const merged = tryStrategicMerge(injected, replaceNulls(user, null, USER_NULL) as Container, CONTAINER_SCHEMA);
  return merged.ok ? (replaceNulls(merged.value, USER_NULL, null) as Container) : user;
}

/** A copy of `value` with every `from` (inside maps and lists) replaced by `to`. */
function replaceNulls(value: unknown, from: unknown, to: unknown): unknown {
  if (value === from) return to;
  if (Array.isArray(value)) return value.map((item) => replaceNulls(item, from, to));
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = replaceNulls(item, from, to);
  return out;
}

/** Index after the mesh's own init containers, where injected native sidecars and inits go. */
function afterMeshInitContainers(inits: Container[], reserved: ReadonlySet<string>): number {
  let index = 0;
  while (index < inits.length && reserved.has(inits[index]!.name)) index++;
  return index;
}

/** The config's sidecars that are injected (a retired one only keeps its names known, `record/footprint.ts`). */
export function activeSidecars(config: InjectConfig): SidecarConfig[] {
  return config.sidecars.filter((sidecar) => sidecar.retired !== true);
}

export function applySidecars(pod: PodTemplate, workload: WorkloadInfo, config: InjectConfig, injectedNames: ReadonlySet<string>): PodTemplate {
  const labels = (pod.metadata.labels ?? {}) as Record<string, string>;
  let spec = pod.spec;
  let metadata = pod.metadata;
  for (const sidecar of activeSidecars(config)) {
    if (!sidecarApplies(sidecar, workload, labels)) continue;
    const natives = sidecar.native ? sidecar.containers.map((c) => ({ ...c, restartPolicy: 'Always' })) : [];
    const inits = [...sidecar.initContainers, ...natives];
    if (inits.length) {
      const current = spec.initContainers ?? [];
      spec = { ...spec, initContainers: mergeContainers(current, inits, true, afterMeshInitContainers(current, injectedNames)) };
    }
    if (!sidecar.native && sidecar.containers.length) {
      spec = { ...spec, containers: mergeContainers(spec.containers ?? [], sidecar.containers, false, 0) };
    }
    if (sidecar.volumes.length) {
      const userVolumes = spec.volumes ?? [];
      const taken = new Set(userVolumes.map((v) => v.name));
      spec = { ...spec, volumes: [...userVolumes, ...sidecar.volumes.filter((v) => !taken.has(v.name))] };
    }
    if (Object.keys(sidecar.labels).length) metadata = { ...metadata, labels: { ...sidecar.labels, ...metadata.labels } };
    if (Object.keys(sidecar.annotations).length) {
      metadata = { ...metadata, annotations: { ...sidecar.annotations, ...metadata.annotations } };
    }
  }
  return { metadata, spec };
}
