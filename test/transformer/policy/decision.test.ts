import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../config/defaults.js';
import { decideMeshInjection, type DecisionInput } from '../../../transformer/policy/decision.js';
import type { InjectConfig } from '../../../transformer/inject-config.js';
import { istioPreset } from '../../../transformer/mesh/istio/index.js';

/** One row per line of the precedence table in transformer/policy/decision.ts. */
const rows: Array<{ name: string; input: Partial<DecisionInput>; config?: (c: InjectConfig) => void; code: string; inject: boolean }> = [
  { name: 'mesh: none injects no mesh sidecar', input: {}, config: (c) => { c.mesh = 'none'; }, code: 'skipped-mesh-none', inject: false },
  { name: 'host networking is skipped even when opted in', input: { hostNetwork: true, podLabels: { 'sidecar.istio.io/inject': 'true' } }, code: 'skipped-host-network', inject: false },
  { name: 'system namespaces are never injected', input: { namespace: 'kube-system', podLabels: { 'sidecar.istio.io/inject': 'true' } }, code: 'skipped-system-namespace', inject: false },
  { name: 'config namespaces.skip wins over a Namespace label', input: { namespace: 'legacy', namespaces: new Map([['legacy', { labels: { 'istio-injection': 'enabled' }, annotations: {} }]]) }, config: (c) => { c.namespaces.skip = ['leg*']; }, code: 'skipped-namespace-skipped', inject: false },
  { name: 'pod label opts out', input: { podLabels: { 'sidecar.istio.io/inject': 'false' } }, code: 'skipped-pod-opt-out', inject: false },
  { name: 'deprecated pod annotation opts out', input: { podAnnotations: { 'sidecar.istio.io/inject': 'false' } }, code: 'skipped-pod-opt-out', inject: false },
  { name: 'label wins over the deprecated annotation', input: { podLabels: { 'sidecar.istio.io/inject': 'true' }, podAnnotations: { 'sidecar.istio.io/inject': 'false' } }, code: 'injected', inject: true },
  { name: 'mesh-inject.dev/inject: "false" opts out', input: { podAnnotations: { 'mesh-inject.dev/inject': 'false' } }, code: 'skipped-pod-opt-out', inject: false },
  { name: 'Namespace labelled istio-injection: disabled wins over a pod opt-in', input: { namespace: 'shop', podLabels: { 'sidecar.istio.io/inject': 'true' }, namespaces: new Map([['shop', { labels: { 'istio-injection': 'disabled' }, annotations: {} }]]) }, code: 'skipped-namespace-label-disabled', inject: false },
  { name: 'Namespace labelled istio-injection: enabled injects outside namespaces.inject', input: { namespace: 'shop', namespaces: new Map([['shop', { labels: { 'istio-injection': 'enabled' }, annotations: {} }]]) }, config: (c) => { c.namespaces.inject = ['other']; }, code: 'injected', inject: true },
  { name: 'Namespace revision label of another revision skips', input: { namespace: 'shop', namespaces: new Map([['shop', { labels: { 'istio.io/rev': 'canary' }, annotations: {} }]]) }, code: 'skipped-namespace-other-revision', inject: false },
  { name: 'Namespace revision label of our revision injects', input: { namespace: 'shop', namespaces: new Map([['shop', { labels: { 'istio.io/rev': 'canary' }, annotations: {} }]]) }, config: (c) => { c.istio.revision = 'canary'; c.namespaces.inject = []; }, code: 'injected', inject: true },
  { name: 'pod revision label of another revision skips', input: { podLabels: { 'istio.io/rev': 'canary' } }, code: 'skipped-namespace-other-revision', inject: false },
  { name: 'pod opt-in injects outside namespaces.inject', input: { namespace: 'shop', podLabels: { 'sidecar.istio.io/inject': 'true' } }, config: (c) => { c.namespaces.inject = ['payments']; }, code: 'injected', inject: true },
  { name: 'namespaces.inject glob selects', input: { namespace: 'team-a' }, config: (c) => { c.namespaces.inject = ['team-*']; }, code: 'injected', inject: true },
  { name: 'namespace not selected is skipped', input: { namespace: 'shop' }, config: (c) => { c.namespaces.inject = ['team-*']; }, code: 'skipped-namespace-not-selected', inject: false },
];

describe('decideMeshInjection precedence table', () => {
  for (const row of rows) {
    it(row.name, () => {
      const config = defaultConfig();
      row.config?.(config);
      const input: DecisionInput = { namespace: 'default', podLabels: {}, podAnnotations: {}, hostNetwork: false, namespaces: new Map(), ...row.input };
      const decision = decideMeshInjection(input, config, istioPreset);
      expect(decision.code).toBe(row.code);
      expect(decision.inject).toBe(row.inject);
    });
  }

  it('warns about inject values other than "true"/"false" and falls back to the default', () => {
    const decision = decideMeshInjection(
      { namespace: 'default', podLabels: { 'sidecar.istio.io/inject': 'yes' }, podAnnotations: {}, hostNetwork: false, namespaces: new Map() },
      defaultConfig(),
      istioPreset,
    );
    expect(decision.inject).toBe(true);
    expect(decision.warning).toMatch(/sidecar.istio.io\/inject/);
  });
});
