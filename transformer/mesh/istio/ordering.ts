/**
 * Container order after injection (Istio's `reorderPod`):
 *
 * | proxy placement        | containers                               | initContainers                                                     |
 * |------------------------|------------------------------------------|--------------------------------------------------------------------|
 * | native (init)          | unchanged                                | istio-init, istio-validation, istio-proxy, enable-core-dump, user… |
 * | classic, no hold       | user…, istio-proxy (kubectl defaults to the app) | istio-validation, user…, istio-init, enable-core-dump      |
 * | classic, hold          | istio-proxy, user…                       | same as above                                                      |
 *
 * Native: the proxy starts before user init containers so they are in the mesh. Classic:
 * validation blocks everything first; iptables is set up last so user init containers are not
 * black-holed before a proxy exists.
 */
import type { Container } from '../../kube/objects.js';
import type { PodTemplate } from '../types.js';
import { CORE_DUMP_CONTAINER, INIT_CONTAINER, PROXY_CONTAINER, VALIDATION_CONTAINER } from './names.js';

export function reorderContainers(pod: PodTemplate, hold: boolean): PodTemplate {
  const containers = move(pod.spec.containers, PROXY_CONTAINER, hold ? 'first' : 'last');
  let init = pod.spec.initContainers;
  if (init?.some((c) => c.name === PROXY_CONTAINER)) {
    for (const name of [CORE_DUMP_CONTAINER, PROXY_CONTAINER, VALIDATION_CONTAINER, INIT_CONTAINER]) init = move(init, name, 'first');
  } else if (init) {
    init = move(init, VALIDATION_CONTAINER, 'first');
    init = move(init, INIT_CONTAINER, 'last');
    init = move(init, CORE_DUMP_CONTAINER, 'last');
  }
  return {
    ...pod,
    spec: { ...pod.spec, ...(containers ? { containers } : {}), ...(init ? { initContainers: init } : {}) },
  };
}

function move<T extends Container[] | undefined>(list: T, name: string, where: 'first' | 'last'): T {
  if (!list) return list;
  const match = list.find((c) => c.name === name);
  if (!match) return list;
  const rest = list.filter((c) => c !== match);
  return (where === 'first' ? [match, ...rest] : [...rest, match]) as T;
}
