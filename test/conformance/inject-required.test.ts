/**
 * Istio's `TestInjectRequired` cases (../shared/conformance/istio/inject-required.json, read in
 * place) through mesh-inject's decision code, with the injector config's policy and selectors.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../config/defaults.js';
import { decideMeshInjection } from '../../transformer/policy/decision.js';
import { decideIstio } from '../../transformer/mesh/istio/decision.js';
import type { LabelSelector } from '../../transformer/kube/label-selector.js';
import { ISTIO_CORPUS } from '../helpers/shared-data.js';

interface RequiredCase {
  name: string;
  config: { policy: string; neverInjectSelector?: LabelSelector[]; alwaysInjectSelector?: LabelSelector[] };
  hostNetwork: boolean;
  namespace: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  want: boolean;
}

const data: { cases: RequiredCase[] } = ISTIO_CORPUS.found ? JSON.parse(readFileSync(join(ISTIO_CORPUS.dir, 'inject-required.json'), 'utf8')) : { cases: [] };

describe.skipIf(!ISTIO_CORPUS.found)('Istio injectRequired cases through the decision table', () => {
  it('has the shared cases', () => expect(data.cases.length).toBe(36));
  data.cases.forEach((c, index) => {
    it(`[${index}] ${c.name}`, () => {
      const decision = decideMeshInjection(
        {
          namespace: c.namespace,
          podLabels: c.labels ?? {},
          podAnnotations: c.annotations ?? {},
          hostNetwork: c.hostNetwork,
          namespaces: new Map(),
        },
        defaultConfig(),
        { decide: (input) => decideIstio(input, { policy: c.config.policy, neverInjectSelector: c.config.neverInjectSelector ?? [], alwaysInjectSelector: c.config.alwaysInjectSelector ?? [] }) },
      );
      expect(decision.inject).toBe(c.want);
    });
  });
});
