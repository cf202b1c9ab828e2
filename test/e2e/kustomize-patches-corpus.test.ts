/**
 * `mesh-inject patches` on data this project did not write: every workload document of the
 * corpus (test/layouts/corpus.ts: Istio's and Linkerd's own conformance inputs, the examples, the
 * golden inputs) as a kustomize base. For each one `kubectl kustomize` builds, the overlay with
 * the generated component must build exactly what `kubectl kustomize base | mesh-inject inject -`
 * gives (the undo record aside), for Istio and for Linkerd; where inject refuses the input, so
 * must patches. Documents go into bases in batches of distinct objects; a batch kustomize or
 * inject refuses is retried one document at a time.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { runCli } from '../helpers/run-cli.js';
import { ISTIO_CORPUS } from '../helpers/shared-data.js';
import { loadCorpus, type CorpusDocument } from '../layouts/corpus.js';
import { REPO, missingTool, run, tempDir } from './kustomize-tools.js';

const skipReason = missingTool('kubectl');
if (skipReason) console.log(`skipped: kubectl not found (the patches corpus test needs kubectl kustomize)`);

type Obj = any; // parsed YAML, compared whole

const RECORD = 'mesh-inject.dev/injected';
const BATCH = 25;

function withoutRecords(stream: string): Obj[] {
  const all: Obj[] = parseAllDocuments(stream, { version: '1.1' }).map((d) => d.toJS()).filter((o) => o !== null);
  const strip = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(strip);
    else if (value && typeof value === 'object') {
      const object = value as Record<string, unknown>;
      const annotations = (object.metadata as Record<string, Record<string, unknown>> | undefined)?.annotations;
      if (annotations) delete annotations[RECORD];
      Object.values(object).forEach(strip);
    }
  };
  strip(all);
  const key = (o: Obj) => JSON.stringify([o.apiVersion, o.kind, o.metadata?.namespace, o.metadata?.name]);
  return all.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** kustomize's ids of a document's objects (a List's items; no namespace is `default`). */
function kustomizeIds(data: Obj): string[] {
  const objects: Obj[] = Array.isArray(data?.items) && /List$/.test(String(data.kind)) ? data.items : [data];
  return objects.map((o) => JSON.stringify([o?.kind, o?.metadata?.namespace || 'default', o?.metadata?.name]));
}

/** Batches whose objects kustomize can tell apart (kind, namespace and name distinct). */
function batches(documents: readonly CorpusDocument[]): CorpusDocument[][] {
  const out: Array<{ docs: CorpusDocument[]; ids: Set<string> }> = [];
  for (const doc of documents) {
    const ids = kustomizeIds(doc.data as Obj);
    let batch = out.find((b) => b.docs.length < BATCH && ids.every((id) => !b.ids.has(id)));
    if (!batch) out.push((batch = { docs: [], ids: new Set() }));
    batch.docs.push(doc);
    for (const id of ids) batch.ids.add(id);
  }
  return out.map((b) => b.docs);
}

interface Tally {
  equal: number;
  refusedByBoth: number;
  notBuilt: number;
  injected: number;
  /** Batches retried one document at a time. */
  retried: number;
}

/** `built`: compared (or, for one document, refused alike); `unbuilt`: kustomize refuses the base; `refused`: inject refuses a batch. */
type Outcome = 'built' | 'unbuilt' | 'refused';

async function checkBase(dir: string, docs: readonly CorpusDocument[], tally: Tally): Promise<Outcome> {
  const base = join(dir, 'base');
  mkdirSync(base, { recursive: true });
  const names = docs.map((_, i) => `doc-${String(i).padStart(3, '0')}.yaml`);
  docs.forEach((doc, i) => writeFileSync(join(base, names[i]!), JSON.stringify(doc.data, null, 2) + '\n'));
  writeFileSync(join(base, 'kustomization.yaml'), `resources:\n${names.map((n) => `- ${n}\n`).join('')}`);
  const built = run('kubectl', ['kustomize', base]);
  if (built.code !== 0) return 'unbuilt';

  const patches = await runCli(['patches', '--out', 'mesh', '-'], { cwd: dir, stdin: built.stdout });
  const injected = await runCli(['inject', '-'], { cwd: dir, stdin: built.stdout });
  const ids = docs.map((d) => d.id).join(', ');
  if (injected.code !== 0) {
    expect({ ids, patches: patches.code, stdout: patches.stdout }).toEqual({ ids, patches: 2, stdout: '' });
    if (docs.length > 1) return 'refused';
    tally.refusedByBoth += 1;
    return 'built';
  }
  expect({ ids, code: patches.code, stderr: patches.code === 0 ? '' : patches.stderr }).toEqual({ ids, code: 0, stderr: '' });
  writeFileSync(join(dir, 'overlay/kustomization.yaml'), 'resources:\n- ../base\ncomponents:\n- ../mesh\n');
  const overlay = run('kubectl', ['kustomize', join(dir, 'overlay')]);
  expect({ ids, code: overlay.code, stderr: overlay.stderr }).toEqual({ ids, code: 0, stderr: '' });
  expect({ ids, objects: withoutRecords(overlay.stdout) }).toEqual({ ids, objects: withoutRecords(injected.stdout) });
  if (injected.stdout.includes(RECORD)) tally.injected += 1;
  tally.equal += docs.length;
  return 'built';
}

const MESHES = [
  { mesh: 'istio', rc: 'namespaces: {inject: ["*"]}\n' },
  { mesh: 'linkerd', rc: 'mesh: linkerd\nlinkerd: {version: edge-26.8.3, identityTrustAnchorsFile: ca.crt}\nnamespaces: {inject: ["*"]}\n' },
];

describe.skipIf(skipReason !== undefined || !ISTIO_CORPUS.found)('mesh-inject patches over the workload corpus, with kubectl kustomize', () => {
  const corpus = loadCorpus();

  for (const { mesh, rc } of MESHES) {
    it(`${mesh}: overlay + component == base | inject - for every document kustomize builds`, async () => {
      const tally: Tally = { equal: 0, refusedByBoth: 0, notBuilt: 0, injected: 0, retried: 0 };
      let n = 0;
      const attempt = async (docs: readonly CorpusDocument[]): Promise<Outcome> => {
        const tmp = tempDir(`patches-corpus-${mesh}-${n++}`);
        try {
          writeFileSync(join(tmp.dir, '.mesh-injectrc.yaml'), rc);
          copyFileSync(join(REPO, 'examples/gitops-repo-linkerd/linkerd/ca.crt'), join(tmp.dir, 'ca.crt'));
          mkdirSync(join(tmp.dir, 'overlay'));
          return await checkBase(tmp.dir, docs, tally);
        } finally {
          tmp.cleanup();
        }
      };
      // Documents inject refuses on their own are checked in-process: patches must refuse them alike.
      const accepted: CorpusDocument[] = [];
      const preflight = tempDir(`patches-corpus-${mesh}-preflight`);
      try {
        writeFileSync(join(preflight.dir, '.mesh-injectrc.yaml'), rc);
        copyFileSync(join(REPO, 'examples/gitops-repo-linkerd/linkerd/ca.crt'), join(preflight.dir, 'ca.crt'));
        for (const doc of corpus.documents) {
          const stdin = JSON.stringify(doc.data, null, 2) + '\n';
          if ((await runCli(['inject', '-'], { cwd: preflight.dir, stdin })).code === 0) {
            accepted.push(doc);
            continue;
          }
          const patches = await runCli(['patches', '--out', 'mesh', '-'], { cwd: preflight.dir, stdin });
          expect({ id: doc.id, code: patches.code, stdout: patches.stdout }).toEqual({ id: doc.id, code: 2, stdout: '' });
          tally.refusedByBoth += 1;
        }
      } finally {
        preflight.cleanup();
      }
      for (const batch of batches(accepted)) {
        if ((await attempt(batch)) === 'built') continue;
        tally.retried += 1;
        for (const doc of batch) if ((await attempt([doc])) === 'unbuilt') tally.notBuilt += 1;
      }
      console.log(`patches corpus (${mesh}): ${tally.equal}/${corpus.documents.length - tally.refusedByBoth - tally.notBuilt} documents build equal; ${tally.refusedByBoth} refused by inject and patches alike; ${tally.notBuilt} not a kustomize base; ${tally.retried} batch(es) retried one by one`);
      // Not vacuous: most of the corpus is built, compared, and injected.
      expect(tally.equal).toBeGreaterThan(corpus.documents.length / 2);
      expect(tally.injected).toBeGreaterThan(3);
    }, 300_000);
  }
});
