/**
 * kube-inject's injection decision: Istio's `injectRequired` with the policy forced to `enabled`
 * and no selectors (istioctl ignores the injector config's policy, selectors and the namespace's
 * labels). Host networking is checked before, by the caller.
 *
 * | pod template                                                     | injected |
 * |------------------------------------------------------------------|----------|
 * | `metadata.namespace` is a system namespace (kube-system, ...)     | no       |
 * | label (else annotation) `sidecar.istio.io/inject: "false"`       | no       |
 * | label (else annotation) `sidecar.istio.io/inject: "true"`        | yes      |
 * | any other value (warning), or unset                              | yes      |
 */
import { INJECT_LABEL } from '../mesh/istio/decision.js';
import { goQuote } from '../gotemplate/go-quote.js';
import type { ObjectMeta } from '../kube/objects.js';
import { SYSTEM_NAMESPACES } from '../kube/system-namespaces.js';

interface InjectRequired {
  inject: boolean;
  /** Istio's warning for a value other than "true"/"false". */
  warning?: string;
}

export function injectRequired(metadata: ObjectMeta): InjectRequired {
  if (SYSTEM_NAMESPACES.has(metadata.namespace ?? '')) return { inject: false };
  const labels = metadata.labels ?? {};
  const value = INJECT_LABEL in labels ? labels[INJECT_LABEL] : metadata.annotations?.[INJECT_LABEL];
  switch (value ?? '') {
    case 'true':
    case '':
      return { inject: true };
    case 'false':
      return { inject: false };
    default:
      return {
        inject: true,
        warning: `Invalid value for ${INJECT_LABEL}: ${goQuote(String(value))}. Only 'true' and 'false' are accepted. Falling back to default injection policy.`,
      };
  }
}
