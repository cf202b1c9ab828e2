/**
 * `linkerd uninject` of one pod template: the proxy and linkerd-init containers, the volumes the
 * injection adds, and the `linkerd.io/*` labels and annotations (except `linkerd.io/inject:
 * disabled`). Control-plane pods (label `linkerd.io/control-plane-component`) keep their
 * `linkerd.io/*` metadata, as Linkerd keeps it. Linkerd leaves `linkerd-debug` and
 * `linkerd-network-validator` in place; `complete` removes them too.
 */
import { isObject } from '../../kube/objects.js';
import type { Container, ObjectMeta, PodSpec, Volume } from '../../kube/objects.js';
import type { PodTemplate } from '../types.js';
import { ANN, DEBUG_CONTAINER, INIT_CONTAINER, INJECT, LABEL, LINKERD_PREFIX, PROXY_CONTAINER, VALIDATOR_CONTAINER, VOLUME } from './names.js';

export interface UninjectOutcome {
  pod: PodTemplate;
  /** A proxy container or a `linkerd.io/*` annotation was removed (Linkerd's report says "uninjected"). */
  removedProxy: boolean;
  removedProxyInit: boolean;
}

const VOLUMES = new Set<string>([VOLUME.identity, VOLUME.xtablesLock, VOLUME.token]);

export function uninjectLinkerdPod(pod: PodTemplate, options: { complete?: boolean } = {}): UninjectOutcome {
  let removedProxy = false;
  let removedProxyInit = false;
  const extra = new Set<string>(options.complete ? [DEBUG_CONTAINER, VALIDATOR_CONTAINER] : []);
  const spec: PodSpec = { ...(isObject(pod.spec) ? pod.spec : ({} as PodSpec)) };

  if (Array.isArray(spec.initContainers)) {
    const kept = spec.initContainers.filter((c: Container) => {
      if (c?.name === INIT_CONTAINER) removedProxyInit = true;
      else if (c?.name === PROXY_CONTAINER) removedProxy = true;
      else return !extra.has(c?.name);
      return false;
    });
    if (kept.length > 0) spec.initContainers = kept;
    else delete spec.initContainers;
  }
  if (Array.isArray(spec.containers)) {
    spec.containers = spec.containers.filter((c: Container) => {
      if (c?.name === PROXY_CONTAINER) {
        removedProxy = true;
        return false;
      }
      return !extra.has(c?.name);
    });
  }
  if (Array.isArray(spec.volumes)) {
    const kept = spec.volumes.filter((v: Volume) => !VOLUMES.has(v?.name));
    if (kept.length > 0) spec.volumes = kept;
    else delete spec.volumes;
  }

  const meta: ObjectMeta = { ...(isObject(pod.metadata) ? pod.metadata : {}) };
  const isControlPlane = isObject(meta.labels) && Object.hasOwn(meta.labels, LABEL.controlPlaneComponent);
  if (!isControlPlane) {
    if (isObject(meta.annotations)) {
      const kept: Record<string, string> = {};
      for (const [key, value] of Object.entries(meta.annotations)) {
        if (!key.startsWith(LINKERD_PREFIX) || (key === ANN.inject && value === INJECT.disabled)) kept[key] = value;
        else removedProxy = true;
      }
      if (Object.keys(kept).length > 0) meta.annotations = kept;
      else delete meta.annotations;
    }
    if (isObject(meta.labels)) {
      const kept = Object.fromEntries(Object.entries(meta.labels).filter(([key]) => !key.startsWith(LINKERD_PREFIX)));
      if (Object.keys(kept).length > 0) meta.labels = kept;
      else delete meta.labels;
    }
  }
  return { pod: { ...pod, metadata: meta, spec }, removedProxy, removedProxyInit };
}
