/**
 * The whole inject cycle on one manifest written in one layout, through the core API, compared with
 * the same manifest in the plain block layout (the reference): inject → parses, valid, the same
 * data and decisions → re-inject is a no-op → a config change re-injects to what injecting the
 * original under the new config gives, and uninjects to the original → uninject gives back the
 * original bytes. Returns the failures, at most one per step.
 */
import { parseAllDocuments } from 'yaml';
import { defaultConfig } from '../../config/defaults.js';
import { clusterContextFromText, presetFor, transformText, type InjectConfig, type TransformOutcome } from '../../transformer/index.js';
import { RECORD_ANNOTATION } from '../../transformer/record/format.js';
import { MAX_ALIAS_COUNT, PARSE_OPTIONS } from '../../transformer/yaml/yaml-options.js';
import { EXTRA_WORKLOADS, type CorpusDocument } from './corpus.js';
import { COMPANION_SERVICE, layoutNamed, type Layout } from './layouts.js';
import { documentProblems } from './manifest-validity.js';

export interface NamedConfig {
  name: string;
  config: InjectConfig;
}

function istioConfig(name: string, istio: Partial<InjectConfig['istio']>): NamedConfig {
  const config = defaultConfig();
  config.workloads = EXTRA_WORKLOADS;
  Object.assign(config.istio, istio);
  return { name, config };
}

/** Istio 1.32.0, native sidecars (Kubernetes 1.33, `auto`), no CNI. */
export const BASE = istioConfig('base', {});
/** The config changes a repository goes through, each from the base. */
export const CHANGES: readonly NamedConfig[] = [
  istioConfig('tag bump', { tag: '1.32.1' }),
  istioConfig('CNI on', { cni: true }),
  istioConfig('native sidecars off', { nativeSidecars: false }),
];

/** The steps beyond inject / re-inject / uninject that a case runs: a config change, or re-injecting through the full path. */
export type Extra = NamedConfig | 'full path';
export const EXTRAS: readonly Extra[] = ['full path', ...CHANGES];

export function run(text: string, mode: 'inject' | 'uninject', config: InjectConfig): TransformOutcome {
  return transformText(text, { mode, config, preset: presetFor(config), cluster: clusterContextFromText(text), path: 'manifest.yaml', verify: true, digest: true });
}

/** The same file with records as written without digests: re-injecting it takes the full path (undo, inject, compare). */
export function withoutDigests(text: string): string {
  return text.replace(/\\?"d\\?":\\?"[0-9a-f]{16}\\?",/g, '');
}

interface Parsed {
  parseError?: string;
  /** The documents with the undo record left out (it holds source text, which differs per layout). */
  docs: unknown[];
  problems: string[];
}

function parsed(text: string): Parsed {
  const docs = parseAllDocuments(text.replace(/^\uFEFF/, ''), PARSE_OPTIONS);
  const error = docs.flatMap((doc, i) => doc.errors.map((e) => `document ${i} does not parse: ${e.code} ${e.message.split('\n')[0]}`))[0];
  if (error) return { parseError: error, docs: [], problems: [] };
  const data = docs.map((doc) => doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown);
  return {
    docs: JSON.parse(JSON.stringify(data), (key, value: unknown) => (key === RECORD_ANNOTATION ? undefined : value)) as unknown[],
    problems: documentProblems(data, EXTRA_WORKLOADS).map(withoutDocumentIndex),
  };
}

const withoutDocumentIndex = (problem: string) => problem.replace(/^document \d+ /, '');

/**
 * What must not depend on the layout: workload decisions and result codes (lines and wording
 * aside). Not the action: re-injecting says `reinjected` or `unchanged` where injecting said `injected`.
 */
function outcomeKey(outcome: TransformOutcome): string[] {
  return [
    ...outcome.workloads.map((w) => `${w.resourceRef.kind}/${w.resourceRef.name} ${w.action === 'error' ? 'error ' : ''}${w.code}`),
    ...outcome.results.map((r) => `${r.severity} ${r.code}${r.field ? ` ${r.field.path}` : ''}`),
  ].sort();
}

const errorCodes = (outcome: TransformOutcome) => outcome.results.filter((r) => r.severity === 'error').map((r) => r.code).sort();

/** The first place two values differ, as a path. */
export function firstDifference(a: unknown, b: unknown, path = ''): string | undefined {
  if (a === b) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return path || '(root)';
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  for (const key of new Set([...Object.keys(ao), ...Object.keys(bo)])) {
    const d = firstDifference(ao[key], bo[key], path ? `${path}.${key}` : key);
    if (d) return d;
  }
  return undefined;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).split('\n')[0]!;
}

/** A document injected in the block-2 layout, per config on demand. */
export class Reference {
  readonly text: string;
  /** The reference threw: nothing to compare with. */
  readonly threw?: string;
  /** Error codes of injecting it: a rejected input must be rejected the same way in every layout. */
  readonly errors: string[] = [];
  /** Pod problems the original already has (bad inputs): injection is not blamed for them. */
  readonly problemsBefore: Set<string>;
  private readonly injected = new Map<string, { data: unknown; key: string[] }>();

  constructor(readonly doc: CorpusDocument) {
    this.text = layoutNamed('block-2').render([doc.data]);
    this.problemsBefore = new Set(documentProblems([doc.data], EXTRA_WORKLOADS).map(withoutDocumentIndex));
    try {
      const outcome = run(this.text, 'inject', BASE.config);
      this.errors = errorCodes(outcome);
      if (this.errors.length === 0) this.remember(BASE.name, outcome);
    } catch (error) {
      this.threw = firstLine(error);
    }
  }

  private remember(name: string, outcome: TransformOutcome) {
    const result = parsed(outcome.text);
    if (result.parseError) throw new Error(`block-2 ${name}: output ${result.parseError}`);
    this.injected.set(name, { data: result.docs[0], key: outcomeKey(outcome) });
  }

  under(named: NamedConfig): { data: unknown; key: string[] } {
    if (!this.injected.has(named.name)) this.remember(named.name, run(this.text, 'inject', named.config));
    return this.injected.get(named.name)!;
  }
}

export interface Failure {
  step: string;
  symptom: string;
}

export function runCycle(layout: Layout, ref: Reference, extras: readonly Extra[]): Failure[] {
  if (ref.threw) return [{ step: 'block-2 reference', symptom: `threw ${ref.threw}` }];
  const failures: Failure[] = [];
  const text = layout.render([ref.doc.data]);
  const documents = layout.documents([ref.doc.data]);
  const ours = documents.filter((d) => d !== COMPANION_SERVICE).length;
  const step = (name: string, body: () => string | undefined): void => {
    let symptom: string | undefined;
    try {
      symptom = body();
    } catch (error) {
      symptom = `threw ${firstLine(error)}`;
    }
    if (symptom) failures.push({ step: name, symptom });
  };

  /** Problems of an injected text: error results, does not parse, invalid pod, other data or decisions than block-2's. */
  const check = (outcome: TransformOutcome, named: NamedConfig, result = parsed(outcome.text)): string | undefined => {
    const errors = errorCodes(outcome);
    if (errors.length > 0) return `error results ${errors.join(', ')}`;
    if (result.parseError) return `output ${result.parseError}`;
    const added = result.problems.filter((p) => !ref.problemsBefore.has(p));
    if (added.length > 0) return `invalid pod: ${added.join('; ')}`;
    const expected = ref.under(named);
    const where = firstDifference(result.docs, documents.map((d) => (d === COMPANION_SERVICE ? d : expected.data)));
    if (where !== undefined) return `data differs from block-2's at ${where}`;
    const key = outcomeKey(outcome);
    const expectedKey = Array.from({ length: ours }, () => expected.key).flat().sort();
    if (JSON.stringify(key) !== JSON.stringify(expectedKey)) return `decisions or results differ from block-2's: ${key.join(' | ')}`;
    return undefined;
  };

  let out: string | undefined;
  step('inject', () => {
    const outcome = run(text, 'inject', BASE.config);
    if (ref.errors.length > 0) {
      const errors = errorCodes(outcome);
      const expected = Array.from({ length: ours }, () => ref.errors).flat().sort();
      if (JSON.stringify(errors) !== JSON.stringify(expected)) return `error codes ${errors.join(', ') || 'none'} where block-2 gives ${ref.errors.join(', ')}`;
      return outcome.text === text ? undefined : 'a rejected input was changed';
    }
    const result = parsed(outcome.text);
    // The later steps need an injected text: not one left unchanged by an error, nor one that is not YAML.
    if (errorCodes(outcome).length === 0 && !result.parseError) out = outcome.text;
    return check(outcome, BASE, result);
  });
  if (out === undefined || ref.errors.length > 0) return failures;
  const output = out;

  step('re-inject', () => {
    const again = run(output, 'inject', BASE.config);
    return again.text === output && !again.changed ? undefined : 'output changes (--check would report work)';
  });
  for (const extra of extras) {
    if (extra === 'full path') {
      step('re-inject (full path)', () => {
        const stripped = withoutDigests(output);
        const again = run(stripped, 'inject', BASE.config);
        return again.text === stripped && !again.changed ? undefined : 'output changes';
      });
      continue;
    }
    step(`config change: ${extra.name}`, () => {
      const next = run(output, 'inject', extra.config);
      const problem = check(next, extra);
      if (problem) return problem;
      return run(next.text, 'uninject', extra.config).text === text ? undefined : 'uninject after it does not give back the original bytes';
    });
  }
  step('uninject', () => (run(output, 'uninject', BASE.config).text === text ? undefined : 'does not give back the original bytes'));
  return failures;
}

/** A symptom with offsets, indexes and names blanked, to group failures by cause. */
export function symptomClass(symptom: string): string {
  return symptom.replace(/\d+/g, 'N').replace(/(decisions or results differ from block-2's:).*/, '$1 …');
}
