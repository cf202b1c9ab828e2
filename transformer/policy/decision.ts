/**
 * Whether the mesh sidecar goes into a workload, decided offline the way the cluster's webhook
 * selectors and Istio's `injectRequired` would, plus the repo config's namespace globs.
 *
 * Precedence, first row that applies wins (mirrored by test/transformer/policy/decision.test.ts):
 *
 * | # | condition                                                         | result                            |
 * |---|-------------------------------------------------------------------|-----------------------------------|
 * | 1 | config `mesh: none`                                               | skipped-mesh-none                 |
 * | 2 | pod `spec.hostNetwork: true`                                      | skipped-host-network              |
 * | 3 | namespace is a system namespace (kube-system, ...)                | skipped-system-namespace          |
 * | 4 | namespace matches config `namespaces.skip`                        | skipped-namespace-skipped         |
 * | 5 | pod opt-out: label (else annotation) `sidecar.istio.io/inject: "false"`, or `mesh-inject.dev/inject: "false"` | skipped-pod-opt-out |
 * | 6 | Namespace object labelled `istio-injection: disabled`             | skipped-namespace-label-disabled  |
 * | 7 | Namespace object labelled `istio-injection: enabled`              | injected                          |
 * | 8 | Namespace object `istio.io/rev: R` (R is not our revision)        | skipped-namespace-other-revision  |
 * | 9 | Namespace object `istio.io/rev: R` (R is our revision)            | injected                          |
 * |10 | pod label `istio.io/rev: R` (R is not our revision)               | skipped-namespace-other-revision  |
 * |11 | pod opt-in: `sidecar.istio.io/inject: "true"`                   | injected                          |
 * |12 | no Namespace label, no pod revision, namespace not in `namespaces.inject` | skipped-namespace-not-selected |
 * |13 | injector config `neverInjectSelector` matches the pod labels      | skipped-selector-never            |
 * |14 | injector config `alwaysInjectSelector` matches the pod labels     | injected                          |
 * |15 | injector config policy is not `enabled`                           | skipped-policy-disabled           |
 * |16 | otherwise                                                         | injected                          |
 *
 * Rows 13-15 apply only with the cluster's injector config (template mode), in Istio's order
 * (`injectRequired`). A label value other than "true"/"false" is ignored with a warning, as Istio does.
 */
import type { InjectConfig } from '../inject-config.js';
import { matchesAnyGlob } from '../data/globs.js';
import { SYSTEM_NAMESPACES } from '../mesh/istio/names.js';
import type { NamespaceLabels } from './namespace-objects.js';
import type { ResultCode } from '../results.js';
import { selectorMatches } from '../kube/label-selector.js';
import type { InjectorPolicy } from '../mesh/istio-templates/types.js';

export const INJECT_LABEL = 'sidecar.istio.io/inject';
const MESH_INJECT_OPT_OUT = 'mesh-inject.dev/inject';
const NAMESPACE_INJECTION_LABEL = 'istio-injection';
const REVISION_LABEL = 'istio.io/rev';

export interface DecisionInput {
  namespace: string;
  podLabels: Readonly<Record<string, unknown>>;
  podAnnotations: Readonly<Record<string, unknown>>;
  hostNetwork: boolean;
  namespaces: NamespaceLabels;
  /** The policy part of the cluster's injector config, when injecting with its templates. */
  injector?: InjectorPolicy;
}

export interface Decision {
  inject: boolean;
  code: ResultCode;
  reason: string;
  /** A label or annotation with a value Istio does not understand. */
  warning?: string;
}

const REASONS: Partial<Record<ResultCode, string>> = {
  'skipped-mesh-none': 'config sets mesh: none',
  'skipped-host-network': 'the pod uses host networking (spec.hostNetwork: true)',
  'skipped-system-namespace': 'system namespaces are never injected',
  'skipped-namespace-skipped': 'the namespace matches namespaces.skip in the config',
  'skipped-pod-opt-out': 'the pod template opts out',
  'skipped-namespace-label-disabled': 'the Namespace is labelled istio-injection: disabled',
  'skipped-namespace-other-revision': 'the workload is selected by another control-plane revision',
  'skipped-namespace-not-selected': 'the namespace is not selected by namespaces.inject in the config',
  'skipped-selector-never': "the pod matches the injector config's neverInjectSelector",
  'skipped-policy-disabled': "the injector config's policy is not enabled and nothing opts the pod in",
};

function skip(code: ResultCode, warning?: string): Decision {
  return { inject: false, code, reason: REASONS[code] ?? code, ...(warning ? { warning } : {}) };
}

function inject(reason: string, warning?: string): Decision {
  return { inject: true, code: 'injected', reason, ...(warning ? { warning } : {}) };
}

/** The pod's own inject setting: label wins over the deprecated annotation. */
function podInjectSetting(input: DecisionInput): { value?: boolean; warning?: string } {
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

export function decideMeshInjection(input: DecisionInput, config: InjectConfig): Decision {
  if (config.mesh === 'none') return skip('skipped-mesh-none');
  if (input.hostNetwork) return skip('skipped-host-network');
  if (SYSTEM_NAMESPACES.has(input.namespace)) return skip('skipped-system-namespace');
  if (matchesAnyGlob(input.namespace, config.namespaces.skip)) return skip('skipped-namespace-skipped');

  const pod = podInjectSetting(input);
  const optOut = String(input.podLabels[MESH_INJECT_OPT_OUT] ?? input.podAnnotations[MESH_INJECT_OPT_OUT] ?? '') === 'false';
  if (pod.value === false || optOut) return skip('skipped-pod-opt-out', pod.warning);

  const selected = namespaceSelection(input, config, pod.warning);
  if (selected.inject === false) return selected;
  if (pod.value === true) return inject(`the pod template sets ${INJECT_LABEL}: "true"`, pod.warning);
  if (input.injector) return applyInjectorPolicy(input, input.injector, selected, pod.warning);
  return selected;
}

/** Rows 6-12: whether the webhook would see the pod at all (namespace and revision selection). */
function namespaceSelection(input: DecisionInput, config: InjectConfig, warning: string | undefined): Decision {
  const nsLabels = input.namespaces.get(input.namespace);
  const nsInjection = nsLabels?.[NAMESPACE_INJECTION_LABEL];
  if (nsInjection === 'disabled') return skip('skipped-namespace-label-disabled', warning);
  if (nsInjection === 'enabled') return inject('the Namespace is labelled istio-injection: enabled', warning);
  const nsRevision = nsLabels?.[REVISION_LABEL];
  if (nsRevision !== undefined) {
    return isOurRevision(nsRevision, config)
      ? inject(`the Namespace is labelled istio.io/rev: ${nsRevision}`, warning)
      : skip('skipped-namespace-other-revision', warning);
  }
  const podRevision = input.podLabels[REVISION_LABEL];
  if (podRevision !== undefined) {
    return isOurRevision(String(podRevision), config)
      ? inject(`the pod template is labelled istio.io/rev: ${String(podRevision)}`, warning)
      : skip('skipped-namespace-other-revision', warning);
  }
  if (podInjectSetting(input).value === true) return inject(`the pod template sets ${INJECT_LABEL}: "true"`, warning);
  if (matchesAnyGlob(input.namespace, config.namespaces.inject)) return inject(`namespace ${input.namespace} matches namespaces.inject`, warning);
  return skip('skipped-namespace-not-selected', warning);
}

/** Rows 13-16, Istio's `injectRequired` after the pod's own setting. */
function applyInjectorPolicy(input: DecisionInput, injector: InjectorPolicy, selected: Decision, warning: string | undefined): Decision {
  const labels = Object.fromEntries(Object.entries(input.podLabels).map(([k, v]) => [k, String(v)]));
  if (injector.neverInjectSelector.some((s) => selectorMatches(s, labels))) return skip('skipped-selector-never', warning);
  if (injector.alwaysInjectSelector.some((s) => selectorMatches(s, labels))) return inject("the pod matches the injector config's alwaysInjectSelector", warning);
  if (injector.policy !== 'enabled') return skip('skipped-policy-disabled', warning);
  return selected;
}
