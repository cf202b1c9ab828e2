/**
 * Template mode against Istio 1.32's own goldens, the way Istio's webhook leg runs them
 * (`../shared/conformance/istio/`, read in place): every case with `runWebhook`, each injectable
 * document's pod template rendered with the case's config set, mesh overlay, revision, native
 * decision and istiod environment (`COMPLIANCE_POLICY`, `PLATFORM=openshift` with the case's
 * Namespace), and compared semantically with the golden's pod template (`normalize-pod.ts`). Like
 * Istio's webhook leg, which drops `sidecar.istio.io/status` before comparing, the status
 * annotation's list order is not compared (its content is). Whether a document is injected at all
 * is decided by the decision table with the config set's injector policy.
 *
 * Every case must match except those in EXPECTED_DIVERGENCES, which must really differ.
 *
 * Also the cross-check: with the `default` config set, the built-in preset and template mode
 * (through the engine's `MeshPreset` adapter) agree on every case both can run, except those in
 * BUILTIN_DIFFERENCES.
 */
import { describe, expect, it } from 'vitest';
import type { InjectConfig } from '../../transformer/inject-config.js';
import { decideMeshInjection } from '../../transformer/policy/decision.js';
import { decideIstio } from '../../transformer/mesh/istio/decision.js';
import { isObject } from '../../transformer/kube/objects.js';
import { istioPreset } from '../../transformer/mesh/istio/index.js';
import { injectorPolicy, renderWithTemplates, templatePreset } from '../../transformer/mesh/istio-templates/index.js';
import type { PodTemplate } from '../../transformer/mesh/types.js';
import { defaultTestConfig } from '../helpers/default-config.js';
import { ISTIO_CORPUS } from '../helpers/shared-data.js';
import { clusterInputsFor, knobsFor } from '../transformer/mesh/istio-templates/corpus-inputs.js';
import { loadCases, readCorpusFile, workloadPods, type IstioCase, type WorkloadPod } from './istio-corpus.js';
import { normalizePod } from './normalize-pod.js';

type Case = IstioCase & { runWebhook?: boolean; namespaceObject?: unknown };

/** Case name -> why template mode's output differs from Istio's golden. */
const EXPECTED_DIVERGENCES: Readonly<Record<string, string>> = {};

/** Istio also injects the legacy OpenShift `v1` DeploymentConfig (declared as an extra workload kind). */
const LEGACY_WORKLOADS = [{ apiVersion: 'v1', kind: 'DeploymentConfig', podTemplate: 'spec.template' }];

type Outcome = { kind: 'match' } | { kind: 'differs'; detail: string; ours?: unknown; golden?: unknown };

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys(value[k])]));
}

/** The semantic view of a pod (`normalize-pod.ts`), keys sorted. */
function comparable(pod: unknown): unknown {
  return sortKeys(normalizePod(pod));
}

function decide(c: Case, input: WorkloadPod): boolean {
  const inputs = clusterInputsFor(c.config, c.meshOverlay);
  const meta = input.pod.metadata ?? {};
  const config: InjectConfig = defaultTestConfig({ namespaces: { inject: ['*'], skip: [] } });
  const decision = decideMeshInjection(
    {
      namespace: input.workload.namespace,
      podLabels: meta.labels ?? {},
      podAnnotations: meta.annotations ?? {},
      hostNetwork: input.pod.spec?.hostNetwork === true,
      namespaces: new Map(),
    },
    config,
    { decide: (decisionInput) => decideIstio(decisionInput, injectorPolicy(inputs)) },
  );
  return decision.inject;
}

function runWebhookCase(c: Case): Outcome {
  // The webhook sees the request's namespace: the document's own, else none.
  const inputs = workloadPods(readCorpusFile(c.input), LEGACY_WORKLOADS, '');
  const goldens = workloadPods(readCorpusFile(c.golden!), LEGACY_WORKLOADS, '');
  if (inputs.length === 0) return { kind: 'differs', detail: 'no injectable document' };
  if (goldens.length !== inputs.length) return { kind: 'differs', detail: `${inputs.length} documents in, ${goldens.length} in the golden` };
  for (const [i, input] of inputs.entries()) {
    let pod: PodTemplate = input.pod;
    if (decide(c, input)) {
      const out = renderWithTemplates({
        pod: structuredClone(input.pod),
        workload: input.workload,
        inputs: clusterInputsFor(c.config, c.meshOverlay),
        knobs: knobsFor(c, input.workload.namespace),
        podPath: input.podPath,
      });
      if (!out.pod) return { kind: 'differs', detail: `document ${i}: no pod: ${out.results.map((r) => r.message).join('; ')}` };
      pod = out.pod;
    }
    const ours = comparable(pod);
    const golden = comparable(goldens[i]!.pod);
    if (JSON.stringify(ours) !== JSON.stringify(golden)) return { kind: 'differs', detail: `document ${i} (${input.workload.name}) differs`, ours, golden };
  }
  return { kind: 'match' };
}

const allCases = ISTIO_CORPUS.found ? (loadCases() as Case[]) : [];
const cases = allCases.filter((c) => c.runWebhook === true);
const outcomes = new Map(cases.map((c) => [c.name, runWebhookCase(c)] as const));
const expectedToMatch = cases.filter((c) => !(c.name in EXPECTED_DIVERGENCES));
const expectedToDiffer = cases.filter((c) => c.name in EXPECTED_DIVERGENCES);

describe.skipIf(!ISTIO_CORPUS.found)('template mode vs Istio goldens (webhook leg)', () => {
  it('runs every webhook case of the corpus', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it.each(expectedToMatch.map((c) => [c.name, c] as const))('%s matches', (name) => {
    const outcome = outcomes.get(name)!;
    if (outcome.kind === 'differs' && outcome.ours !== undefined) expect(outcome.ours).toEqual(outcome.golden);
    expect(outcome).toEqual({ kind: 'match' });
  });

  it.each(expectedToDiffer.map((c) => [c.name, c] as const))('%s diverges as documented', (name) => {
    expect(outcomes.get(name)!.kind).toBe('differs');
  });

  it('lists only webhook cases as divergences', () => {
    const known = new Set(cases.map((c) => c.name));
    expect(Object.keys(EXPECTED_DIVERGENCES).filter((name) => !known.has(name))).toEqual([]);
  });

  it('prints a summary', () => {
    const matched = cases.filter((c) => outcomes.get(c.name)!.kind === 'match').length;
    const line = `istio template mode (webhook leg): ${matched}/${cases.length}`;
    console.log(line);
    expect(matched).toBe(expectedToMatch.length);
  });
});

// --- cross-check: built-in preset vs template mode with the default config set ---

const DEFAULT_SET = 'configs/default';

/** Case name -> why the built-in preset and template mode legitimately differ. */
const BUILTIN_DIFFERENCES: Readonly<Record<string, string>> = {
  // Templates other than `sidecar`: the built-in preset refuses them (template-error), template mode runs them.
  'TestInjection [45] gateway.yaml.injected': 'gateway template: built-in refuses with template-error, template mode renders it (and matches the golden)',
  'TestInjection [46] gateway.yaml.injected': 'gateway template: built-in refuses with template-error, template mode renders it',
  'TestInjection [81] gateway-with-default-container.yaml.injected': 'gateway template: built-in refuses with template-error, template mode renders it',
  'TestInjection [82] grpc-agent.yaml.injected': 'grpc-agent template: built-in refuses with template-error, template mode renders it',
  'TestInjection [83] grpc-simple.yaml.injected': 'grpc-simple template: built-in refuses with template-error, template mode renders it',
  // Same meaning, different spelling.
  'TestInjection [39] only-proxy-container.yaml.injected':
    'no app container, so ISTIO_META_APP_CONTAINERS is empty: the built-in preset writes `value: ""`, template mode drops the empty value as Go (omitempty) does',
};

interface SharedRun {
  name: string;
  case: Case;
  config: InjectConfig;
}

/** Cases of the default set that need no mesh overlay or istiod environment: both presets can run them. */
const shared: SharedRun[] = allCases.flatMap((c) => {
  const otherEnv = Object.keys(c.env ?? {}).filter((k) => k !== 'ENABLE_NATIVE_SIDECARS');
  if (c.config !== DEFAULT_SET || c.meshOverlay !== undefined || otherEnv.length > 0 || c.expectedError !== undefined) return [];
  const config = defaultTestConfig({ workloads: LEGACY_WORKLOADS, istio: { nativeSidecars: c.nativeSidecars, revision: c.revision } });
  return [{ name: `${c.suite} ${c.name}`, case: c, config }];
});

function crossCheck(run: SharedRun): { agree: boolean; detail?: string; builtin?: unknown; template?: unknown } {
  const template = templatePreset(clusterInputsFor(DEFAULT_SET));
  for (const input of workloadPods(readCorpusFile(run.case.input), run.config.workloads)) {
    const args = { workload: input.workload, config: run.config, podPath: input.podPath };
    const a = istioPreset.render({ ...args, pod: structuredClone(input.pod) });
    const b = template.render({ ...args, pod: structuredClone(input.pod) });
    const codes = (r: typeof a) => r.results.map((x) => `${x.severity}:${x.code}`).sort();
    if (JSON.stringify(codes(a)) !== JSON.stringify(codes(b))) {
      return { agree: false, detail: `${input.workload.name}: results ${codes(a).join(',')} vs ${codes(b).join(',')}` };
    }
    const builtin = a.pod ? sortKeys(normalizePod(a.pod)) : null;
    const templated = b.pod ? sortKeys(normalizePod(b.pod)) : null;
    if (JSON.stringify(builtin) !== JSON.stringify(templated)) return { agree: false, detail: `${input.workload.name} differs`, builtin, template: templated };
  }
  return { agree: true };
}

const crossOutcomes = new Map(shared.map((r) => [r.name, crossCheck(r)] as const));

describe.skipIf(!ISTIO_CORPUS.found)('cross-check: built-in preset and template mode agree on the default config set', () => {
  it('runs the shared cases, comparing pods in nearly all of them', () => {
    expect(shared.length).toBeGreaterThan(60);
    const withPods = shared.filter((r) => workloadPods(readCorpusFile(r.case.input), r.config.workloads).length > 0);
    expect(withPods.length).toBeGreaterThan(60);
  });

  it.each(shared.filter((r) => !(r.name in BUILTIN_DIFFERENCES)).map((r) => [r.name, r] as const))('%s agrees', (name) => {
    const outcome = crossOutcomes.get(name)!;
    if (!outcome.agree && outcome.builtin !== undefined) expect(outcome.template).toEqual(outcome.builtin);
    expect(outcome).toEqual({ agree: true });
  });

  it.each(shared.filter((r) => r.name in BUILTIN_DIFFERENCES).map((r) => [r.name, r] as const))('%s differs as documented', (name) => {
    expect(crossOutcomes.get(name)!.agree).toBe(false);
  });

  it('lists only shared cases as differences', () => {
    const known = new Set(shared.map((r) => r.name));
    expect(Object.keys(BUILTIN_DIFFERENCES).filter((name) => !known.has(name))).toEqual([]);
  });

  it('prints a summary', () => {
    const agreeing = shared.filter((r) => crossOutcomes.get(r.name)!.agree).length;
    console.log(`builtin vs template mode (default config set): ${agreeing}/${shared.length} agree`);
    expect(agreeing).toBe(shared.length - Object.keys(BUILTIN_DIFFERENCES).length);
  });
});
