/**
 * Linkerd conformance: every case of `../shared/conformance/linkerd/cases.json` through the
 * `linkerd inject` / `linkerd uninject` drop-in's pure core: stdout (YAML-equal, byte-exact, or
 * empty, per case), stderr byte-exact (report and verbose report) and the exit code. Prints
 * `linkerd conformance: N/104` and names each case that misses. Known misses are listed below with
 * the reason; they are expected to fail (so a fix shows up as a failure to update the list).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'yaml';
import { LINKERD_CORPUS } from '../helpers/shared-data.js';
import { injectLinkerdPod, readLinkerdValues } from './linkerd-preset.js';
import { loadCases, readCorpus, runCase, yamlDocuments, type CaseRunner, type LinkerdCase } from './linkerd-corpus.js';

/** Cases we do not match, and why. */
const KNOWN_MISSES: Readonly<Record<string, string>> = {};

function runner(createdBy: string): CaseRunner {
  return {
    readValues: (text, path) => {
      const read = readLinkerdValues(text, path);
      if (!read.values) throw new Error(`${path}: ${read.results.map((r) => r.message).join('; ')}`);
      return read.values as Record<string, unknown>;
    },
    injectPod: injectLinkerdPod,
    createdBy,
  };
}

/** What differs between the case's expectations and our run ([] when nothing). */
function misses(c: LinkerdCase, run: CaseRunner): string[] {
  const out: string[] = [];
  const verbosities = c.reportVerbose ? [false, true] : [false];
  for (const verbose of verbosities) {
    const got = runCase(c, run, verbose);
    const tag = verbose ? ' (--verbose)' : '';
    if (got.exitCode !== c.exitCode) out.push(`exit ${got.exitCode}, expected ${c.exitCode}${tag}`);
    const expectedStderr = readCorpus(verbose ? c.reportVerbose! : c.report);
    if (got.stderr !== expectedStderr) out.push(`stderr differs${tag}: ${JSON.stringify(got.stderr.slice(0, 300))} vs ${JSON.stringify(expectedStderr.slice(0, 300))}`);
    if (c.goldenCompare === 'empty-stdout' || (c.golden !== null && readCorpus(c.golden) === '' && c.exitCode !== 0)) {
      if (got.stdout !== '') out.push(`stdout not empty${tag}`);
    } else if (c.goldenCompare === 'exact') {
      if (got.stdout !== readCorpus(c.golden!)) out.push(`stdout not byte-exact${tag}`);
    } else if (!isDeepStrictEqual(yamlDocuments(got.stdout), yamlDocuments(readCorpus(c.golden!)))) {
      out.push(`stdout differs as YAML${tag}`);
    }
  }
  return out;
}

describe.skipIf(!LINKERD_CORPUS.found)('linkerd conformance', () => {
  const corpus = LINKERD_CORPUS.found ? loadCases() : { cases: [], common: { createdByAnnotation: '', linkerdNamespace: '' } };
  const run = runner(corpus.common.createdByAnnotation);
  const failing = new Map<string, string[]>();

  afterAll(() => {
    const passed = corpus.cases.length - failing.size;
    console.log(`linkerd conformance: ${passed}/${corpus.cases.length}`);
    for (const [name, why] of failing) console.log(`  miss: ${name}: ${KNOWN_MISSES[name] ?? why.join('; ')}`);
  });

  for (const c of corpus.cases) {
    const test = Object.hasOwn(KNOWN_MISSES, c.name) ? it.fails : it;
    test(c.name, () => {
      const why = misses(c, run);
      if (why.length > 0) failing.set(c.name, why);
      expect(why).toEqual([]);
    });
  }

  it('computes the override annotations each case gives precomputed', async () => {
    const { overrideAnnotations } = await import('../../transformer/linkerd-inject/index.js');
    const withBase = corpus.cases.filter((c) => c.baseValues !== null);
    expect(withBase.length).toBeGreaterThan(0);
    for (const c of withBase) {
      expect(overrideAnnotations(parse(readCorpus(c.values)), parse(readCorpus(c.baseValues!))), c.name).toEqual(c.overrideAnnotations);
    }
  });
});
