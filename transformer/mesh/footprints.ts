/**
 * The footprints of every mesh mesh-inject knows. An undo record may name any of them whatever
 * the config says now: `mesh: none`, or a switch of mesh, removes an earlier injection.
 */
import { ISTIO_FOOTPRINT } from './istio/footprint.js';
import { LINKERD_FOOTPRINT } from './linkerd/footprint.js';
import type { Footprint } from './types.js';

export const MESH_FOOTPRINTS: readonly Footprint[] = [ISTIO_FOOTPRINT, LINKERD_FOOTPRINT];
