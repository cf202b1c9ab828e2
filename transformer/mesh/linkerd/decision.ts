/**
 * Linkerd's rows of the decision table (after the mesh-neutral rows of `policy/decision.ts`): the
 * proxy injector's rules, with the config's `namespaces.inject` globs standing for a namespace
 * annotated `linkerd.io/inject: enabled`.
 *
 * | # | condition                                                                   | result                           |
 * |---|-----------------------------------------------------------------------------|----------------------------------|
 * | 1 | pod annotation `linkerd.io/inject: disabled`                                | skipped-pod-opt-out              |
 * | 2 | Namespace object labelled `config.linkerd.io/admission-webhooks: disabled`  | skipped-namespace-label-disabled |
 * | 3 | pod annotation `linkerd.io/inject: enabled` or `ingress`                    | injected                         |
 * | 4 | Namespace object annotated `linkerd.io/inject: disabled`                    | skipped-namespace-label-disabled |
 * | 5 | Namespace object annotated `linkerd.io/inject: enabled` or `ingress`        | injected                         |
 * | 6 | namespace matches `namespaces.inject`                                       | injected                         |
 * | 7 | otherwise                                                                   | skipped-namespace-not-selected   |
 *
 * Row 2 is the webhook's own namespaceSelector: the pod never reaches the injector, whatever it
 * says. A `linkerd.io/inject` value other than enabled, ingress or disabled is ignored with a
 * warning (the injector does not inject on it either).
 */
import { inject, skip } from '../decision-rows.js';
import type { Decision, MeshDecisionInput } from '../types.js';

export const LINKERD_INJECT_ANNOTATION = 'linkerd.io/inject';
const WEBHOOKS_LABEL = 'config.linkerd.io/admission-webhooks';
const MODES = new Set(['enabled', 'ingress', 'disabled']);

function mode(raw: unknown, where: string): { value?: string; warning?: string } {
  if (raw === undefined) return {};
  const text = String(raw);
  if (MODES.has(text)) return { value: text };
  return { warning: `${where} ${LINKERD_INJECT_ANNOTATION}: "${text}" is not enabled, ingress or disabled and is ignored` };
}

export function decideLinkerd(input: MeshDecisionInput): Decision {
  const pod = mode(input.podAnnotations[LINKERD_INJECT_ANNOTATION], 'the pod template annotation');
  const ns = mode(input.namespaceObject?.annotations[LINKERD_INJECT_ANNOTATION], `the Namespace ${input.namespace} annotation`);
  const warning = [pod.warning, ns.warning].filter(Boolean).join('; ') || undefined;
  if (pod.value === 'disabled') return skip('skipped-pod-opt-out', warning, `the pod template is annotated ${LINKERD_INJECT_ANNOTATION}: disabled`);
  if (input.namespaceObject?.labels[WEBHOOKS_LABEL] === 'disabled') {
    return skip('skipped-namespace-label-disabled', warning, `the Namespace is labelled ${WEBHOOKS_LABEL}: disabled (the proxy injector never sees its pods)`);
  }
  if (pod.value) return inject(`the pod template is annotated ${LINKERD_INJECT_ANNOTATION}: ${pod.value}`, warning);
  if (ns.value === 'disabled') return skip('skipped-namespace-label-disabled', warning, `the Namespace is annotated ${LINKERD_INJECT_ANNOTATION}: disabled`);
  if (ns.value) return inject(`the Namespace is annotated ${LINKERD_INJECT_ANNOTATION}: ${ns.value}`, warning);
  if (input.selectedByConfig) return inject(`namespace ${input.namespace} matches namespaces.inject`, warning);
  return skip('skipped-namespace-not-selected', warning);
}
