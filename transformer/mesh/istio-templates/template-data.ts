/**
 * Istio's `SidecarTemplateData` (pkg/kube/inject/inject.go) as Go values: the `.` of every
 * injection template.
 *
 * | field                      | from                                                                |
 * |----------------------------|---------------------------------------------------------------------|
 * | `TypeMeta`, `DeploymentMeta` | the owning workload (a bare Pod: its controller, Istio's heuristics) |
 * | `ObjectMeta`, `Spec`       | the pod template (`metav1.ObjectMeta`, `corev1.PodSpec`)             |
 * | `ProxyConfig`              | mesh `defaultConfig` + the pod's `proxy.istio.io/config`             |
 * | `MeshConfig`               | the mesh config over Istio's defaults                                |
 * | `Values`                   | the injector's values (`map[string]interface{}`)                     |
 * | `ProxyImage`, `ProxyInitImage` | Istio's `ProxyImage`/`ProxyInitImage` from values and annotations |
 * | `ProxyUID`, `ProxyGID`     | 1337, or the OpenShift namespace's ranges                            |
 * | `InboundTrafficPolicyMode` | `localhost` for mesh `inboundTrafficPolicy.mode: LOCALHOST`, else `passthrough` |
 */
import { structValue } from '../../gotemplate/index.js';
import { isObject } from '../../kube/objects.js';
import { valuesImage } from '../istio/images.js';
import { stringMap } from '../istio/pod-access.js';
import { workloadIdentity } from '../istio/workload-identity.js';
import type { ProxyConfig } from '../istio/proxy-config.js';
import type { PodTemplate, WorkloadInfo } from '../types.js';
import { k8sStruct } from '../../go/go-k8s.js';
import type { DeepReadonly } from '../../data/deep-readonly.js';
import { protoMessage, type MessageCache } from './go-proto.js';
import type { MeshConfigJson } from './mesh-defaults.js';
import type { ValuesMap, ValuesSettings } from './values.js';

interface TemplateDataInput {
  /** The pod as the templates see it (previous injection stripped). */
  pod: PodTemplate;
  workload: WorkloadInfo;
  proxyConfig: DeepReadonly<ProxyConfig>;
  mesh: DeepReadonly<MeshConfigJson>;
  values: DeepReadonly<ValuesMap>;
  settings: ValuesSettings;
  revision: string;
  nativeSidecars: boolean;
  proxyUID: bigint;
  proxyGID: bigint;
  compliancePolicy: string;
  /** Message structs of the mesh config and ProxyConfigs built before (`ParsedInputs.cache`). */
  messages: MessageCache;
}

export function sidecarTemplateData(input: TemplateDataInput): object {
  const { pod, workload, proxyConfig, settings } = input;
  const annotations = stringMap(pod.metadata.annotations);
  // The webhook sees the pod in the request's namespace.
  const metadata = { ...pod.metadata, namespace: pod.metadata.namespace ?? workload.namespace };
  // A bare Pod is named after its controller, as Istio's GetDeployMetaFromPod guesses it.
  const owner = workloadIdentity(workload, pod);
  const imageType = isObject(proxyConfig.image) && typeof proxyConfig.image.imageType === 'string' ? proxyConfig.image.imageType : '';
  return structValue('inject.SidecarTemplateData', {
    TypeMeta: k8sStruct('meta.TypeMeta', { kind: owner.kind, apiVersion: owner.apiVersion }),
    DeploymentMeta: namespacedName(owner.namespace, owner.name),
    ObjectMeta: k8sStruct('meta.ObjectMeta', metadata),
    Spec: k8sStruct('core.PodSpec', pod.spec),
    ProxyConfig: protoMessage('ProxyConfig', proxyConfig, input.messages),
    MeshConfig: protoMessage('MeshConfig', input.mesh, input.messages),
    Values: input.values,
    Revision: input.revision,
    NativeSidecars: input.nativeSidecars,
    ProxyImage: valuesImage(settings, settings.proxyImageName, imageType, annotations),
    ProxyInitImage: valuesImage(settings, settings.proxyInitImageName, '', annotations),
    ProxyUID: input.proxyUID,
    ProxyGID: input.proxyGID,
    InboundTrafficPolicyMode: inboundTrafficPolicyMode(input.mesh),
    CompliancePolicy: input.compliancePolicy,
  });
}

/** `types.NamespacedName`: prints as `namespace/name`. */
function namespacedName(namespace: string, name: string): object {
  return structValue('types.NamespacedName', { Namespace: namespace, Name: name, String: () => `${namespace}/${name}` });
}

/** Istio's `InboundTrafficPolicyMode`. */
function inboundTrafficPolicyMode(mesh: DeepReadonly<MeshConfigJson>): string {
  const policy = mesh.inboundTrafficPolicy;
  const mode = isObject(policy) ? policy.mode : undefined;
  return mode === 'LOCALHOST' || mode === 1 ? 'localhost' : 'passthrough';
}
