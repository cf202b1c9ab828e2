/**
 * `linkerd inject` and `linkerd uninject` on their inputs (cli/cmd/inject_util.go): each input (a
 * file, or the stdin stream) is split into documents; each document is transformed (a `kind: List`
 * item by item) and written followed by `---`; the report of that input follows its output on
 * stderr. The first input with errors stops the run: nothing of it is written, stderr gets
 * `Error transforming resources:` and the errors, and the exit code is 1.
 *
 * `linkerd inject` first runs a silent uninject over all its inputs, then injects the result as
 * one stream (so a directory gets one report); `inject-only` is the inject step alone, one report
 * per input (what Linkerd's tests of file and directory input run).
 */
import { GoDecodeError, decodeAndMarshal } from '../go/go-decode.js';
import { goJsonStringify } from '../go/go-json-text.js';
import { SeparatorError, splitStream } from '../kube-inject/split-stream.js';
import { isObject } from '../kube/objects.js';
import { goYaml } from './go-object.js';
import { injectDocument, type DocumentOutcome, type InjectDocumentOptions, type InjectState } from './inject-document.js';
import { LinkerdStreamError, readYaml } from './read-yaml.js';
import { injectReportText, uninjectReportText, type LinkerdReport } from './report.js';
import { parseResource } from './resource-config.js';
import { uninjectDocument } from './uninject-document.js';
import type { Result } from '../results.js';

type Obj = Record<string, unknown>;

export interface LinkerdInjectOptions extends InjectDocumentOptions {
  /** Override annotations (`overrideAnnotations(values, baseValues)`). */
  overrides: Readonly<Record<string, string>>;
  verbose: boolean;
  /** 'uninject-then-inject' (the CLI) or 'inject-only'. */
  mode: 'uninject-then-inject' | 'inject-only';
  /** `-o`: documents as YAML followed by `---` (default), or one JSON object per line. */
  output?: OutputFormat;
}

export type OutputFormat = 'yaml' | 'json';

export interface LinkerdOutcome {
  stdout: string;
  stderr: string;
  /** 0, or 1 when an input had errors (Linkerd's exit code). */
  exitCode: 0 | 1;
  /** Warnings Linkerd would log (and print only with --verbose): annotation values it ignores. */
  warnings: Result[];
}

type Transform = (value: unknown) => DocumentOutcome;

export function linkerdInject(inputs: readonly string[], options: LinkerdInjectOptions): LinkerdOutcome {
  let streams = inputs;
  if (options.mode === 'uninject-then-inject') {
    const uninjected = transformInputs(inputs, uninjectTransform, () => '');
    if (uninjected.exitCode !== 0) return uninjected;
    streams = [uninjected.stdout];
  }
  const state: InjectState = { overrides: { ...options.overrides } };
  const transform: Transform = (value) => injectDocument(parseResource(value, { values: options.values }), options, state);
  return transformInputs(streams, transform, (reports) => injectReportText(reports, options.verbose), options.output);
}

export function linkerdUninject(inputs: readonly string[], options: { output?: OutputFormat } = {}): LinkerdOutcome {
  return transformInputs(inputs, uninjectTransform, uninjectReportText, options.output);
}

/** `linkerd uninject` of one document (its report only says what was removed). */
const uninjectTransform: Transform = (value) => {
  const conf = parseResource(value, {});
  const changed = uninjectDocument(conf);
  if (!changed) conf.report.unsupportedResource = true;
  return { ...(changed ? { changed } : {}), reports: [conf.report] };
};

function transformInputs(inputs: readonly string[], transform: Transform, reportText: (reports: LinkerdReport[]) => string, output: OutputFormat = 'yaml'): LinkerdOutcome {
  let stdout = '';
  let stderr = '';
  const warnings: Result[] = [];
  for (const input of inputs) {
    const { out, reports, errors } = processStream(input, transform, warnings, output);
    if (errors.length > 0) return { stdout, stderr: `${stderr}Error transforming resources:\n${errors.join('\n')}`, exitCode: 1, warnings };
    stdout += out;
    stderr += reportText(reports);
  }
  return { stdout, stderr, exitCode: 0, warnings };
}

function processStream(text: string, transform: Transform, warnings: Result[], output: OutputFormat): { out: string; reports: LinkerdReport[]; errors: string[] } {
  let docs: string[];
  try {
    docs = splitStream(text);
  } catch (error) {
    if (error instanceof SeparatorError) return { out: '', reports: [], errors: [error.message] };
    throw error;
  }
  let out = '';
  const reports: LinkerdReport[] = [];
  const errors: string[] = [];
  for (const raw of docs) {
    let value: unknown;
    let isList: boolean;
    try {
      value = readYaml(raw);
      isList = (decodeAndMarshal(value, 'meta.TypeMeta', { fromYaml: true }) as { kind?: string }).kind === 'List';
    } catch (error) {
      return { out: '', reports: [], errors: [streamErrorText(error)] };
    }
    const outcome = guarded(() => (isList ? processList(value, transform) : transform(value)));
    if (outcome.error !== undefined) errors.push(outcome.error);
    reports.push(...outcome.reports);
    warnings.push(...(outcome.warnings ?? []));
    if (errors.length === 0) out += output === 'json' ? `${goJson(outcome.changed ?? value)}\n` : `${outcome.changed ? goYaml(outcome.changed) : raw}---\n`;
  }
  return { out, reports, errors };
}

/** A `kind: List`: its items transformed one by one (the first error drops the list's reports); Go's `corev1.List` written back. */
function processList(value: unknown, transform: Transform): DocumentOutcome {
  const list = decodeAndMarshal(value, 'meta.List', { fromYaml: true }) as Obj;
  const items = Array.isArray(list.items) ? (list.items as unknown[]) : [];
  const reports: LinkerdReport[] = [];
  const warnings: Result[] = [];
  const out: unknown[] = [];
  for (const item of items) {
    const outcome = transform(item);
    if (outcome.error !== undefined) return { reports: [], error: outcome.error };
    out.push(outcome.changed ?? item);
    reports.push(...outcome.reports);
    warnings.push(...(outcome.warnings ?? []));
  }
  if (isObject(list)) list.items = out;
  return { changed: list, reports, warnings };
}

/** `yaml.YAMLToJSON` of a document: Go's JSON of the data, map keys sorted. */
function goJson(value: unknown): string {
  const sorted = (v: unknown): unknown => {
    if (typeof v === 'bigint') return Number(v);
    if (Array.isArray(v)) return v.map(sorted);
    if (isObject(v)) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted(v[k])]));
    return v ?? null;
  };
  return goJsonStringify(sorted(value));
}

function guarded(run: () => DocumentOutcome): DocumentOutcome {
  try {
    return run();
  } catch (error) {
    return { reports: [], error: streamErrorText(error) };
  }
}

function streamErrorText(error: unknown): string {
  if (error instanceof LinkerdStreamError) return error.message;
  if (error instanceof GoDecodeError) return `error unmarshaling JSON: while decoding JSON: ${error.message}`;
  throw error;
}
