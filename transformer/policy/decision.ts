/**
 * Whether the mesh sidecar goes into a workload, decided offline the way the cluster's webhook
 * would. The mesh-neutral rows come first; then the mesh's own rows (`MeshPreset.decide`:
 * `mesh/istio/decision.ts`, `mesh/linkerd/decision.ts`), which read its labels and annotations
 * and the `Namespace` objects of the input. A third mesh adds its rows the same way.
 *
 * | # | condition                                              | result                    |
 * |---|--------------------------------------------------------|---------------------------|
 * | 1 | pod `spec.hostNetwork: true`                           | skipped-host-network      |
 * | 2 | namespace is a system namespace (kube-system, ...)     | skipped-system-namespace  |
 * | 3 | namespace matches config `namespaces.skip`             | skipped-namespace-skipped |
 * | 4 | pod label or annotation `mesh-inject.dev/inject: "false"` | skipped-pod-opt-out    |
 * | 5 | config `mesh: none`, namespace not in `namespaces.inject` | skipped-namespace-not-selected |
 * | 6 | config `mesh: none`                                    | skipped-mesh-none         |
 * | 7 | the mesh's rows                                        | (the mesh's)              |
 *
 * Rows 1-5 also say which workloads custom sidecars go into under `mesh: none`.
 * Mirrored by test/transformer/policy/decision.test.ts and the meshes' decision tests.
 */
import type { InjectConfig } from '../inject-config.js';
import { matchesAnyGlob } from '../data/globs.js';
import type { Decision, MeshPreset, NamespaceMeta } from '../mesh/types.js';
import { skip } from '../mesh/decision-rows.js';
import { SYSTEM_NAMESPACES } from '../kube/system-namespaces.js';

export type { Decision } from '../mesh/types.js';

const MESH_INJECT_OPT_OUT = 'mesh-inject.dev/inject';

export interface DecisionInput {
  namespace: string;
  podLabels: Readonly<Record<string, unknown>>;
  podAnnotations: Readonly<Record<string, unknown>>;
  hostNetwork: boolean;
  /** `Namespace` objects of the input, by name. */
  namespaces: ReadonlyMap<string, NamespaceMeta>;
}

/** @param preset the mesh whose rows decide after the mesh-neutral ones (absent under `mesh: none`) */
export function decideMeshInjection(input: DecisionInput, config: InjectConfig, preset: Pick<MeshPreset, 'decide'> | undefined): Decision {
  if (input.hostNetwork) return skip('skipped-host-network');
  if (SYSTEM_NAMESPACES.has(input.namespace)) return skip('skipped-system-namespace');
  if (matchesAnyGlob(input.namespace, config.namespaces.skip)) return skip('skipped-namespace-skipped');
  const optOut = String(input.podLabels[MESH_INJECT_OPT_OUT] ?? input.podAnnotations[MESH_INJECT_OPT_OUT] ?? '') === 'false';
  if (optOut) return skip('skipped-pod-opt-out', undefined, `the pod template sets ${MESH_INJECT_OPT_OUT}: "false"`);
  const selectedByConfig = matchesAnyGlob(input.namespace, config.namespaces.inject);
  if (config.mesh === 'none' || !preset) return skip(selectedByConfig ? 'skipped-mesh-none' : 'skipped-namespace-not-selected');
  return preset.decide({
    namespace: input.namespace,
    podLabels: input.podLabels,
    podAnnotations: input.podAnnotations,
    namespaceObject: input.namespaces.get(input.namespace),
    selectedByConfig,
    config,
  });
}
