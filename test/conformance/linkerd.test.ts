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
import { LINKERD_CORPUS } from '../helpers/linkerd-corpus.js';
import { readLinkerdValues } from '../../transformer/mesh/linkerd/index.js';
import { overrideAnnotations } from '../../transformer/linkerd-inject/index.js';
import { runCli } from '../helpers/run-cli.js';
import { corpusPath, loadCases, readCorpus, runCase, yamlDocuments, type CaseRunner, type LinkerdCase } from './linkerd-corpus.js';

/** Cases we do not match, and why. */
const CORPUS_ROOT = LINKERD_CORPUS.dir;
if (!LINKERD_CORPUS.found) console.log(LINKERD_CORPUS.skipLine);

const KNOWN_MISSES: Readonly<Record<string, string>> = {};

function runner(createdBy: string): CaseRunner {
  return {
    readValues: (text, path) => {
      const read = readLinkerdValues(text, path);
      if (!read.values) throw new Error(`${path}: ${read.results.map((r) => r.message).join('; ')}`);
      return read.values;
    },
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

  it('computes the override annotations each case gives precomputed', () => {
    const withBase = corpus.cases.filter((c) => c.baseValues !== null);
    expect(withBase.length).toBeGreaterThan(0);
    for (const c of withBase) {
      expect(overrideAnnotations(parse(readCorpus(c.values)), parse(readCorpus(c.baseValues!))), c.name).toEqual(c.overrideAnnotations);
    }
  });
});

/**
 * A handful of cases through the command line (`mesh-inject linkerd-inject|linkerd-uninject`), as a
 * user would run them: the values the flags start from (`--values`), the case's flags, and
 * `--created-by` with Linkerd's value for byte-identical output.
 */
const CLI_CASES = [
  'uninject-and-inject/00/inject_emojivoto_deployment',
  'uninject-and-inject/02/inject_emojivoto_deployment_overridden',
  'uninject-and-inject/04/inject_emojivoto_list',
  'uninject-and-inject/21/inject_emojivoto_deployment_debug',
  'uninject-and-inject/28/inject_emojivoto_pod_ingress',
  'nonnative/uninject-and-inject/25/inject_emojivoto_deployment_proxyignores',
  'uninject-and-inject/01/inject_emojivoto_deployment_overridden_noinject',
  'uninject-and-inject/10/inject_emojivoto_cronjob',
  'uninject-and-inject/23/inject_emojivoto_namespace_good',
  'uninject-and-inject/29/inject_emojivoto_deployment_default_inbound_policy',
  'uninject/00/inject_emojivoto_deployment',
  'uninject/02/inject_emojivoto_list',
];

describe.skipIf(!LINKERD_CORPUS.found)('linkerd conformance through the CLI', () => {
  const corpus = LINKERD_CORPUS.found ? loadCases() : { cases: [], common: { createdByAnnotation: '', linkerdNamespace: '' } };
  for (const name of CLI_CASES) {
    it(name, async () => {
      const c = corpus.cases.find((k) => k.name === name)!;
      const argv = c.mode === 'uninject'
        ? ['linkerd-uninject', corpusPath(c.input)]
        : ['linkerd-inject', '--values', corpusPath(c.baseValues ?? c.values), '--created-by', corpus.common.createdByAnnotation, ...c.flags, corpusPath(c.input)];
      for (const verbose of c.reportVerbose ? [false, true] : [false]) {
        const run = await runCli(verbose ? [...argv, '--verbose'] : argv, { cwd: CORPUS_ROOT });
        expect(run.code).toBe(c.exitCode);
        expect(run.stderr).toBe(readCorpus(verbose ? c.reportVerbose! : c.report));
        expect(yamlDocuments(run.stdout)).toEqual(yamlDocuments(readCorpus(c.golden!)));
      }
    });
  }
});
