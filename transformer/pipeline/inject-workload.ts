/**
 * The per-workload pipeline on plain data: validate, decide, run the mesh preset, add custom
 * sidecars. Input is always the pristine pod template (any earlier injection already undone).
 */
import type { ClusterContext } from '../policy/cluster-context.js';
import type { InjectConfig } from '../inject-config.js';
import { decideMeshInjection, type Decision } from '../policy/decision.js';
import type { MeshPreset, PodTemplate, WorkloadInfo } from '../mesh/types.js';
import { validatePodTemplate, type PodProblem } from '../policy/pod-validation.js';
import { activeSidecars, applySidecars } from '../mesh/custom-sidecars.js';
import { cloneData, isObject } from '../kube/objects.js';
import type { Result } from '../results.js';

interface WorkloadInput {
  pod: Record<string, unknown>;
  workload: WorkloadInfo;
  podPath: string;
  config: InjectConfig;
  cluster: ClusterContext;
  preset: MeshPreset | undefined;
  /**
   * Render as if the decision were to inject: what an earlier injection would have written, to
   * check an undo record against when the current config or the pod no longer selects the mesh.
   */
  force?: boolean;
}

export interface WorkloadOutcome {
  /** The pod template to write, or null to leave the pristine one. */
  target: PodTemplate | null;
  decision: Decision;
  /** Problems with positions still relative to the pod template. */
  problems: PodProblem[];
  /** Results from the preset (already carrying their own field paths). */
  results: Result[];
  /** ProxyConfig CRs the preset applied (`namespace/name`). */
  proxyConfigs?: string[];
}

export function injectWorkload(input: WorkloadInput): WorkloadOutcome {
  const { pod, workload, config } = input;
  const problems = validatePodTemplate(pod);
  const metadata = (isObject(pod.metadata) ? pod.metadata : {}) as Record<string, unknown>;
  const spec = (isObject(pod.spec) ? pod.spec : {}) as Record<string, unknown>;
  const selection = decideMeshInjection(
    {
      namespace: workload.namespace,
      podLabels: (isObject(metadata.labels) ? metadata.labels : {}) as Record<string, unknown>,
      podAnnotations: (isObject(metadata.annotations) ? metadata.annotations : {}) as Record<string, unknown>,
      hostNetwork: spec.hostNetwork === true,
      namespaces: input.cluster.namespaces,
    },
    config,
    input.preset,
  );
  const decision: Decision = input.force ? { inject: true, code: 'injected', reason: 'forced' } : selection;
  if (problems.length) return { target: null, decision, problems, results: [] };

  let target: PodTemplate = cloneData({ metadata, spec }) as unknown as PodTemplate;
  const results: Result[] = [];
  let proxyConfigs: string[] | undefined;
  const injectedNames = new Set<string>();
  if (decision.inject && input.preset) {
    const meshProblems = input.preset.checkPod(pod);
    if (meshProblems.length) return { target: null, decision, problems: meshProblems, results: [] };
    const namespaceObject = input.cluster.namespaces.get(workload.namespace);
    const rendered = input.preset.render({ pod: target, workload, config, podPath: input.podPath, proxyConfigs: input.cluster.proxyConfigs, ...(namespaceObject ? { namespaceObject } : {}) });
    results.push(...rendered.results);
    if (!rendered.pod || rendered.results.some((r) => r.severity === 'error')) {
      return { target: null, decision, problems: [], results };
    }
    target = rendered.pod;
    proxyConfigs = rendered.proxyConfigs;
    for (const name of input.preset.containers) injectedNames.add(name);
  }
  if (!isExcludedFromSidecars(selection)) target = applySidecars(target, workload, config, injectedNames);
  const changed = decision.inject || activeSidecars(config).length > 0;
  // A Pod's template is the whole object: keep apiVersion, kind, status... in their places.
  const full = { ...pod, ...target } as PodTemplate;
  return { target: changed ? full : null, decision, problems: [], results, ...(proxyConfigs ? { proxyConfigs } : {}) };
}

/** Custom sidecars follow the namespace rules and opt-outs, not the mesh-specific ones. */
function isExcludedFromSidecars(decision: Decision): boolean {
  return (
    decision.code === 'skipped-system-namespace' ||
    decision.code === 'skipped-namespace-skipped' ||
    decision.code === 'skipped-namespace-not-selected' ||
    decision.code === 'skipped-pod-opt-out'
  );
}
