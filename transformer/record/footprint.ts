/** The names a run's injections may own: the mesh's, plus those of the config's custom sidecars. */
import type { InjectConfig } from '../config.js';
import { ISTIO_FOOTPRINT } from '../mesh/istio/footprint.js';
import type { Footprint } from './trust.js';

const cache = new WeakMap<InjectConfig, Footprint>();

export function footprintOf(config: InjectConfig): Footprint {
  let footprint = cache.get(config);
  if (footprint) return footprint;
  // The mesh's names count under `mesh: none` too: that config removes an earlier injection.
  const containers = new Set(ISTIO_FOOTPRINT.containers);
  const volumes = new Set(ISTIO_FOOTPRINT.volumes);
  const labels = new Set(ISTIO_FOOTPRINT.labels);
  const annotations = new Set(ISTIO_FOOTPRINT.annotations);
  for (const sidecar of config.sidecars) {
    for (const c of [...sidecar.containers, ...sidecar.initContainers]) containers.add(c.name);
    for (const v of sidecar.volumes) volumes.add(v.name);
    for (const key of Object.keys(sidecar.labels)) labels.add(key);
    for (const key of Object.keys(sidecar.annotations)) annotations.add(key);
  }
  footprint = { containers, volumes, labels, annotations, ...(ISTIO_FOOTPRINT.evidenceMismatches ? { evidenceMismatches: ISTIO_FOOTPRINT.evidenceMismatches } : {}) };
  cache.set(config, footprint);
  return footprint;
}
