/**
 * Every workload manifest the repository and ../shared hold, as plain data: the inputs (never the
 * goldens) of the Istio and Linkerd conformance sets, examples/gitops-repo, the golden inputs and
 * the test fixtures that are plain manifests. Read with the core's own YAML rules.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import type { WorkloadKind } from '../../transformer/inject-config.js';
import { findWorkload, LIST_KINDS } from '../../transformer/kube/workload-kinds.js';
import { MAX_ALIAS_COUNT, PARSE_OPTIONS } from '../../transformer/yaml/yaml-options.js';
import { DEPLOYMENT, SERVICE } from '../helpers/fixtures.js';
import { ISTIO_CORPUS } from '../helpers/shared-data.js';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
/** `<shared>/conformance`, as the one resolver finds it (`MESH_INJECT_SHARED`, else the shared directory beside the checkout). */
export const SHARED = join(ISTIO_CORPUS.dir, '..');

export interface CorpusDocument {
  /** `source/path#index`. */
  id: string;
  data: unknown;
}

export interface Corpus {
  documents: CorpusDocument[];
  /** Why part of the corpus is missing (../shared absent), if it is. */
  missing: string[];
}

/** The workload kinds beyond the built-in ones that the corpus holds (test/golden/argo-rollout). */
export const EXTRA_WORKLOADS: WorkloadKind[] = [{ apiVersion: 'argoproj.io/*', kind: 'Rollout', podTemplate: 'spec.template' }];

function walk(dir: string, keep: (path: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path, keep) : keep(path) ? [path] : [];
    });
}

const manifestFile = (path: string) => /\.(ya?ml|json)$/.test(path);

function isWorkload(data: unknown): boolean {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return false;
  const { apiVersion, kind } = data as Record<string, unknown>;
  return (typeof kind === 'string' && LIST_KINDS.has(kind)) || findWorkload(apiVersion, kind, EXTRA_WORKLOADS) !== undefined;
}

/** The workload documents of a file that parses cleanly (Helm templates and broken files are left out). */
function workloadDocuments(id: string, text: string): CorpusDocument[] {
  if (text.includes('{{')) return [];
  const docs = parseAllDocuments(text.replace(/^\uFEFF/, ''), PARSE_OPTIONS);
  if (docs.some((doc) => doc.errors.length > 0)) return [];
  return docs.flatMap((doc, i) => {
    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch {
      return []; // an alias bomb
    }
    return isWorkload(data) ? [{ id: `${id}#${i}`, data }] : [];
  });
}

function fromFiles(label: string, base: string, paths: string[]): CorpusDocument[] {
  return paths.flatMap((path) => workloadDocuments(`${label}/${relative(base, path)}`, readFileSync(path, 'utf8')));
}

function istioInputs(): string[] {
  const dir = join(SHARED, 'istio');
  const cases = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as { cases: Array<{ input?: string }> };
  return [...new Set(cases.cases.flatMap((c) => (c.input ? [join(dir, c.input)] : [])))].sort();
}

function linkerdInputs(): string[] {
  const dir = join(SHARED, 'linkerd');
  return [...walk(dir, (path) => /\/inject_[^/]*\.input\.yml$/.test(path)), ...walk(join(dir, 'inject-filepath/resources'), manifestFile)];
}

export function loadCorpus(): Corpus {
  const missing: string[] = [];
  const documents: CorpusDocument[] = [];
  if (existsSync(join(SHARED, 'istio/cases.json'))) documents.push(...fromFiles('istio', join(SHARED, 'istio'), istioInputs()));
  else missing.push(join(SHARED, 'istio'));
  if (existsSync(join(SHARED, 'linkerd'))) documents.push(...fromFiles('linkerd', join(SHARED, 'linkerd'), linkerdInputs()));
  else missing.push(join(SHARED, 'linkerd'));
  documents.push(...fromFiles('repo', REPO, walk(join(REPO, 'examples/gitops-repo'), manifestFile)));
  const golden = join(REPO, 'test/golden');
  documents.push(...fromFiles('repo', REPO, readdirSync(golden).sort().map((name) => join(golden, name, 'input.yaml')).filter(existsSync)));
  documents.push(...fromFiles('repo', REPO, walk(join(REPO, 'test/e2e/fixtures/argocd-repo'), manifestFile)));
  documents.push(...fromFiles('repo', REPO, walk(join(REPO, 'test/transformer/pipeline/bad-input'), manifestFile)));
  documents.push(...workloadDocuments('repo/test/helpers/fixtures.ts:DEPLOYMENT', DEPLOYMENT), ...workloadDocuments('repo/test/helpers/fixtures.ts:SERVICE', SERVICE));
  return { documents: unique(documents), missing };
}

/** The same object in several files is tested once. */
function unique(documents: CorpusDocument[]): CorpusDocument[] {
  const seen = new Set<string>();
  return documents.filter((d) => {
    const key = JSON.stringify(d.data);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
