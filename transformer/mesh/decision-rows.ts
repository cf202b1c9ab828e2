/** Shorthands for a mesh's decision rows: the reason of a skip is the code's fixed sentence. */
import type { ResultCode } from '../results.js';
import type { Decision } from './types.js';

const REASONS: Partial<Record<ResultCode, string>> = {
  'skipped-mesh-none': 'config sets mesh: none',
  'skipped-host-network': 'the pod uses host networking (spec.hostNetwork: true)',
  'skipped-system-namespace': 'system namespaces are never injected',
  'skipped-namespace-skipped': 'the namespace matches namespaces.skip in the config',
  'skipped-pod-opt-out': 'the pod template opts out',
  'skipped-namespace-label-disabled': 'the Namespace opts out of injection',
  'skipped-namespace-other-revision': 'the workload is selected by another control-plane revision',
  'skipped-namespace-not-selected': 'the namespace is not selected by namespaces.inject in the config',
  'skipped-selector-never': "the pod matches the injector config's neverInjectSelector",
  'skipped-policy-disabled': "the injector config's policy is not enabled and nothing opts the pod in",
};

export function skip(code: ResultCode, warning?: string, reason?: string): Decision {
  return { inject: false, code, reason: reason ?? REASONS[code] ?? code, ...(warning ? { warning } : {}) };
}

export function inject(reason: string, warning?: string): Decision {
  return { inject: true, code: 'injected', reason, ...(warning ? { warning } : {}) };
}
