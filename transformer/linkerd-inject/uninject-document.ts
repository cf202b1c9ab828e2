/**
 * `linkerd uninject` of one document (`pkg/inject/uninject.go`): the pod template loses what an
 * injection adds (the preset's `uninjectLinkerdPod`), and the object's own metadata its
 * `linkerd.io*` labels and annotations by the same rule (Namespaces and Services included). Kinds
 * without a pod template (other than Namespace and Service) are copied as they are.
 */
import { isObject } from '../kube/objects.js';
import { uninjectLinkerdPod } from '../mesh/linkerd/index.js';
import type { PodTemplate } from '../mesh/types.js';
import { ensurePod, type ResourceConfig } from './resource-config.js';
import { goObject } from './go-object.js';

type Obj = Record<string, unknown>;

/** The uninjected object in its Go form, or undefined when the document is copied as it is. */
export function uninjectDocument(conf: ResourceConfig): Obj | undefined {
  const { object, report } = conf;
  if (!object) return undefined;
  // A Pod's own metadata is its pod template's; other objects' metadata is uninjected on its own.
  if (conf.kind !== 'pod' && isObject(object.metadata)) {
    const out = uninjectLinkerdPod({ metadata: object.metadata, spec: {} } as unknown as PodTemplate);
    object.metadata = out.pod.metadata as unknown as Obj;
    if (out.removedProxy) report.uninjectedProxy = true;
  }
  if (conf.podPath) {
    const pod = ensurePod(object, conf.podPath);
    const out = uninjectLinkerdPod(pod as unknown as PodTemplate);
    pod.metadata = out.pod.metadata as unknown as Obj;
    pod.spec = out.pod.spec as unknown as Obj;
    if (out.removedProxy) report.uninjectedProxy = true;
    if (out.removedProxyInit) report.uninjectedProxyInit = true;
  }
  return goObject(object, conf.kind);
}
