/** The names a run's injections may own: every mesh's, plus those of the config's custom sidecars. */
import type { InjectConfig } from '../inject-config.js';
import { MESH_FOOTPRINTS } from '../mesh/footprints.js';
import type { Footprint } from '../mesh/types.js';
import type { PathSegment } from '../yaml/node-path.js';

const cache = new WeakMap<InjectConfig, Footprint>();

export function footprintOf(config: InjectConfig): Footprint {
  let footprint = cache.get(config);
  if (footprint) return footprint;
  const containers = new Set<string>();
  const volumes = new Set<string>();
  const labels = new Set<string>();
  const annotations = new Set<string>();
  const shared = new Set<string>();
  const evidence: NonNullable<Footprint['evidenceMismatches']>[] = [];
  for (const mesh of MESH_FOOTPRINTS) {
    for (const name of mesh.containers) containers.add(name);
    for (const name of mesh.volumes) volumes.add(name);
    for (const key of mesh.labels) labels.add(key);
    for (const key of mesh.annotations) annotations.add(key);
    for (const key of mesh.sharedAnnotations ?? []) shared.add(key);
    if (mesh.evidenceMismatches) evidence.push(mesh.evidenceMismatches);
  }
  for (const sidecar of config.sidecars) {
    for (const c of [...sidecar.containers, ...sidecar.initContainers]) containers.add(c.name);
    for (const v of sidecar.volumes) volumes.add(v.name);
    for (const key of Object.keys(sidecar.labels)) labels.add(key);
    for (const key of Object.keys(sidecar.annotations)) annotations.add(key);
  }
  const evidenceMismatches = (injected: unknown, pristine: unknown): PathSegment[][] => evidence.flatMap((check) => check(injected, pristine));
  footprint = { containers, volumes, labels, annotations, sharedAnnotations: shared, ...(evidence.length ? { evidenceMismatches } : {}) };
  cache.set(config, footprint);
  return footprint;
}
