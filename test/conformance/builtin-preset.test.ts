/**
 * The built-in Istio preset against Istio 1.32's own injection goldens
 * (`../shared/conformance/istio/`), compared semantically per pod template (`normalize-pod.ts`).
 *
 * Runs every `configs/default` case, plus the cases of other config sets whose Helm values map
 * onto our knobs. A case is out of scope when Istio injected none of its workloads (the decision
 * belongs to the engine: opt-out annotation, hostNetwork). Every other case must match, except the
 * ones in EXPECTED_DIVERGENCES, which must really differ (so the table cannot go stale).
 */
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { InjectConfig } from '../../transformer/inject-config.js';
import { istioPreset } from '../../transformer/mesh/istio/index.js';
import type { PodTemplate } from '../../transformer/mesh/types.js';
import type { Result } from '../../transformer/results.js';
import { defaultTestConfig } from '../helpers/default-config.js';
import { ISTIO_CORPUS } from '../helpers/shared-data.js';
import { knobsForConfigSet, loadCases, readCorpusFile, workloadPods, type IstioCase } from './istio-corpus.js';
import { normalizePod } from './normalize-pod.js';

const DEFAULT_SET = 'configs/default';

/** Case name -> why the preset's output differs from Istio's golden. */
const EXPECTED_DIVERGENCES: Readonly<Record<string, string>> = {
  // Istio quirks we fix on purpose.
  '[24] cronjob.yaml.injected':
    'Istio (kube-inject) writes labels/annotations on spec.jobTemplate.metadata and leaves the pod template metadata empty; we put them on the pod template, where they take effect',
  '[25] cronjob-old-version.yaml.injected': 'same CronJob metadata quirk as cronjob.yaml',
  '[01] cronjob-old-version.yaml.injected': 'same CronJob metadata quirk as cronjob.yaml',
  '[39] only-proxy-container.yaml.injected':
    'native sidecars would move the only container into initContainers and leave `containers: []` (rejected by the API server); we keep istio-proxy a classic container',
  // Mesh settings InjectConfig has no knob for (the case mutates MeshConfig in Go).
  '[03] hello-tproxy.yaml.injected': 'needs mesh defaultConfig.interceptionMode: TPROXY',
  '[07] format-duration.yaml.injected': 'needs mesh defaultConfig.drainDuration: 23s',
  '[57] hello-tracing-disabled.yaml.injected': 'needs mesh defaultConfig.tracing: {}',
  '[63] hello-probes-localhost.yaml.injected': 'needs mesh inboundTrafficPolicy: LOCALHOST',
  '[71] hello-otel-semconv.yaml.injected': 'needs a mesh OpenTelemetry extension provider',
  '[72] hello-fips-140-3.yaml.injected': 'needs istiod env COMPLIANCE_POLICY=fips-140-3',
  // Templates other than `sidecar`: the preset refuses them (template-error) rather than guess.
  '[45] gateway.yaml.injected': 'gateway template (use the injector config)',
  '[46] gateway.yaml.injected': 'gateway template (use the injector config)',
  '[81] gateway-with-default-container.yaml.injected': 'gateway template (use the injector config)',
  '[82] grpc-agent.yaml.injected': 'grpc-agent template (use the injector config)',
  '[83] grpc-simple.yaml.injected': 'grpc-simple template (use the injector config)',
  // Re-injection of an Istio-injected pod: the engine uninjects from its own record first.
  '[56] merge-probers.yaml.injected':
    'input is already injected by an older Istio; the golden carries old proxy args/env/postStart over, a pristine pod never has them',
};

interface Run {
  name: string;
  case: IstioCase;
  config: InjectConfig;
}

type Outcome =
  | { kind: 'match' }
  | { kind: 'out-of-scope'; reason: string }
  | { kind: 'differs'; detail: string; ours?: unknown; golden?: unknown };

/**
 * Istio also injects the legacy OpenShift `v1` DeploymentConfig; a user would declare it in the
 * config's `workloads:`, and so do we here.
 */
const LEGACY_WORKLOADS = [{ apiVersion: 'v1', kind: 'DeploymentConfig', podTemplate: 'spec.template' }];

function configFor(c: IstioCase): InjectConfig | undefined {
  const runtime = { nativeSidecars: c.nativeSidecars, revision: c.revision };
  if (c.config === DEFAULT_SET) return defaultTestConfig({ workloads: LEGACY_WORKLOADS, istio: runtime });
  const otherEnv = Object.keys(c.env ?? {}).filter((k) => k !== 'ENABLE_NATIVE_SIDECARS');
  if (c.meshOverlay !== undefined || otherEnv.length > 0) return undefined;
  const knobs = knobsForConfigSet(c.config);
  return knobs.ok ? defaultTestConfig({ workloads: LEGACY_WORKLOADS, istio: { ...knobs.istio, ...runtime } }) : undefined;
}

function runCase(run: Run): Outcome {
  const inputs = workloadPods(readCorpusFile(run.case.input), run.config.workloads);
  if (inputs.length === 0) return { kind: 'out-of-scope', reason: 'no workload in the input' };
  const render = (i: number) => {
    const input = inputs[i]!;
    return istioPreset.render({ pod: structuredClone(input.pod), workload: input.workload, config: run.config, podPath: input.podPath });
  };
  if (run.case.expectedError !== undefined) {
    const errors: Result[] = inputs.flatMap((_, i) => render(i).results.filter((r) => r.severity === 'error'));
    const wanted = run.case.expectedError;
    return errors.some((r) => r.message.toLowerCase().includes(wanted))
      ? { kind: 'match' }
      : { kind: 'differs', detail: `no error containing "${wanted}": ${JSON.stringify(errors)}` };
  }
  const goldens = workloadPods(readCorpusFile(run.case.golden!), run.config.workloads);
  if (goldens.length !== inputs.length) return { kind: 'differs', detail: `${inputs.length} workloads in, ${goldens.length} in golden` };
  const injected = goldens.map((g, i) => [g, i] as const).filter(([g]) => injectedByIstio(g.pod));
  if (injected.length === 0) return { kind: 'out-of-scope', reason: 'Istio injected none of its workloads (injection decision: engine)' };
  for (const [golden, i] of injected) {
    const out = render(i);
    if (!out.pod) return { kind: 'differs', detail: `no pod: ${out.results.map((r) => r.message).join('; ')}` };
    const ours = normalizePod(out.pod);
    const theirs = normalizePod(golden.pod);
    if (JSON.stringify(sortKeys(ours)) !== JSON.stringify(sortKeys(theirs))) {
      return { kind: 'differs', detail: `workload ${inputs[i]!.workload.name} differs`, ours, golden: theirs };
    }
  }
  return { kind: 'match' };
}

/** Did Istio inject this workload? (CronJob goldens carry the status annotation on the Job template.) */
function injectedByIstio(pod: PodTemplate): boolean {
  const containers = [...(pod.spec.containers ?? []), ...(pod.spec.initContainers ?? [])];
  return pod.metadata.annotations?.['sidecar.istio.io/status'] !== undefined || containers.some((c) => c.name === 'istio-proxy');
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
}

const cases = ISTIO_CORPUS.found ? loadCases() : [];
const runs: Run[] = cases.flatMap((c) => {
  const config = configFor(c);
  return config ? [{ name: c.name, case: c, config }] : [];
});
const outcomes = new Map(runs.map((r) => [r.name, runCase(r)] as const));
const inScope = runs.filter((r) => outcomes.get(r.name)!.kind !== 'out-of-scope');
const expectedToMatch = inScope.filter((r) => !(r.name in EXPECTED_DIVERGENCES));
const expectedToDiffer = inScope.filter((r) => r.name in EXPECTED_DIVERGENCES);

describe.skipIf(!ISTIO_CORPUS.found)('builtin Istio preset vs Istio goldens', () => {
  it('has unique case names', () => {
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it('runs every default-config case', () => {
    expect(runs.filter((r) => r.case.config === DEFAULT_SET)).toHaveLength(cases.filter((c) => c.config === DEFAULT_SET).length);
  });

  it.each(expectedToMatch.map((r) => [r.name, r] as const))('%s matches', (_, run) => {
    const outcome = outcomes.get(run.name)!;
    if (outcome.kind === 'differs' && outcome.ours !== undefined) expect(outcome.ours).toEqual(outcome.golden);
    expect(outcome).toEqual({ kind: 'match' });
  });

  it.each(expectedToDiffer.map((r) => [r.name, r] as const))('%s diverges as documented', (_, run) => {
    expect(outcomes.get(run.name)!.kind).toBe('differs');
  });

  const cronJobRuns = runs.filter((r) => r.case.input === 'inject/cronjob.yaml');
  it.each(cronJobRuns.map((r) => [r.name, r] as const))(
    '%s differs from the golden only by where the metadata goes',
    (_, run) => {
      const [input] = workloadPods(readCorpusFile(run.case.input), run.config.workloads);
      const out = istioPreset.render({ pod: structuredClone(input!.pod), workload: input!.workload, config: run.config, podPath: input!.podPath });
      const golden = parseAllDocuments(readCorpusFile(run.case.golden!), { version: '1.1' })[0]!.toJS() as {
        spec: { jobTemplate: { metadata: PodTemplate['metadata']; spec: { template: PodTemplate } } };
      };
      const jobTemplate = golden.spec.jobTemplate;
      const moved = { metadata: jobTemplate.metadata, spec: jobTemplate.spec.template.spec };
      expect(normalizePod(out.pod)).toEqual(normalizePod(moved));
    },
  );

  // A mesh `defaultConfig` overlay and the pod's `proxy.istio.io/config` feed the same ProxyConfig
  // merge, so these divergences vanish when the setting is given per pod (annotation removed after).
  const proxyConfigOnly = runs.filter((r) => {
    const overlay = r.case.meshOverlay as Record<string, unknown> | undefined;
    return r.name in EXPECTED_DIVERGENCES && overlay !== undefined && Object.keys(overlay).join() === 'defaultConfig';
  });
  it.each(proxyConfigOnly.map((r) => [r.name, r] as const))('%s matches with its mesh defaultConfig given per pod', (_, run) => {
    const overlay = JSON.stringify((run.case.meshOverlay as { defaultConfig: unknown }).defaultConfig);
    const inputs = workloadPods(readCorpusFile(run.case.input), run.config.workloads);
    const goldens = workloadPods(readCorpusFile(run.case.golden!), run.config.workloads);
    expect(inputs.length).toBeGreaterThan(0);
    inputs.forEach((input, i) => {
      const pod = structuredClone(input.pod);
      const had = pod.metadata.annotations?.['proxy.istio.io/config'];
      expect(had).toBeUndefined();
      pod.metadata.annotations = { ...pod.metadata.annotations, 'proxy.istio.io/config': overlay };
      const out = istioPreset.render({ pod, workload: input.workload, config: run.config, podPath: input.podPath });
      delete out.pod!.metadata.annotations!['proxy.istio.io/config'];
      expect(normalizePod(out.pod)).toEqual(normalizePod(goldens[i]!.pod));
    });
  });

  const templateCases = expectedToDiffer.filter((r) => EXPECTED_DIVERGENCES[r.name]!.includes('template (use the injector config)'));
  it('has cases for each of the special checks above and below', () => {
    expect(cronJobRuns.length).toBeGreaterThan(0);
    expect(proxyConfigOnly.length).toBeGreaterThan(0);
    expect(templateCases.length).toBeGreaterThan(0);
  });
  it.each(templateCases.map((r) => [r.name, r] as const))('%s is refused with template-error', (_, run) => {
    const codes = workloadPods(readCorpusFile(run.case.input), run.config.workloads).flatMap((input) =>
      istioPreset.render({ pod: input.pod, workload: input.workload, config: run.config, podPath: input.podPath }).results.map((r) => r.code),
    );
    expect(codes).toContain('template-error');
  });

  it('lists only cases that are run and in scope as divergences', () => {
    const known = new Set(inScope.map((r) => r.name));
    expect(Object.keys(EXPECTED_DIVERGENCES).filter((name) => !known.has(name))).toEqual([]);
  });

  it('prints a summary', () => {
    const line = (label: string, set: Run[]) => {
      const scoped = set.filter((r) => outcomes.get(r.name)!.kind !== 'out-of-scope');
      const matched = scoped.filter((r) => outcomes.get(r.name)!.kind === 'match');
      const skipped = set.flatMap((r) => {
        const o = outcomes.get(r.name)!;
        return o.kind === 'out-of-scope' ? [`${r.name}: ${o.reason}`] : [];
      });
      const suffix = skipped.length > 0 ? ` (+${skipped.length} out of scope: ${skipped.join('; ')})` : '';
      return `builtin preset vs istio goldens: ${matched.length}/${scoped.length} ${label} cases match${suffix}`;
    };
    const summary = [
      line('default-config', runs.filter((r) => r.case.config === DEFAULT_SET)),
      line('values-variant', runs.filter((r) => r.case.config !== DEFAULT_SET)),
    ];
    console.log(summary.join('\n'));
    expect(inScope.length).toBeGreaterThan(90);
    expect(inScope.filter((r) => outcomes.get(r.name)!.kind === 'match')).toHaveLength(expectedToMatch.length);
  });
});
