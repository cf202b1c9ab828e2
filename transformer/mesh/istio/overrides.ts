/**
 * User customization of injected containers: a container in the user's pod with the name of one
 * the template injects (`istio-proxy`, `istio-init`, `istio-validation`) is merged ON TOP of the
 * injected one, so user fields win; `image: auto` keeps the injected image. Like Istio, the user's
 * containers are recorded in `proxy.istio.io/overrides`
 * (`{"containers":[...],"initContainers":[...]}`), and a user `runAsUser`/`runAsGroup` on
 * `istio-proxy` is carried to the iptables `-u` argument and to `istio-validation`.
 */
import type { Container } from '../../kube/objects.js';
import { cloneData, isObject } from '../../kube/objects.js';
import type { PodTemplate } from '../types.js';
import { isDirectiveKey, POD_TEMPLATE_SCHEMA, tryStrategicMerge, type MergeOutcome } from '../../kube/strategic-merge/index.js';
import { containerJson } from './recorded-json.js';
import { ANN, INIT_CONTAINER, PROXY_CONTAINER, VALIDATION_CONTAINER } from './names.js';
import { findContainer, findProxy, withAnnotation } from './pod-access.js';
import type { ProxyConfig } from './proxy-config.js';

/** The image value that means "use the injected image". */
const AUTO_IMAGE = 'auto';

/**
 * Native sidecars: a user `istio-proxy` under `containers` is moved to the end of
 * `initContainers` before the template is merged, so both meet there.
 */
export function moveUserProxyToInit(pod: PodTemplate, template: PodTemplate): PodTemplate {
  if (!findContainer(template.spec.initContainers, PROXY_CONTAINER)) return pod;
  const user = findContainer(pod.spec.containers, PROXY_CONTAINER);
  if (!user) return pod;
  return {
    ...pod,
    spec: {
      ...pod.spec,
      containers: (pod.spec.containers ?? []).filter((c) => c !== user),
      initContainers: [...(pod.spec.initContainers ?? []), user],
    },
  };
}

/**
 * What an earlier injection left on the pod (re-injection of an Istio-injected pod): the names its
 * `sidecar.istio.io/status` listed and the containers saved in `proxy.istio.io/overrides`.
 */
export interface PreviousInjection {
  containers: string[];
  initContainers: string[];
  overrides: { containers: Container[]; initContainers: Container[] };
}

/**
 * Istio's `reapplyOverwrittenContainers`: for every container the template produced (`template`)
 * that the user's pod (`original`) also has, the user's container is merged on top of `merged`.
 * `proxyConfig` is the pod's effective ProxyConfig (its interception mode matters for the uid fix-up).
 * With a `previous` injection, containers it listed are not user containers, the saved overrides
 * come first, and the overrides annotation is left as it was. Fails where Istio's merge fails (a
 * keyed list item of the user's without its merge key).
 */
export function reapplyUserContainers(
  merged: PodTemplate,
  original: PodTemplate,
  template: PodTemplate,
  proxyConfig: ProxyConfig,
  previous?: PreviousInjection,
): MergeOutcome<PodTemplate> {
  const recorded: { containers: Container[]; initContainers: Container[] } = { containers: [], initContainers: [] };
  let pod = merged;
  for (const injected of template.spec.containers ?? []) {
    if (previous?.containers.includes(injected.name)) continue;
    const user = findContainer(previous?.overrides.containers, injected.name) ?? findContainer(original.spec.containers, injected.name);
    if (!user) continue;
    const overlay = overlayOf(user);
    recorded.containers.push(overlay);
    const next = applyContainer(pod, 'containers', overlay);
    if (!next.ok) return next;
    pod = next.value;
  }
  for (const injected of template.spec.initContainers ?? []) {
    if (previous?.initContainers.includes(injected.name)) continue;
    const user =
      findContainer(previous?.overrides.initContainers, injected.name) ??
      findContainer(original.spec.containers, injected.name) ??
      findContainer(original.spec.initContainers, injected.name);
    if (!user) continue;
    const overlay = overlayOf(user);
    recorded.initContainers.push(overlay);
    const next = applyContainer(pod, 'initContainers', overlay);
    if (!next.ok) return next;
    pod = next.value;
  }
  if (!previous && recorded.containers.length + recorded.initContainers.length > 0) {
    pod = withAnnotation(pod, ANN.overrides, overridesJson(recorded));
  }
  return { ok: true, value: adjustInitContainerUser(pod, original, proxyConfig) };
}

/** Istio's `applyContainer`: the user's container strategic-merged onto the pod as a patch, so its fields win. */
function applyContainer(pod: PodTemplate, list: 'containers' | 'initContainers', overlay: Container): MergeOutcome<PodTemplate> {
  return tryStrategicMerge(pod, { spec: { [list]: [overlay] } }, POD_TEMPLATE_SCHEMA, { shareOriginal: true });
}

/**
 * The user's container as a patch, as Go's `omitempty` round trip leaves it: no `image: auto`,
 * no nulls, empty strings or empty lists (so `args: []` does not wipe the injected args), and no
 * patch directives (`$patch`...: not fields of a Go `Container`, so Istio's decode drops them).
 */
function overlayOf(user: Container): Container {
  const overlay = dropEmpty(cloneData(user)) as Container;
  if (overlay.image === AUTO_IMAGE) delete overlay.image;
  return overlay;
}

function dropEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropEmpty);
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === null || v === '' || (Array.isArray(v) && v.length === 0) || isDirectiveKey(k)) continue;
    out[k] = dropEmpty(v);
  }
  return out;
}

function overridesJson(recorded: { containers: Container[]; initContainers: Container[] }): string {
  const parts: string[] = [];
  if (recorded.containers.length > 0) parts.push(`"containers":[${recorded.containers.map(containerJson).join(',')}]`);
  if (recorded.initContainers.length > 0) parts.push(`"initContainers":[${recorded.initContainers.map(containerJson).join(',')}]`);
  return `{${parts.join(',')}}`;
}

/**
 * Istio's `adjustInitContainerUser`: the proxy's user-chosen uid becomes iptables' `-u` (never 0),
 * `istio-validation` runs as the proxy's uid/gid, and TPROXY forces the proxy back to uid 0.
 */
function adjustInitContainerUser(pod: PodTemplate, original: PodTemplate, proxyConfig: ProxyConfig): PodTemplate {
  const user = findProxy(original);
  const sc = user?.securityContext;
  if (!sc || (sc.runAsUser === undefined && sc.runAsGroup === undefined)) return pod;
  const init = findContainer(pod.spec.initContainers, INIT_CONTAINER) ?? findContainer(pod.spec.initContainers, VALIDATION_CONTAINER);
  if (!init) return pod;
  const annotations = pod.metadata.annotations ?? {};
  const tproxy = proxyConfig.interceptionMode === 'TPROXY' || annotations[ANN.interceptionMode] === 'TPROXY';
  const next = cloneData(pod);
  if (tproxy && sc.runAsUser !== undefined) {
    const proxy = findProxy(next);
    if (proxy) proxy.securityContext = { ...proxy.securityContext, runAsUser: 0 };
  }
  const nextInit = findContainer(next.spec.initContainers, init.name)!;
  if (!tproxy && nextInit.name === VALIDATION_CONTAINER) {
    nextInit.securityContext = {
      ...nextInit.securityContext,
      ...(sc.runAsUser !== undefined ? { runAsUser: sc.runAsUser } : {}),
      ...(sc.runAsGroup !== undefined ? { runAsGroup: sc.runAsGroup } : {}),
    };
  }
  if (sc.runAsUser !== undefined && sc.runAsUser !== 0 && nextInit.args) {
    const at = nextInit.args.indexOf('-u');
    if (at >= 0 && at + 1 < nextInit.args.length) nextInit.args[at + 1] = String(sc.runAsUser);
  }
  return next;
}
