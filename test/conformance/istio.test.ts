/**
 * Istio 1.32's injection conformance cases (`../shared/conformance/istio/cases.json`, 114 cases),
 * run the way Istio's own suite runs them (harness contract in the data's README):
 *
 * - kube-inject leg: every case with `runKubeInject` goes through `mesh-inject kube-inject`
 *   in-process, with the case's config set, mesh config (`mesh-defaults.yaml` <- `mesh.yaml` <-
 *   `meshOverlay`), revision, native-sidecar setting and env. The output is compared with the
 *   golden semantically, document by document (normalisation below), and also byte for byte after
 *   trimming (Istio's own check; reported, not asserted). `expectedError`: a non-zero exit and the
 *   lower-cased stderr contains the string; `expectedWarning`: stderr contains it.
 * - webhook leg: every case with `runWebhook` goes through the normal `inject` engine
 *   (`transformText`) with the template renderer; the three webhook-only cases (OpenShift) count
 *   towards `istio conformance: N/114` this way.
 *
 * Every case passes unless it is in EXPECTED_FAILURES (kube-inject) or WEBHOOK_DIVERGENCES
 * (deliberate fixes of `inject`), and every listed case really fails, so the tables cannot go stale.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import type { InjectConfig } from '../../transformer/inject-config.js';
import { presetFor, transformText } from '../../transformer/index.js';
import { isObject } from '../../transformer/kube/objects.js';
import { splitStream } from '../../transformer/kube-inject/split-stream.js';
import { renderWithTemplates } from '../../transformer/mesh/istio-templates/index.js';
import type { MeshPreset } from '../../transformer/mesh/types.js';
import { PARSE_OPTIONS } from '../../transformer/yaml/yaml-options.js';
import { runCli } from '../helpers/run-cli.js';
import { defaultTestConfig } from '../helpers/default-config.js';
import { ISTIO_CORPUS } from '../helpers/shared-data.js';
import { caseFiles, caseInputs, conformanceCases, kubeInjectArgs, type ConformanceCase } from '../transformer/kube-inject/istio-case-inputs.js';
import { readCorpusFile, workloadPods } from './istio-corpus.js';
import { canonicalQuantity, normalizePod } from './normalize-pod.js';

/** Case name -> why mesh-inject's kube-inject output differs from Istio's golden. */
const EXPECTED_FAILURES: Readonly<Record<string, string>> = {};

// --- semantic normalisation of a kube-inject stream -------------------------------------------
//
// Each rule removes a difference of spelling that the API server does not see, never one of meaning:
// 1. `null` values and empty objects are dropped: Go writes unset pointers as null and zero structs
//    as `{}` (`resources: {}`, `strategy: {}`, `metadata: {}`, `creationTimestamp: null`);
// 2. a top-level `status` whose leaves are all zero is dropped (Go writes zero counters);
// 3. quantities under `resources`, `overhead`, `divisor` and `sizeLimit` compare by value
//    (`2000m` = `2`, `1024Mi` = `1Gi`);
// 4. `sidecar.istio.io/status` compares as parsed JSON with its `version` blanked (Istio's
//    util.StripVersion).
// Key order and YAML quoting are not part of the parsed value. List order and every string are kept.

const QUANTITY_MAPS = new Set(['limits', 'requests', 'overhead']);
const QUANTITY_FIELDS = new Set(['divisor', 'sizeLimit']);

function normalize(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => normalize(v));
  if (!isObject(value)) {
    if (QUANTITY_FIELDS.has(key)) return canonicalQuantity(value);
    return typeof value === 'bigint' ? Number(value) : value;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    let n: unknown;
    if (QUANTITY_MAPS.has(k) && isObject(v)) n = Object.fromEntries(Object.entries(v).map(([r, q]) => [r, canonicalQuantity(q)]));
    else if (k === 'sidecar.istio.io/status' && typeof v === 'string') n = statusAnnotation(v);
    else n = normalize(v, k);
    if (n === null || n === undefined || (isObject(n) && Object.keys(n).length === 0)) continue;
    out[k] = n;
  }
  return out;
}

function statusAnnotation(text: string): unknown {
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    if ('version' in parsed) parsed.version = '';
    return parsed;
  } catch {
    return text;
  }
}

function allZero(value: unknown): boolean {
  if (isObject(value)) return Object.values(value).every(allZero);
  return value === 0 || value === null || value === false || value === '';
}

function normalizeDocument(doc: unknown): unknown {
  if (isObject(doc) && allZero(doc.status)) {
    const { status: _zero, ...rest } = doc;
    return normalize(rest);
  }
  return normalize(doc);
}

function readStream(text: string): unknown[] {
  return splitStream(text).map((raw) => normalizeDocument(parseDocument(raw, { ...PARSE_OPTIONS, intAsBigInt: true }).toJS()));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys(value[k])]));
}

/** Istio's check: both trimmed, the status annotation's `version` blanked. */
function stripVersion(text: string): string {
  return text.trim().replace(/sidecar\.istio\.io\/status: '\{"version":"[0-9a-f]*",/g, `sidecar.istio.io/status: '{"version":"",`);
}

// --- running the cases ------------------------------------------------------------------------

type Outcome = { pass: true; exact: boolean; firstDifference?: string } | { pass: false; detail: string; ours?: unknown; golden?: unknown };

const tmp = mkdtempSync(join(tmpdir(), 'mesh-inject-istio-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function runKubeInjectCase(c: ConformanceCase): Promise<Outcome> {
  const run = await runCli(kubeInjectArgs(c, caseFiles(c, tmp)), { cwd: tmp });
  if (c.expectedError !== undefined) {
    if (run.code === 0) return { pass: false, detail: `expected an error containing "${c.expectedError}", got exit 0` };
    return run.stderr.toLowerCase().includes(c.expectedError)
      ? { pass: true, exact: true }
      : { pass: false, detail: `error does not contain "${c.expectedError}": ${run.stderr}` };
  }
  if (run.code !== 0) return { pass: false, detail: `exit ${run.code}: ${run.stderr}` };
  if (c.expectedWarning !== undefined && !run.stderr.includes(c.expectedWarning)) {
    return { pass: false, detail: `no warning containing "${c.expectedWarning}": ${run.stderr}` };
  }
  const golden = readCorpusFile(c.golden!);
  const ours = readStream(run.stdout);
  const theirs = readStream(golden);
  if (ours.length !== theirs.length) return { pass: false, detail: `${ours.length} documents, golden has ${theirs.length}` };
  for (const [i, doc] of ours.entries()) {
    if (JSON.stringify(sortKeys(doc)) !== JSON.stringify(sortKeys(theirs[i]))) {
      return { pass: false, detail: `document ${i + 1} differs`, ours: doc, golden: theirs[i] };
    }
  }
  const [a, b] = [stripVersion(run.stdout).split('\n'), stripVersion(golden).split('\n')];
  const line = a.findIndex((l, i) => l !== b[i]);
  if (line === -1 && a.length === b.length) return { pass: true, exact: true };
  return { pass: true, exact: false, firstDifference: `\`${(a[line] ?? '').trim()}\` where the golden has \`${(b[line] ?? '').trim()}\`` };
}

// --- webhook leg: the same cases through the normal `inject` engine ------------------------------
//
// Each input goes through `transformText` (mode `inject`) with a config whose `istio.cluster`
// carries the case's inputs, `revision` and `nativeSidecars` set, and every namespace selected
// (Istio's suite calls the webhook directly, past the namespace selectors). The injected pod
// templates are compared with the golden's, as Istio's webhook leg does: per workload, ignoring
// the `sidecar.istio.io/status` annotation, with `normalize-pod.ts` (Go's zero structs, quantities
// by value, a volume without source = `emptyDir: {}`, defaulted `fieldRef.apiVersion`), and
// mesh-inject's undo record removed.
//
// istiod's environment (`COMPLIANCE_POLICY`, `PLATFORM=openshift` with the Namespace's SCC
// annotations) has no `.mesh-injectrc` key; for those cases the harness gives the renderer the
// knobs itself, as Istio's suite sets them with test.SetForTest.

/** Case name -> why `inject` deliberately gives another pod than Istio's golden. */
const WEBHOOK_DIVERGENCES: Readonly<Record<string, string>> = {
  '[39] only-proxy-container.yaml.injected':
    'the only container is a user istio-proxy: with native sidecars Istio moves it to initContainers and leaves `containers: []`, which the API server rejects; inject keeps it a classic container',
  '[56] merge-probers.yaml.injected':
    'the input was injected by istioctl already (status annotation, no mesh-inject record): Istio re-injects onto it and carries old args/env/postStart over; inject leaves it unchanged (skipped-foreign-injection)',
};

const RECORD = 'mesh-inject.dev/injected';

function webhookConfig(c: ConformanceCase): InjectConfig {
  return defaultTestConfig({
    namespaces: { inject: ['*'], skip: [] },
    istio: { revision: c.revision, nativeSidecars: c.nativeSidecars, cluster: caseInputs(c) },
  });
}

function webhookPreset(c: ConformanceCase, config: InjectConfig): MeshPreset | undefined {
  const env = c.env ?? {};
  if (env.COMPLIANCE_POLICY === undefined && env.PLATFORM === undefined) return presetFor(config);
  const knobs = {
    revision: c.revision,
    nativeSidecars: c.nativeSidecars,
    compliancePolicy: env.COMPLIANCE_POLICY ?? '',
    openshift: env.PLATFORM === 'openshift',
    namespaceAnnotations: c.namespaceObject?.metadata.annotations ?? {},
    env,
  };
  const base = presetFor(config)!;
  return { ...base, render: (input) => renderWithTemplates({ pod: input.pod, workload: input.workload, inputs: config.istio.cluster!, knobs, podPath: input.podPath }) };
}

function comparablePod(pod: unknown): unknown {
  const normalized = normalizePod(pod) as { metadata?: { annotations?: Record<string, unknown> } };
  const annotations = normalized.metadata?.annotations;
  if (annotations) {
    delete annotations[RECORD];
    delete annotations['sidecar.istio.io/status'];
    if (Object.keys(annotations).length === 0) delete normalized.metadata!.annotations;
  }
  return sortKeys(normalized);
}

function runWebhookCase(c: ConformanceCase): Outcome {
  const config = webhookConfig(c);
  const out = transformText(readCorpusFile(c.input), { mode: 'inject', config, preset: webhookPreset(c, config), path: c.input });
  const errors = out.results.filter((r) => r.severity === 'error');
  if (c.expectedError !== undefined) {
    return errors.some((r) => r.message.toLowerCase().includes(c.expectedError!))
      ? { pass: true, exact: true }
      : { pass: false, detail: `no error containing "${c.expectedError}": ${JSON.stringify(errors)}` };
  }
  if (errors.length > 0) return { pass: false, detail: errors.map((r) => `${r.code}: ${r.message}`).join('; ') };
  const ours = workloadPods(out.text, config.workloads);
  const golden = workloadPods(readCorpusFile(c.golden!), config.workloads);
  if (ours.length !== golden.length) return { pass: false, detail: `${ours.length} workloads, golden has ${golden.length}` };
  if (ours.length === 0) return { pass: false, detail: 'no workload to compare' };
  for (const [i, pod] of ours.entries()) {
    const a = comparablePod(pod.pod);
    const b = comparablePod(golden[i]!.pod);
    if (JSON.stringify(a) !== JSON.stringify(b)) return { pass: false, detail: `workload ${pod.workload.name} differs`, ours: a, golden: b };
  }
  return { pass: true, exact: false };
}

// --- the cases --------------------------------------------------------------------------------

const cases = ISTIO_CORPUS.found ? conformanceCases() : [];
const kubeInjectCases = cases.filter((c) => c.runKubeInject);
const webhookCases = cases.filter((c) => c.runWebhook);
const outcomes = new Map<string, Outcome>();
for (const c of kubeInjectCases) outcomes.set(c.name, await runKubeInjectCase(c));
const webhookOutcomes = new Map(webhookCases.map((c) => [c.name, runWebhookCase(c)] as const));

function expectPass(outcome: Outcome): void {
  if (!outcome.pass && outcome.ours !== undefined) expect(outcome.ours).toEqual(outcome.golden);
  expect(outcome).toMatchObject({ pass: true });
}

describe.skipIf(!ISTIO_CORPUS.found)('istio conformance: kube-inject leg', () => {
  it('has unique case names', () => {
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it.each(kubeInjectCases.filter((c) => !(c.name in EXPECTED_FAILURES)).map((c) => [c.name] as const))('%s', (name) => {
    expectPass(outcomes.get(name)!);
  });

  it.each(kubeInjectCases.filter((c) => c.name in EXPECTED_FAILURES).map((c) => [c.name] as const))('%s fails as documented', (name) => {
    expect(outcomes.get(name)!.pass).toBe(false);
  });

  it('lists only kube-inject cases as expected failures', () => {
    const known = new Set(kubeInjectCases.map((c) => c.name));
    expect(Object.keys(EXPECTED_FAILURES).filter((name) => !known.has(name))).toEqual([]);
  });
});

describe.skipIf(!ISTIO_CORPUS.found)('istio conformance: webhook leg through inject', () => {
  it.each(webhookCases.filter((c) => !(c.name in WEBHOOK_DIVERGENCES)).map((c) => [c.name] as const))('%s', (name) => {
    expectPass(webhookOutcomes.get(name)!);
  });

  it.each(webhookCases.filter((c) => c.name in WEBHOOK_DIVERGENCES).map((c) => [c.name] as const))('%s diverges as documented', (name) => {
    expect(webhookOutcomes.get(name)!.pass).toBe(false);
  });

  it('[39] keeps the lone istio-proxy a classic container instead of leaving containers: []', () => {
    const c = webhookCases.find((w) => w.name === '[39] only-proxy-container.yaml.injected')!;
    const config = webhookConfig(c);
    const out = transformText(readCorpusFile(c.input), { mode: 'inject', config, preset: webhookPreset(c, config) });
    const [pod] = workloadPods(out.text, config.workloads);
    expect(pod!.pod.spec.containers.map((x) => x.name)).toEqual(['istio-proxy']);
    expect((pod!.pod.spec.initContainers ?? []).map((x) => x.name)).not.toContain('istio-proxy');
  });

  it('[56] leaves a manifest injected by istioctl unchanged, with skipped-foreign-injection', () => {
    const c = webhookCases.find((w) => w.name === '[56] merge-probers.yaml.injected')!;
    const config = webhookConfig(c);
    const text = readCorpusFile(c.input);
    const out = transformText(text, { mode: 'inject', config, preset: webhookPreset(c, config) });
    expect(out.text).toBe(text);
    expect(out.results.map((r) => r.code)).toContain('skipped-foreign-injection');
  });

  // Istio runs CronJobs through kube-inject only; inject's fix is checked against that golden.
  const cronJobCases = cases.filter((c) => c.input === 'inject/cronjob.yaml');
  it('has CronJob cases to check', () => expect(cronJobCases.length).toBeGreaterThan(0));
  it.each(cronJobCases.map((c) => [c.name, c] as const))(
    '%s: inject writes the metadata kube-inject puts on spec.jobTemplate onto the pod template',
    (_, c) => {
      const config = webhookConfig(c);
      const out = transformText(readCorpusFile(c.input), { mode: 'inject', config, preset: presetFor(config) });
      const [ours] = workloadPods(out.text, config.workloads);
      const golden = parseDocument(readCorpusFile(c.golden!), PARSE_OPTIONS).toJS() as {
        spec: { jobTemplate: { metadata: unknown; spec: { template: { metadata: unknown; spec: unknown } } } };
      };
      const job = golden.spec.jobTemplate;
      expect(job.spec.template.metadata).toEqual({});
      expect(comparablePod(ours!.pod)).toEqual(comparablePod({ metadata: job.metadata, spec: job.spec.template.spec }));
    },
  );

  it('lists only webhook cases as divergences', () => {
    const known = new Set(webhookCases.map((c) => c.name));
    expect(Object.keys(WEBHOOK_DIVERGENCES).filter((name) => !known.has(name))).toEqual([]);
  });
});

describe.skipIf(!ISTIO_CORPUS.found)('istio conformance: counts', () => {
  it('covers every case in the file', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
    expect(cases.every((c) => c.runKubeInject || c.runWebhook)).toBe(true);
  });

  it('prints them', () => {
    // A case counts once: through kube-inject when Istio runs it there, else (webhook-only) through inject.
    const passed = cases.filter((c) => (c.runKubeInject ? outcomes : webhookOutcomes).get(c.name)!.pass);
    const kubePassed = kubeInjectCases.filter((c) => outcomes.get(c.name)!.pass).length;
    const webhookOnly = cases.filter((c) => !c.runKubeInject);
    const webhookOnlyPassed = webhookOnly.filter((c) => webhookOutcomes.get(c.name)!.pass).length;
    const webhookPassed = webhookCases.filter((c) => webhookOutcomes.get(c.name)!.pass).length;
    const compared = kubeInjectCases.filter((c) => c.golden !== undefined);
    const exact = compared.filter((c) => {
      const o = outcomes.get(c.name)!;
      return o.pass && o.exact;
    });
    const differences = new Map<string, string[]>();
    for (const c of compared) {
      const o = outcomes.get(c.name)!;
      if (o.pass && o.firstDifference) differences.set(o.firstDifference, [...(differences.get(o.firstDifference) ?? []), c.name]);
    }
    console.log(
      [
        `istio conformance: ${passed.length}/${cases.length} (kube-inject ${kubePassed}/${kubeInjectCases.length}, webhook-only cases through inject ${webhookOnlyPassed}/${webhookOnly.length})`,
        `istio conformance byte-exact: ${exact.length}/${compared.length}`,
        ...[...differences].map(([where, names]) => `  ${names.length} first differ at ${where}: ${names.slice(0, 3).join(', ')}${names.length > 3 ? ', ...' : ''}`),
        `istio webhook leg through inject: ${webhookPassed}/${webhookCases.length} (${Object.keys(WEBHOOK_DIVERGENCES).length} documented divergences)`,
      ].join('\n'),
    );
    expect(passed.length).toBe(cases.filter((c) => !(c.name in EXPECTED_FAILURES) && (c.runKubeInject || !(c.name in WEBHOOK_DIVERGENCES))).length);
  });
});
