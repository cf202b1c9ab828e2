/**
 * Checks a pod template before anything is injected into it. Problems are returned with
 * paths relative to the pod template; the engine turns them into file:line:col results.
 */
import type { PathSegment } from '../yaml/node-path.js';
import type { ResultCode } from '../results.js';
import { isObject } from '../kube/objects.js';

export interface PodProblem {
  path: PathSegment[];
  code: ResultCode;
  message: string;
}

const CONTAINER_LISTS = ['containers', 'initContainers'] as const;

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function checkStringMap(problems: PodProblem[], value: unknown, path: PathSegment[]): void {
  if (value === undefined || value === null) return;
  if (!isObject(value)) {
    problems.push({ path, code: 'invalid-pod-spec', message: `expected a map of strings, got ${typeName(value)}` });
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== 'string') {
      problems.push({
        path: [...path, key],
        code: 'invalid-pod-spec',
        message: `expected a string, got ${typeName(item)}; quote the value (Kubernetes rejects non-string ${String(path.at(-1))})`,
      });
    }
  }
}

/** Shape checks Kubernetes would reject anyway, reported before we touch the file. */
export function validatePodTemplate(pod: unknown): PodProblem[] {
  const problems: PodProblem[] = [];
  if (!isObject(pod)) return [{ path: [], code: 'invalid-pod-spec', message: `expected the pod template to be a map, got ${typeName(pod)}` }];
  const metadata = pod.metadata;
  if (metadata !== undefined && metadata !== null && !isObject(metadata)) {
    problems.push({ path: ['metadata'], code: 'invalid-pod-spec', message: `expected a map, got ${typeName(metadata)}` });
  } else if (isObject(metadata)) {
    checkStringMap(problems, metadata.labels, ['metadata', 'labels']);
    checkStringMap(problems, metadata.annotations, ['metadata', 'annotations']);
  }
  const spec = pod.spec;
  if (!isObject(spec)) {
    problems.push({ path: ['spec'], code: 'invalid-pod-spec', message: `expected spec to be a map, got ${spec === undefined ? 'nothing' : typeName(spec)}; a pod template needs spec.containers` });
    return problems;
  }
  if (!Array.isArray(spec.containers) || spec.containers.length === 0) {
    problems.push({ path: ['spec', 'containers'], code: 'invalid-pod-spec', message: `expected a non-empty list of containers, got ${spec.containers === undefined ? 'nothing' : typeName(spec.containers)}` });
  }
  const seen = new Set<string>();
  for (const list of CONTAINER_LISTS) {
    const containers = spec[list];
    if (containers === undefined || containers === null) continue;
    if (!Array.isArray(containers)) {
      problems.push({ path: ['spec', list], code: 'invalid-pod-spec', message: `expected a list of containers, got ${typeName(containers)}` });
      continue;
    }
    containers.forEach((container, index) => {
      if (!isObject(container)) {
        problems.push({ path: ['spec', list, index], code: 'invalid-pod-spec', message: `expected a container (a map), got ${typeName(container)}` });
        return;
      }
      if (typeof container.name !== 'string' || container.name === '') {
        problems.push({ path: ['spec', list, index], code: 'invalid-pod-spec', message: 'every container needs a string name' });
        return;
      }
      if (seen.has(container.name)) {
        problems.push({ path: ['spec', list, { name: container.name }], code: 'invalid-pod-spec', message: `duplicate container name ${container.name}; container names must be unique in a pod` });
      }
      seen.add(container.name);
      for (const field of ['env', 'ports', 'volumeMounts', 'args', 'command'] as const) {
        const value = container[field];
        if (value !== undefined && value !== null && !Array.isArray(value)) {
          problems.push({ path: ['spec', list, { name: container.name }, field], code: 'invalid-pod-spec', message: `expected a list, got ${typeName(value)}` });
        }
      }
    });
  }
  for (const field of ['volumes', 'imagePullSecrets'] as const) {
    const value = spec[field];
    if (value !== undefined && value !== null && !Array.isArray(value)) {
      problems.push({ path: ['spec', field], code: 'invalid-pod-spec', message: `expected a list, got ${typeName(value)}` });
    }
  }
  if (spec.hostNetwork !== undefined && typeof spec.hostNetwork !== 'boolean') {
    problems.push({ path: ['spec', 'hostNetwork'], code: 'invalid-pod-spec', message: `expected true or false, got ${typeName(spec.hostNetwork)}` });
  }
  return problems;
}

/** Istio's sidecar listens on these ports; an application port in this range breaks traffic capture. */
const RESERVED_PORT_MIN = 15000;
const RESERVED_PORT_MAX = 15090;
const MESH_CONTAINERS = new Set(['istio-proxy', 'istio-init', 'istio-validation']);

/** Checks that only matter when the Istio sidecar is going in. */
export function validateForIstio(pod: Record<string, unknown>, hasRecord: boolean): PodProblem[] {
  const problems: PodProblem[] = [];
  const spec = pod.spec as Record<string, unknown>;
  for (const list of CONTAINER_LISTS) {
    for (const container of (spec[list] as Array<Record<string, unknown>> | undefined) ?? []) {
      const name = container.name as string;
      if (!MESH_CONTAINERS.has(name)) {
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
      } else if (!hasRecord && looksInjected(container)) {
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
