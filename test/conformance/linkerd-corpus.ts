/**
 * Reads Linkerd's inject/uninject conformance cases in place (found by test/helpers/linkerd-corpus.ts)
 * with the fields the drop-in needs, and runs one through the
 * drop-in's pure core (transformer/linkerd-inject/), as Linkerd's own tests run `linkerd inject`.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { linkerdInject, linkerdUninject, type LinkerdOutcome, type LinkerdValuesLike } from '../../transformer/linkerd-inject/index.js';
import { corpusPath, readLinkerdCases, type LinkerdCase, type LinkerdCases } from '../helpers/linkerd-corpus.js';

export { corpusPath, type LinkerdCase };

export function loadCases(): LinkerdCases {
  return readLinkerdCases();
}

export function readCorpus(relative: string): string {
  return readFileSync(corpusPath(relative), 'utf8');
}

/** Files under a directory, walked as Go's filepath.Walk does (lexical order, depth first). */
export function walkFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walkFiles(path) : [path];
  });
}

export function caseInputs(c: LinkerdCase): string[] {
  const path = corpusPath(c.input);
  return c.inputIsDirectory ? walkFiles(path).map((file) => readFileSync(file, 'utf8')) : [readFileSync(path, 'utf8')];
}

export interface CaseRunner {
  readValues: (text: string, path: string) => LinkerdValuesLike;
  createdBy: string;
}

export function runCase(c: LinkerdCase, runner: CaseRunner, verbose: boolean): LinkerdOutcome {
  const inputs = caseInputs(c);
  if (c.mode === 'uninject') return linkerdUninject(inputs);
  return linkerdInject(inputs, {
    mode: c.mode,
    values: runner.readValues(readCorpus(c.values), c.values),
    overrides: c.overrideAnnotations,
    manual: c.injectProxy === true,
    enableDebugSidecar: c.enableDebugSidecar,
    allowNsInject: c.allowNsInject === true,
    createdBy: runner.createdBy,
    verbose,
  });
}

/** Multi-document YAML as data, empty and null documents kept. */
export function yamlDocuments(text: string): unknown[] {
  return parseAllDocuments(text).map((doc) => doc.toJS());
}
