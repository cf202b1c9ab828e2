/** Linkerd as a MeshPreset for the engine: render is `injectLinkerdPod` of the pristine pod. */
import type { DeepReadonly } from '../../data/deep-readonly.js';
import type { Result } from '../../results.js';
import type { MeshPreset, MeshRenderInput, MeshRenderOutput, PodProblem } from '../types.js';
import { injectLinkerdPod } from './inject.js';
import { INIT_CONTAINER, PROXY_CONTAINER, VALIDATOR_CONTAINER, DEBUG_CONTAINER } from './names.js';
import type { LinkerdValues } from './values.js';

/** The containers a Linkerd injection adds. */
export const LINKERD_CONTAINERS: ReadonlySet<string> = new Set([PROXY_CONTAINER, INIT_CONTAINER, VALIDATOR_CONTAINER, DEBUG_CONTAINER]);

/** `origin` defaults to 'webhook': the engine writes what the cluster's proxy injector would. */
export function linkerdPreset(values: DeepReadonly<LinkerdValues>, options: { createdBy: string; origin?: 'cli' | 'webhook' }): MeshPreset {
  return {
    mesh: 'linkerd',
    containers: LINKERD_CONTAINERS,
    checkPod: checkLinkerdPod,
    render(input: MeshRenderInput): MeshRenderOutput {
      const { workload } = input;
      const out = injectLinkerdPod({
        pod: input.pod,
        owner: { kind: workload.kind, name: workload.name, namespace: workload.namespace },
        values,
        createdBy: options.createdBy,
        origin: options.origin ?? 'webhook',
      });
      return { pod: out.pod, results: out.results.map((r) => underPod(r, input.podPath)) };
    },
  };
}

function underPod(result: Result, podPath: string): Result {
  if (!result.field || podPath === '') return result;
  return { ...result, field: { path: `${podPath}.${result.field.path}` } };
}

/** A complete Linkerd proxy in a pod the engine has no record for: injected by another tool. */
function checkLinkerdPod(pod: Readonly<Record<string, unknown>>): PodProblem[] {
  const problems: PodProblem[] = [];
  const spec = (pod.spec ?? {}) as Record<string, unknown>;
  for (const list of ['containers', 'initContainers'] as const) {
    for (const container of (spec[list] as Array<Record<string, unknown>> | undefined) ?? []) {
      const name = container?.name;
      if (name === PROXY_CONTAINER || name === INIT_CONTAINER) {
        problems.push({
          path: ['spec', list, { name }],
          code: 'container-name-reserved',
          message: `container ${name} is a Linkerd sidecar but the pod has no mesh-inject record (was it injected by linkerd inject or another tool?); remove it first (mesh-inject linkerd uninject, or linkerd uninject)`,
        });
      }
    }
  }
  return problems;
}
