/**
 * Checks a pod template before anything is injected into it. Problems are returned with
 * paths relative to the pod template; the engine turns them into file:line:col results.
 */
import type { PathSegment } from '../yaml/node-path.js';
import { isObject } from '../kube/objects.js';
import type { PodProblem } from '../mesh/types.js';

export type { PodProblem } from '../mesh/types.js';

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
