/**
 * What must hold of a pristine pod before Istio's sidecar goes in: no application port in the
 * proxy's range, and no complete Istio sidecar that another tool injected.
 */
import type { PodProblem } from '../types.js';
import { INIT_CONTAINER, PROXY_CONTAINER, VALIDATION_CONTAINER } from './names.js';

const CONTAINER_LISTS = ['containers', 'initContainers'] as const;

/** The containers Istio's injection adds (the core-dump container only with an annotation, and never in our output). */
export const ISTIO_CONTAINERS: ReadonlySet<string> = new Set([PROXY_CONTAINER, INIT_CONTAINER, VALIDATION_CONTAINER]);

/** Istio's sidecar listens on these ports; an application port in this range breaks traffic capture. */
const RESERVED_PORT_MIN = 15000;
const RESERVED_PORT_MAX = 15090;

/** Checks that only matter when the Istio sidecar is going in (the pod has no record: undo ran first). */
export function checkIstioPod(pod: Readonly<Record<string, unknown>>): PodProblem[] {
  const problems: PodProblem[] = [];
  const spec = pod.spec as Record<string, unknown>;
  for (const list of CONTAINER_LISTS) {
    for (const container of (spec[list] as Array<Record<string, unknown>> | undefined) ?? []) {
      const name = container.name as string;
      if (!ISTIO_CONTAINERS.has(name)) {
        for (const port of (container.ports as Array<Record<string, unknown>> | undefined) ?? []) {
          const number = port?.containerPort;
          if (typeof number === 'number' && number >= RESERVED_PORT_MIN && number <= RESERVED_PORT_MAX) {
            problems.push({
              path: ['spec', list, { name }, 'ports', { containerPort: number }],
              code: 'reserved-port',
              message: `container ${name} uses port ${number}, which is reserved for the Istio sidecar (15000-15090); move the application to another port or opt the workload out with the label sidecar.istio.io/inject: "false"`,
            });
          }
        }
      } else if (looksInjected(container)) {
        problems.push({
          path: ['spec', list, { name }],
          code: 'container-name-reserved',
          message: `container ${name} is a complete Istio sidecar but the pod has no mesh-inject record (was it injected by another tool?); remove the injected containers, or keep only the fields you want to override (an override of ${name})`,
        });
      }
    }
  }
  return problems;
}

/** A full sidecar rather than an override: the proxy's or iptables' own command line. */
function looksInjected(container: Record<string, unknown>): boolean {
  const args = container.args;
  if (!Array.isArray(args)) return false;
  return (args[0] === 'proxy' && (args[1] === 'sidecar' || args[1] === 'router')) || args[0] === 'istio-iptables';
}
