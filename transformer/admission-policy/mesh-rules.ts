/**
 * Each mesh's rows of the decision table (`mesh/istio/decision.ts`, `mesh/linkerd/decision.ts`)
 * as CEL variables over the pod and its Namespace, ending in `injectionRequired`; plus what makes
 * a pod choose its own proxy image. They read `variables.selectedByConfig` (the config's
 * `namespaces.inject`), defined by the policy.
 */
import type { InjectConfig } from '../inject-config.js';
import type { NamespaceMeta } from '../mesh/types.js';
import { celString, celStringList } from './cel-text.js';
import { namespaceValue, podAnnotation, podLabel, podLabelOrAnnotation } from './metadata-lookups.js';

export interface PolicyVariable {
  name: string;
  expression: string;
}

export interface MeshRules {
  /** The proxy container, a classic container or a native sidecar (init container). */
  proxy: string;
  /** Variables in order; the last defines `injectionRequired`, the mesh's rows after the mesh-neutral ones. */
  variables: PolicyVariable[];
  /** A pod (or Namespace) annotation that picks the proxy image: the image is then not checked. */
  imageOverridden: string;
  /** The opt-out a message names. */
  optOut: string;
}

export function istioRules(config: InjectConfig, namespaces: ReadonlyMap<string, NamespaceMeta>): MeshRules {
  const revision = config.istio.revision || 'default';
  return {
    proxy: 'istio-proxy',
    variables: [
      { name: 'podInject', expression: podLabelOrAnnotation('sidecar.istio.io/inject') },
      { name: 'podRevision', expression: podLabel('istio.io/rev') },
      { name: 'namespaceInjection', expression: namespaceValue('labels', 'istio-injection', namespaces) },
      { name: 'namespaceRevision', expression: namespaceValue('labels', 'istio.io/rev', namespaces) },
      {
        name: 'injectionRequired',
        expression: [
          "variables.podInject == 'false' ? false",
          ": variables.namespaceInjection == 'disabled' ? false",
          ": variables.namespaceInjection == 'enabled' ? true",
          `: variables.namespaceRevision != '' ? variables.namespaceRevision == ${celString(revision)}`,
          `: variables.podRevision != '' ? variables.podRevision == ${celString(revision)}`,
          ": variables.podInject == 'true' ? true",
          ': variables.selectedByConfig',
        ].join('\n'),
      },
    ],
    imageOverridden: `(${podAnnotation('sidecar.istio.io/proxyImage')}) != '' || (${podAnnotation('sidecar.istio.io/proxyImageType')}) != ''`,
    optOut: 'sidecar.istio.io/inject: "false"',
  };
}

export function linkerdRules(namespaces: ReadonlyMap<string, NamespaceMeta>): MeshRules {
  const enabled = celStringList(['enabled', 'ingress']);
  const chosenImage = (key: string) => `(${podAnnotation(key)}) != '' || (${namespaceValue('annotations', key, namespaces)}) != ''`;
  return {
    proxy: 'linkerd-proxy',
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
    optOut: 'linkerd.io/inject: disabled',
  };
}
