/**
 * The generated policy on pods this project did not write: every workload of the corpus
 * (test/layouts/corpus.ts: Istio's and Linkerd's own conformance inputs, the examples, the golden
 * inputs), injected by the real pipeline with `namespaces.inject: ["*"]`. Evaluated offline as the
 * API server would (evaluate-policy.ts), the pod inject wrote is admitted, and the pod as written
 * is refused exactly when inject injected it, for Istio and for Linkerd.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../config/index.js';
import { admissionPolicy } from '../../../transformer/admission-policy/index.js';
import { findWorkload, LIST_KINDS } from '../../../transformer/kube/workload-kinds.js';
import { presetFor } from '../../../transformer/mesh/preset-for.js';
import { transformText } from '../../../transformer/pipeline/transform-text.js';
import { emptyClusterContext } from '../../../transformer/policy/cluster-context.js';
import { ISTIO_CORPUS } from '../../helpers/shared-data.js';
import { EXTRA_WORKLOADS, loadCorpus } from '../../layouts/corpus.js';
import { evaluatePolicy } from './evaluate-policy.js';

type Obj = Record<string, any>;
const PEM = readFileSync(new URL('../../../examples/gitops-repo-linkerd/linkerd/ca.crt', import.meta.url), 'utf8');

function configFor(mesh: 'istio' | 'linkerd') {
  const config = defaultConfig();
  config.mesh = mesh;
  config.namespaces = { inject: ['*'], skip: [] };
  config.workloads = [...EXTRA_WORKLOADS];
  if (mesh === 'linkerd') config.linkerd.identityTrustAnchorsPEM = PEM;
  return config;
}

function objectsOf(data: Obj): Obj[] {
  return typeof data?.kind === 'string' && LIST_KINDS.has(data.kind) && Array.isArray(data.items) ? data.items : [data];
}

function at(value: Obj, path: readonly string[]): Obj | undefined {
  let node: any = value;
  for (const key of path) node = node?.[key];
  return node;
}

describe.skipIf(!ISTIO_CORPUS.found)('the generated policy on the workload corpus', () => {
  const corpus = loadCorpus();

  for (const mesh of ['istio', 'linkerd'] as const) {
    it(`${mesh}: admits every pod inject wrote, and refuses the pod as written exactly when inject injected it`, () => {
      const config = configFor(mesh);
      const preset = presetFor(config)!;
      const generated = admissionPolicy({ config, preset, namespaces: new Map(), mode: 'Deny' });
      if ('results' in generated) throw new Error(JSON.stringify(generated.results));
      const [policy, binding] = generated.objects as unknown as [Obj, Obj];
      const tally = { pods: 0, injected: 0, foreign: 0, refusedByInject: 0 };
      for (const doc of corpus.documents) {
        for (const object of objectsOf(doc.data as Obj)) {
          const match = findWorkload(object?.apiVersion, object?.kind, config.workloads);
          if (!match) continue;
          const text = JSON.stringify(object, null, 2) + '\n';
          const outcome = transformText(text, { mode: 'inject', config, preset, cluster: emptyClusterContext(), path: doc.id });
          if (outcome.results.some((r) => r.severity === 'error')) {
            tally.refusedByInject += 1;
            continue;
          }
          const before = at(object, match.podPath);
          const after = at(parse(outcome.text), match.podPath);
          if (!before?.spec || !after?.spec) continue;
          const namespace = object.metadata?.namespace || config.defaultNamespace;
          const asPod = (template: Obj) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { ...template.metadata, name: 'corpus-pod', namespace }, spec: template.spec });
          const request = (template: Obj) => ({ pod: asPod(template), namespace: { metadata: { name: namespace } } });
          const injected = JSON.stringify(before) !== JSON.stringify(after);
          const foreign = outcome.results.some((r) => r.code === 'skipped-foreign-injection');
          const row = { id: doc.id, kind: object.kind, injected };
          const written = evaluatePolicy(policy, binding, request(before));
          if (foreign) {
            // Another tool's proxy: inject leaves it alone, and the policy only holds its image to the config's.
            expect({ ...row, violations: written.violations.filter((v) => !v.includes('does not run the configured image')) }).toEqual({ ...row, violations: [] });
            if (!written.admitted) expect(written.violations[0]).toContain('mesh-inject uninject --ignore-record');
            tally.foreign += 1;
            continue;
          }
          expect({ ...row, writtenAdmitted: written.admitted }).toEqual({ ...row, writtenAdmitted: !injected });
          if (injected) expect({ ...row, injectedAdmitted: evaluatePolicy(policy, binding, request(after)).admitted }).toEqual({ ...row, injectedAdmitted: true });
          tally.pods += 1;
          if (injected) tally.injected += 1;
        }
      }
      console.log(`policy corpus (${mesh}): ${tally.pods} pod templates agree with inject (${tally.injected} injected); ${tally.foreign} injected by another tool, only their image checked; ${tally.refusedByInject} refused by inject`);
      expect(tally.injected).toBeGreaterThan(50);
      expect(tally.pods - tally.injected).toBeGreaterThan(3);
    });
  }
});
