/**
 * Where Linkerd's upstream conformance data lives: `<shared>/conformance/linkerd/`, beside Istio's corpus
 * (same resolver, same environment variable), and how its cases.json is read.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { resolveIstioCorpus } from './shared-data.js';

export interface LinkerdCorpus {
  /** `<shared>/conformance/linkerd/`, with the trailing slash. */
  dir: string;
  found: boolean;
  skipLine: string;
}

export function resolveLinkerdCorpus(env: Readonly<Record<string, string | undefined>> = process.env, cwd = process.cwd()): LinkerdCorpus {
  // The one resolver of the shared directory gives <shared>/conformance/istio/; Linkerd's data sits beside it.
  const istio = resolveIstioCorpus(env, cwd);
  const dir = join(dirname(istio.dir), 'linkerd');
  return {
    dir: `${dir}/`,
    found: existsSync(join(dir, 'cases.json')),
    skipLine: istio.skipLine.replace('conformance/istio', 'conformance/linkerd').replace('the conformance tests', `the Linkerd conformance tests`),
  };
}

export const LINKERD_CORPUS = resolveLinkerdCorpus();

/** One case of cases.json (see its README for the fields). */
export interface LinkerdCase {
  name: string;
  variant: 'native' | 'nonnative';
  mode: 'uninject-then-inject' | 'inject-only' | 'uninject';
  input: string;
  inputIsDirectory?: boolean;
  golden: string | null;
  goldenCompare: 'yaml-semantic' | 'exact' | 'empty-stdout';
  report: string;
  reportVerbose: string | null;
  exitCode: number;
  injectProxy: boolean | null;
  enableDebugSidecar: boolean;
  allowNsInject: boolean | null;
  values: string;
  baseValues: string | null;
  overrideAnnotations: Record<string, string>;
  flags: string[];
  notes?: string;
}

export interface LinkerdCases {
  common: { linkerdNamespace: string; createdByAnnotation: string };
  cases: LinkerdCase[];
}

export function readLinkerdCases(corpus: LinkerdCorpus = LINKERD_CORPUS): LinkerdCases {
  return JSON.parse(readFileSync(join(corpus.dir, 'cases.json'), 'utf8')) as LinkerdCases;
}

/** A `testdata/...` path of cases.json inside the corpus. */
export function corpusPath(path: string, corpus: LinkerdCorpus = LINKERD_CORPUS): string {
  return join(corpus.dir, path.replace(/^testdata\//, ''));
}

/** The text of a case input: a file, or a directory's YAML files in lexical order of their paths, recursively. */
export function readCaseText(path: string, corpus: LinkerdCorpus = LINKERD_CORPUS): string {
  const full = corpusPath(path, corpus);
  if (!statSync(full).isDirectory()) return readFileSync(full, 'utf8');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const p = join(dir, entry);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(entry)) files.push(p);
    }
  };
  walk(full);
  return files.map((f) => readFileSync(f, 'utf8')).join('\n---\n');
}
