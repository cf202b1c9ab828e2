/**
 * `istioctl kube-inject` on a stream (Istio's `IntoResourceFile`): every document is followed by
 * `---`; documents of a kind Istio knows (Pod, ReplicationController, Deployment, DaemonSet,
 * ReplicaSet, StatefulSet, Job, CronJob, DeploymentConfig, List) are decoded into Go's structs,
 * injected and written back as `sigs.k8s.io/yaml` writes them; everything else is copied as it
 * is. The first error stops the stream.
 */
import { LineCounter, parseDocument } from 'yaml';
import { marshalYAML } from '../gotemplate/yaml-marshal.js';
import type { ClusterInputs, TemplateKnobs, TemplateRenderer } from '../mesh/istio-templates/types.js';
import type { Result } from '../results.js';
import { PARSE_OPTIONS, MAX_ALIAS_COUNT } from '../yaml/yaml-options.js';
import { GoDecodeError, decodeAndMarshal } from '../go/go-decode.js';
import { GO_ROOTS } from '../go/go-types.generated.js';
import { intoObject, KubeInjectError, readTypeMeta, registeredKind, type InjectContext } from './into-object.js';
import { SeparatorError, splitStream } from './split-stream.js';

export interface KubeInjectOptions {
  render: TemplateRenderer;
  inputs: ClusterInputs;
  knobs: TemplateKnobs;
  /** Path used in results. */
  path?: string;
}

export interface KubeInjectFailure {
  /** istioctl's error text. */
  message: string;
  /** 0-based index of the document that failed, when one did. */
  document?: number;
}

export interface KubeInjectOutcome {
  /** The output stream; on error, the documents written before the failing one. */
  text: string;
  /** istioctl's warning lines (`===> Skipping injection because ...`), in order. */
  warnings: string[];
  /** Warnings and notes from rendering, per workload. */
  results: Result[];
  error?: KubeInjectFailure;
}

export function kubeInject(text: string, options: KubeInjectOptions): KubeInjectOutcome {
  const ctx: InjectContext = { render: options.render, inputs: options.inputs, knobs: options.knobs, warnings: [], results: [] };
  let out = '';
  let docs: string[];
  try {
    docs = splitStream(text);
  } catch (error) {
    if (error instanceof SeparatorError) return { text: '', warnings: [], results: [], error: { message: error.message } };
    throw error;
  }
  for (const [index, raw] of docs.entries()) {
    const noted = ctx.results.length;
    try {
      out += `${injectDocument(raw, ctx)}---\n`;
      for (const result of ctx.results.slice(noted)) result.file = { path: options.path ?? '', index };
    } catch (error) {
      if (error instanceof KubeInjectError || error instanceof GoDecodeError) {
        const message = error instanceof GoDecodeError ? `error unmarshaling JSON: while decoding JSON: ${error.message}` : error.message;
        return { text: out, warnings: ctx.warnings, results: ctx.results, error: { message, document: index } };
      }
      throw error;
    }
  }
  return { text: out, warnings: ctx.warnings, results: ctx.results };
}

function injectDocument(raw: string, ctx: InjectContext): string {
  const value = readYaml(raw);
  const kind = registeredKind(readTypeMeta(value));
  if (!kind) return raw;
  const decoded = decodeAndMarshal(value, GO_ROOTS[kind]!, { fromYaml: true }) as Record<string, unknown>;
  return marshalYAML(intoObject(decoded, kind, ctx));
}

/** The document as go-yaml v2 reads it (YAML 1.1; integers as bigints so they stay integers). */
function readYaml(raw: string): unknown {
  const lineCounter = new LineCounter();
  const doc = parseDocument(raw, { ...PARSE_OPTIONS, intAsBigInt: true, lineCounter });
  const problem = doc.errors[0];
  if (problem) {
    const line = lineCounter.linePos(problem.pos[0]).line;
    const message = problem.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new KubeInjectError(`error converting YAML to JSON: yaml: line ${line}: ${message}`);
  }
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    throw new KubeInjectError(`error converting YAML to JSON: yaml: ${(error as Error).message}`);
  }
}
