/**
 * Linkerd's own `inject` / `uninject` goldens (linkerd2 cli/cmd/testdata, in ../shared), pod template
 * by pod template: for each inject case that succeeds, uninject (when the case does) then inject
 * (`--manual`) or annotate (without it) with the case's values, and compare with the golden's pod
 * template; for each uninject case, uninject and compare. Cases without a pod template (a
 * Namespace alone) are left out. Objects outside pod templates (Namespaces, Services, the report) are the
 * CLI drop-in's.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deepEqual } from '../../../../transformer/yaml/deep-equal.js';
import { annotateLinkerdPod, injectLinkerdPod, readLinkerdValues, uninjectLinkerdPod, type LinkerdValues } from '../../../../transformer/mesh/linkerd/index.js';
import { corpusPath, LINKERD_CORPUS, readCaseText, readLinkerdCases, type LinkerdCase } from '../../../helpers/linkerd-corpus.js';
import { firstDifference, goNormalized, nullsDropped, podTemplatesOf } from './pod-templates.js';

const DEBUG_ANNOTATION = 'config.linkerd.io/enable-debug-sidecar';

/** Goldens the core cannot match, with the reason (empty when all match). */
const KNOWN_MISMATCHES: Readonly<Record<string, string>> = {};

function loadValues(path: string): LinkerdValues {
  const { values, results } = readLinkerdValues(readFileSync(corpusPath(path), 'utf8'), path);
  if (!values) throw new Error(`${path}: ${results.map((r) => r.message).join('; ')}`);
  return values;
}

function runCase(c: LinkerdCase, createdBy: string): string | undefined {
  if (c.golden === null) return 'the case has no golden';
  const inputs = podTemplatesOf(readCaseText(c.input));
  const goldens = podTemplatesOf(readCaseText(c.golden));
  if (inputs.length !== goldens.length) return `${inputs.length} pod templates in, ${goldens.length} in the golden`;
  const values = c.mode === 'uninject' ? undefined : loadValues(c.values);
  for (const [i, found] of inputs.entries()) {
    let actual: unknown;
    if (c.mode === 'uninject') {
      actual = uninjectLinkerdPod(found.pod).pod;
    } else {
      const pod = c.mode === 'uninject-then-inject' ? uninjectLinkerdPod(found.pod).pod : found.pod;
      const cliAnnotations = { ...c.overrideAnnotations, ...(c.enableDebugSidecar ? { [DEBUG_ANNOTATION]: 'true' } : {}) };
      const input = { pod, owner: found.owner, values: values!, createdBy, cliAnnotations };
      const out = c.flags.includes('--manual') ? injectLinkerdPod(input) : annotateLinkerdPod(input);
      // Linkerd injects these without a word; a result here would be noise (or a refusal it does not make).
      const unexpected = out.results.filter((r) => r.code !== 'skipped-pod-opt-out');
      if (unexpected.length > 0) return `pod ${i} (${found.owner.kind}/${found.owner.name}): unexpected results ${unexpected.map((r) => r.code).join(', ')}`;
      actual = out.pod ?? pod;
    }
    const got = goNormalized(actual);
    const want = goNormalized(goldens[i]!.pod);
    if (!deepEqual(got, want)) return `pod ${i} (${found.owner.kind}/${found.owner.name}): ${firstDifference(got, want)}`;
    // What the injection wrote must already be in Go's form (no zero values for Go to drop).
    const injectedGot = injectedParts(nullsDropped(actual));
    const injectedWant = injectedParts(nullsDropped(goldens[i]!.pod));
    if (!deepEqual(injectedGot, injectedWant)) return `pod ${i} (${found.owner.kind}/${found.owner.name}), as written: ${firstDifference(injectedGot, injectedWant)}`;
  }
  return undefined;
}

/** The containers and volumes named `linkerd-*`, and the `linkerd.io/*` metadata. */
function injectedParts(pod: unknown): unknown {
  const p = pod as { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: Record<string, unknown> };
  const linkerd = (list: unknown) => (Array.isArray(list) ? list.filter((x: { name?: string }) => x?.name?.startsWith('linkerd-')) : []);
  const prefixed = (map: Record<string, string> | undefined) => Object.fromEntries(Object.entries(map ?? {}).filter(([k]) => k.includes('linkerd.io')));
  return {
    labels: prefixed(p.metadata?.labels),
    annotations: prefixed(p.metadata?.annotations),
    containers: linkerd(p.spec?.containers),
    initContainers: linkerd(p.spec?.initContainers),
    volumes: linkerd(p.spec?.volumes),
  };
}

describe.skipIf(!LINKERD_CORPUS.found)('Linkerd pod goldens', () => {
  it('match pod template by pod template', () => {
    const { cases, common } = readLinkerdCases();
    const selected = cases.filter((c) => (c.mode === 'uninject' || (c.exitCode === 0 && c.golden !== '')) && podTemplatesOf(readCaseText(c.input)).length > 0);
    const mismatches: string[] = [];
    for (const c of selected) {
      const problem = runCase(c, common.createdByAnnotation);
      if (problem && !KNOWN_MISMATCHES[c.name]) mismatches.push(`${c.name}: ${problem}`);
    }
    console.log(`linkerd pod goldens: ${selected.length - mismatches.length}/${selected.length}`);
    for (const line of mismatches) console.log(`  mismatch ${line}`);
    expect(selected.length).toBeGreaterThan(50);
    expect(mismatches).toEqual([]);
  });
});

if (!LINKERD_CORPUS.found) console.log(LINKERD_CORPUS.skipLine);
