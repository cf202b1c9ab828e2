/**
 * Istio's rows of the decision table (after the mesh-neutral rows of `policy/decision.ts`): the
 * webhook's namespace and revision selectors and Istio's `injectRequired`, plus the config's
 * namespace globs where the cluster would use a namespace label.
 *
 * | # | condition                                                         | result                            |
 * |---|-------------------------------------------------------------------|-----------------------------------|
 * | 1 | pod opt-out: label (else annotation) `sidecar.istio.io/inject: "false"` | skipped-pod-opt-out         |
 * | 2 | Namespace object labelled `istio-injection: disabled`             | skipped-namespace-label-disabled  |
 * | 3 | Namespace object labelled `istio-injection: enabled`              | injected                          |
 * | 4 | Namespace object `istio.io/rev: R` (R is not our revision)        | skipped-namespace-other-revision  |
 * | 5 | Namespace object `istio.io/rev: R` (R is our revision)            | injected                          |
 * | 6 | pod label `istio.io/rev: R` (R is not our revision)               | skipped-namespace-other-revision  |
 * | 7 | pod opt-in: `sidecar.istio.io/inject: "true"`                     | injected                          |
 * | 8 | no Namespace label, no pod revision, namespace not in `namespaces.inject` | skipped-namespace-not-selected |
 * | 9 | injector config `neverInjectSelector` matches the pod labels      | skipped-selector-never            |
 * |10 | injector config `alwaysInjectSelector` matches the pod labels     | injected                          |
 * |11 | injector config policy is not `enabled`                           | skipped-policy-disabled           |
 * |12 | otherwise                                                         | injected                          |
 *
 * Rows 9-11 apply only with the cluster's injector config (template mode), in Istio's order. A
 * label value other than "true"/"false" is ignored with a warning, as Istio does.
 */
import type { InjectConfig } from '../../inject-config.js';
import { selectorMatches } from '../../kube/label-selector.js';
import type { InjectorPolicy } from '../istio-templates/types.js';
import { inject, skip } from '../decision-rows.js';
import type { Decision, MeshDecisionInput } from '../types.js';

export const INJECT_LABEL = 'sidecar.istio.io/inject';
const NAMESPACE_INJECTION_LABEL = 'istio-injection';
const REVISION_LABEL = 'istio.io/rev';

/** The pod's own inject setting: label wins over the deprecated annotation. */
function podInjectSetting(input: MeshDecisionInput): { value?: boolean; warning?: string } {
  const raw = input.podLabels[INJECT_LABEL] ?? input.podAnnotations[INJECT_LABEL];
  if (raw === undefined) return {};
  const text = String(raw);
  if (text === 'true') return { value: true };
  if (text === 'false') return { value: false };
  return { warning: `${INJECT_LABEL}: "${text}" is not "true" or "false" and is ignored` };
}

function isOurRevision(revision: string, config: InjectConfig): boolean {
  const ours = config.istio.revision || 'default';
  return revision === ours || (revision === '' && ours === 'default');
}

/** @param injector the policy part of the cluster's injector config, in template mode */
export function decideIstio(input: MeshDecisionInput, injector?: InjectorPolicy): Decision {
  const pod = podInjectSetting(input);
  if (pod.value === false) return skip('skipped-pod-opt-out', pod.warning, `the pod template sets ${INJECT_LABEL}: "false"`);
  const selected = namespaceSelection(input, pod.value === true, pod.warning);
  if (selected.inject === false) return selected;
  if (pod.value === true) return inject(`the pod template sets ${INJECT_LABEL}: "true"`, pod.warning);
  if (injector) return applyInjectorPolicy(input, injector, selected, pod.warning);
  return selected;
}

/** Rows 2-8: whether the webhook would see the pod at all (namespace and revision selection). */
function namespaceSelection(input: MeshDecisionInput, podOptIn: boolean, warning: string | undefined): Decision {
  const nsLabels = input.namespaceObject?.labels;
  const nsInjection = nsLabels?.[NAMESPACE_INJECTION_LABEL];
  if (nsInjection === 'disabled') return skip('skipped-namespace-label-disabled', warning, 'the Namespace is labelled istio-injection: disabled');
  if (nsInjection === 'enabled') return inject('the Namespace is labelled istio-injection: enabled', warning);
  const nsRevision = nsLabels?.[REVISION_LABEL];
  if (nsRevision !== undefined) {
    return isOurRevision(nsRevision, input.config)
      ? inject(`the Namespace is labelled istio.io/rev: ${nsRevision}`, warning)
      : skip('skipped-namespace-other-revision', warning);
  }
  const podRevision = input.podLabels[REVISION_LABEL];
  if (podRevision !== undefined) {
    return isOurRevision(String(podRevision), input.config)
      ? inject(`the pod template is labelled istio.io/rev: ${String(podRevision)}`, warning)
      : skip('skipped-namespace-other-revision', warning);
  }
  if (podOptIn) return inject(`the pod template sets ${INJECT_LABEL}: "true"`, warning);
  if (input.selectedByConfig) return inject(`namespace ${input.namespace} matches namespaces.inject`, warning);
  return skip('skipped-namespace-not-selected', warning);
}

/** Rows 9-12, Istio's `injectRequired` after the pod's own setting. */
function applyInjectorPolicy(input: MeshDecisionInput, injector: InjectorPolicy, selected: Decision, warning: string | undefined): Decision {
  const labels = Object.fromEntries(Object.entries(input.podLabels).map(([k, v]) => [k, String(v)]));
  if (injector.neverInjectSelector.some((s) => selectorMatches(s, labels))) return skip('skipped-selector-never', warning);
  if (injector.alwaysInjectSelector.some((s) => selectorMatches(s, labels))) return inject("the pod matches the injector config's alwaysInjectSelector", warning);
  if (injector.policy !== 'enabled') return skip('skipped-policy-disabled', warning);
  return selected;
}
