/**
 * The format-variant corpus: every workload manifest we have (conformance inputs, examples, golden
 * inputs, fixtures, seeds.ts) written in every layout people commit (layouts.ts), each run
 * through the whole cycle in-process (cycle.ts), and a sample through the built CLI.
 *
 * Sampling (to stay within a minute on two cores): the seeds run in every layout with every
 * extra step; each corpus document runs in 5 of the layouts (every third, starting at its index)
 * with one extra step (full-path re-inject or one config change, rotating). The choice depends
 * only on the document's position, so a run is repeatable. MESH_INJECT_LAYOUTS=all runs every
 * document in every layout with every extra step (several minutes).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCorpus, REPO, type CorpusDocument } from './corpus.js';
import { BASE, EXTRAS, Reference, run, runCycle, symptomClass, type Extra, type Failure } from './cycle.js';
import { LAYOUTS, layoutNamed, type Layout } from './layouts.js';
import { manifestProblems } from './manifest-validity.js';
import { SEEDS } from './seeds.js';

const everything = process.env.MESH_INJECT_LAYOUTS === 'all';
const LAYOUTS_PER_DOCUMENT = 5;
const LAYOUT_STRIDE = Math.floor(LAYOUTS.length / LAYOUTS_PER_DOCUMENT);

const corpus = loadCorpus();
if (corpus.missing.length > 0) console.log(`skipped: ${corpus.missing.join(', ')} not found (their inputs are left out)`);
const documents: CorpusDocument[] = [...SEEDS, ...corpus.documents];

interface Case {
  doc: number;
  extras: readonly Extra[];
}

/** Per layout, the documents it runs and their extra steps. */
function plan(): Map<Layout, Case[]> {
  const cases = new Map<Layout, Case[]>(LAYOUTS.map((l) => [l, []]));
  documents.forEach((_, doc) => {
    if (everything || doc < SEEDS.length) {
      for (const layout of LAYOUTS) cases.get(layout)!.push({ doc, extras: EXTRAS });
      return;
    }
    for (let j = 0; j < LAYOUTS_PER_DOCUMENT; j++) {
      const layout = LAYOUTS[(doc + j * LAYOUT_STRIDE) % LAYOUTS.length]!;
      cases.get(layout)!.push({ doc, extras: [EXTRAS[(doc + j) % EXTRAS.length]!] });
    }
  });
  return cases;
}

const references = new Map<number, Reference>();
const reference = (doc: number) => references.get(doc) ?? references.set(doc, new Reference(documents[doc]!)).get(doc)!;

/** Failures grouped by step and symptom, with how many documents and the first of them. */
function grouped(failures: Array<Failure & { doc: string }>): string[] {
  const groups = new Map<string, string[]>();
  for (const f of failures) {
    const key = `${f.step}: ${symptomClass(f.symptom)}`;
    groups.set(key, [...(groups.get(key) ?? []), f.doc]);
  }
  return [...groups].map(([key, docs]) => `${key} (${docs.length} document${docs.length > 1 ? 's' : ''}, e.g. ${docs[0]})`);
}

let ran = 0;
let passed = 0;

describe('format variants: every manifest in every layout, through the whole cycle', () => {
  afterAll(() => {
    const all = documents.length * LAYOUTS.length;
    const sample = everything ? '' : ` (${ran} run: a deterministic sample, MESH_INJECT_LAYOUTS=all runs all)`;
    console.log(`format variants: ${documents.length} documents x ${LAYOUTS.length} layouts = ${all} cases${sample}, ${passed} passed`);
  });

  for (const [layout, cases] of plan()) {
    it(`${layout.name}: inject is valid and layout-independent, re-inject is a no-op, config changes re-inject cleanly, uninject is exact`, () => {
      const failures: Array<Failure & { doc: string }> = [];
      for (const c of cases) {
        const found = runCycle(layout, reference(c.doc), c.extras);
        ran++;
        if (found.length === 0) passed++;
        failures.push(...found.map((f) => ({ ...f, doc: documents[c.doc]!.id })));
      }
      expect(grouped(failures)).toEqual([]);
    });
  }
});

const CLI = join(REPO, 'bin/mesh-inject.js');
const RC = [
  'mesh: istio',
  'namespaces: {inject: ["*"]}',
  'workloads: [{apiVersion: argoproj.io/*, kind: Rollout, podTemplate: spec.template}]',
  '',
].join('\n');
const CLI_LAYOUTS = ['kubectl', 'kubectl-json', 'kitchen-sink', 'multi-document', 'comments'].map(layoutNamed);

function cli(args: string[], cwd: string): number {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return result.status ?? -1;
}

describe('format variants through the built CLI (file I/O)', () => {
  it('inject writes what the core gives, --check finds nothing to do, uninject restores every file', () => {
    if (!existsSync(join(REPO, 'dist/bundle/mesh-inject.js'))) throw new Error('dist/bundle is missing: run `npm run build`');
    // The seeds and every 25th corpus document that the core accepts, in a few layouts.
    const sample = documents.filter((_, i) => (i < SEEDS.length || (i - SEEDS.length) % 25 === 0) && !reference(i).threw && reference(i).errors.length === 0);
    const dir = mkdtempSync(join(tmpdir(), 'mesh-inject-layouts-'));
    try {
      spawnSync('git', ['init', '-q'], { cwd: dir });
      writeFileSync(join(dir, '.mesh-injectrc.yaml'), RC);
      const files = new Map<string, string>();
      sample.forEach((doc, i) => {
        for (const layout of CLI_LAYOUTS) {
          const name = `${i}-${layout.name}.yaml`; // the CLI finds *.yaml and *.yml in directories; `kubectl get -o json > x.yaml`
          files.set(name, layout.render([doc.data]));
          writeFileSync(join(dir, name), files.get(name)!);
        }
      });
      const problems: string[] = [];
      const injectCode = cli(['inject', '.'], dir);
      for (const [name, original] of files) {
        const written = readFileSync(join(dir, name), 'utf8');
        if (written !== run(original, 'inject', BASE.config).text) problems.push(`inject ${name}: not what the core gives`);
        const invalid = manifestProblems(written).filter((p) => p.includes('does not parse'));
        if (invalid.length > 0) problems.push(`inject ${name}: ${invalid[0]}`);
      }
      const checkCode = cli(['inject', '--check', '.'], dir);
      const uninjectCode = cli(['uninject', '.'], dir);
      for (const [name, original] of files) if (readFileSync(join(dir, name), 'utf8') !== original) problems.push(`uninject ${name}: not the original bytes`);
      expect({ injectCode, checkCode, uninjectCode, problems }).toEqual({ injectCode: 0, checkCode: 0, uninjectCode: 0, problems: [] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
