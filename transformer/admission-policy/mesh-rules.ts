/**
 * Each mesh's rows of the decision table (`mesh/istio/decision.ts`, `mesh/linkerd/decision.ts`)
 * as CEL variables over the pod and its Namespace, ending in `injectionRequired`; plus what makes
 * a pod choose its own proxy image. They read `variables.selectedByConfig` (the config's
 * `namespaces.inject`), defined by the policy.
 */
import type { InjectConfig } from '../inject-config.js';
import type { InjectorPolicy } from '../mesh/istio-templates/types.js';
import { ISTIO_FOOTPRINT } from '../mesh/istio/footprint.js';
import { LINKERD_FOOTPRINT } from '../mesh/linkerd/footprint.js';
import type { NamespaceMeta } from '../mesh/types.js';
import { celString, celStringList } from './cel-text.js';
import { namespaceValue, podAnnotation, podLabel, podLabelOrAnnotation } from './metadata-lookups.js';
import { anySelectorToCel } from './selector-cel.js';

export interface PolicyVariable {
  name: string;
  expression: string;
}

export interface MeshRules {
  /** The proxy container, a classic container or a native sidecar (init container). */
  proxy: string;
  /**
   * The annotation every injection of the mesh writes (the footprint's `injectedMarker`): with the
   * proxy container it tells an injected pod from one that only declares the container to customise it.
   */
  marker: string;
  /** Variables in order; the last defines `injectionRequired`, the mesh's rows after the mesh-neutral ones. */
  variables: PolicyVariable[];
  /** A pod (or Namespace) annotation that picks the proxy image: the image is then not checked. */
  imageOverridden: string;
  /** Over the container `c`: the manifest chose its image itself (a container of its own under that name). */
  containerChoseImage: string;
  /** The opt-out a message names. */
  optOut: string;
}

/**
 * @param injector template mode's injector config policy: after the namespace selection, a pod
 * that did not opt in itself is injected only when `neverInjectSelector` does not match and
 * `alwaysInjectSelector` does, or else the policy is `enabled` (Istio's `injectRequired`).
 */
export function istioRules(config: InjectConfig, namespaces: ReadonlyMap<string, NamespaceMeta>, injector?: InjectorPolicy): MeshRules {
  const revision = config.istio.revision || 'default';
  const injectorVariables: PolicyVariable[] = injector
    ? [
        {
          name: 'injectorAllows',
          expression: [
            `(${anySelectorToCel(injector.neverInjectSelector)}) ? false`,
            `: (${anySelectorToCel(injector.alwaysInjectSelector)}) ? true`,
            `: ${injector.policy === 'enabled'}`,
          ].join('\n'),
        },
      ]
    : [];
  // the namespace selected the pod: the injector config still decides, unless the pod opted in
  const selected = injector ? "(variables.podInject == 'true' || variables.injectorAllows)" : 'true';
  const and = (condition: string) => (injector ? `(${condition} && ${selected})` : condition);
  return {
    proxy: 'istio-proxy',
    marker: ISTIO_FOOTPRINT.injectedMarker!,
    variables: [
      { name: 'podInject', expression: podLabelOrAnnotation('sidecar.istio.io/inject') },
      { name: 'podRevision', expression: podLabel('istio.io/rev') },
      { name: 'namespaceInjection', expression: namespaceValue('labels', 'istio-injection', namespaces) },
      { name: 'namespaceRevision', expression: namespaceValue('labels', 'istio.io/rev', namespaces) },
      ...injectorVariables,
      {
        name: 'injectionRequired',
        expression: [
          "variables.podInject == 'false' ? false",
          ": variables.namespaceInjection == 'disabled' ? false",
          `: variables.namespaceInjection == 'enabled' ? ${selected}`,
          `: variables.namespaceRevision != '' ? ${and(`variables.namespaceRevision == ${celString(revision)}`)}`,
          `: variables.podRevision != '' ? ${and(`variables.podRevision == ${celString(revision)}`)}`,
          ": variables.podInject == 'true' ? true",
          `: ${and('variables.selectedByConfig')}`,
        ].join('\n'),
      },
    ],
    // a proxy.istio.io/config annotation may set `image.imageType` (JSON or YAML): not checked then
    imageOverridden: `(${podAnnotation('sidecar.istio.io/proxyImage')}) != '' || (${podAnnotation('sidecar.istio.io/proxyImageType')}) != '' || (${podAnnotation('proxy.istio.io/config')}).contains('image')`,
    // Istio merges a container the manifest declares under an injected one's name over it (image
    // included) and records the manifest's containers, name first, in proxy.istio.io/overrides.
    containerChoseImage: `(${podAnnotation('proxy.istio.io/overrides')}).contains('"name":"' + c.name + '","image":"' + (has(c.image) ? c.image : '') + '"')`,
    optOut: 'sidecar.istio.io/inject: "false"',
  };
}

export function linkerdRules(namespaces: ReadonlyMap<string, NamespaceMeta>): MeshRules {
  const enabled = celStringList(['enabled', 'ingress']);
  const chosenImage = (key: string) => `(${podAnnotation(key)}) != '' || (${namespaceValue('annotations', key, namespaces)}) != ''`;
  return {
    proxy: 'linkerd-proxy',
    marker: LINKERD_FOOTPRINT.injectedMarker!,
    variables: [
      { name: 'podInject', expression: podAnnotation('linkerd.io/inject') },
      { name: 'namespaceWebhooks', expression: namespaceValue('labels', 'config.linkerd.io/admission-webhooks', namespaces) },
      { name: 'namespaceInject', expression: namespaceValue('annotations', 'linkerd.io/inject', namespaces) },
      {
        name: 'injectionRequired',
        expression: [
          "variables.podInject == 'disabled' ? false",
          ": variables.namespaceWebhooks == 'disabled' ? false",
          `: variables.podInject in ${enabled} ? true`,
          ": variables.namespaceInject == 'disabled' ? false",
          `: variables.namespaceInject in ${enabled} ? true`,
          ': variables.selectedByConfig',
        ].join('\n'),
      },
    ],
    imageOverridden: [chosenImage('config.linkerd.io/proxy-image'), chosenImage('config.linkerd.io/proxy-version')].join(' || '),
    // Linkerd keeps no container of the manifest's under its own names
    containerChoseImage: 'false',
    optOut: 'linkerd.io/inject: disabled',
  };
}
