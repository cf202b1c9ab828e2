/**
 * `linkerd uninject` of one document (`pkg/inject/uninject.go`): removes the proxy and init
 * containers, the volumes the injection adds and the `linkerd.io*` labels and annotations (but a
 * `linkerd.io/inject: disabled` stays, and control-plane components keep their metadata). Kinds
 * without a pod template (other than Namespace and Service) are copied as they are.
 */
import { isObject } from '../kube/objects.js';
import { ensurePod, type ResourceConfig } from './resource-config.js';
import { goObject } from './go-object.js';

type Obj = Record<string, unknown>;

const INJECTED_VOLUMES = new Set(['linkerd-identity-end-entity', 'linkerd-proxy-init-xtables-lock', 'linkerd-identity-token']);
const CONTROL_PLANE_COMPONENT = 'linkerd.io/control-plane-component';

/** The uninjected object in its Go form, or undefined when the document is copied as it is. */
export function uninjectDocument(conf: ResourceConfig): Obj | undefined {
  const { object, report } = conf;
  if (!object) return undefined;
  const uninjectMeta = (meta: unknown) => {
    if (isObject(meta) && uninjectObjectMeta(meta)) report.uninjectedProxy = true;
  };
  if (!conf.podPath) {
    uninjectMeta(object.metadata);
    return goObject(object, conf.kind);
  }
  const pod = ensurePod(object, conf.podPath);
  const spec = pod.spec as Obj;
  const inits = Array.isArray(spec.initContainers) ? (spec.initContainers as Obj[]) : [];
  const keptInits = inits.filter((c) => {
    if (c.name === 'linkerd-init') report.uninjectedProxyInit = true;
    if (c.name === 'linkerd-proxy') report.uninjectedProxy = true;
    return c.name !== 'linkerd-init' && c.name !== 'linkerd-proxy';
  });
  const containers = Array.isArray(spec.containers) ? (spec.containers as Obj[]) : [];
  const keptContainers = containers.filter((c) => {
    if (c.name === 'linkerd-proxy') report.uninjectedProxy = true;
    return c.name !== 'linkerd-proxy';
  });
  spec.initContainers = keptInits;
  spec.containers = keptContainers;
  spec.volumes = (Array.isArray(spec.volumes) ? (spec.volumes as Obj[]) : []).filter((v) => !INJECTED_VOLUMES.has(v.name as string));
  if (conf.kind !== 'pod') uninjectMeta(object.metadata);
  uninjectMeta(pod.metadata);
  return goObject(object, conf.kind);
}

/** Removes `linkerd.io/*` metadata; true when an annotation went. Control-plane components keep theirs. */
function uninjectObjectMeta(meta: Obj): boolean {
  const labels = isObject(meta.labels) ? (meta.labels as Record<string, string>) : {};
  if (Object.hasOwn(labels, CONTROL_PLANE_COMPONENT)) return false;
  const annotations = isObject(meta.annotations) ? (meta.annotations as Record<string, string>) : {};
  let removed = false;
  const kept: Record<string, string> = {};
  for (const [key, value] of Object.entries(annotations)) {
    if (!key.startsWith('linkerd.io') || (key === 'linkerd.io/inject' && value === 'disabled')) kept[key] = value;
    else removed = true;
  }
  meta.annotations = kept;
  meta.labels = Object.fromEntries(Object.entries(labels).filter(([key]) => !key.startsWith('linkerd.io')));
  return removed;
}
