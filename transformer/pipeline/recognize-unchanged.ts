/**
 * The pre-commit steady state: re-injecting a document mesh-inject wrote and nobody touched since.
 * Undoing the injection in the text and redoing it means parsing the large injected document
 * twice with `yaml` and re-rendering every injected node, only to write the same text back.
 * Instead, when the record's digest shows the text is exactly as written, the pristine pod is read
 * back from the record on plain data (fast reader), injected again on data, and compared: the same
 * pod means the same text (rendering depends only on the pristine text, which the digest pins,
 * and the pod). Whatever this cannot vouch for answers undefined: the full path then runs.
 */
import type { DocumentContext, DocumentOutcome } from './document-run.js';
import { digestMatches } from '../record/digest.js';
import { injectWorkload } from './inject-workload.js';
import { isObject } from '../kube/objects.js';
import { getIn, locateWorkloads } from './locate-workloads.js';
import { decodeRecord, RECORD_ANNOTATION } from '../record/format.js';
import { pristinePod } from '../record/undo-on-data.js';
import { refOf, workloadInfo, workloadNamespace } from './workload-ref.js';
import { deepEqual } from '../yaml/deep-equal.js';
import { readPlainData } from '../yaml/fast-read/fast-read.js';
import { formatPath } from '../yaml/node-path.js';
import { workloadResources } from '../resource-cost/pod-resources.js';

/** 1-based line of the document's root node (where `yaml` puts its range), skipping comments and `---`. */
function rootLine(text: string): number | undefined {
  let line = 1;
  for (let start = 0; start < text.length; line++) {
    const nl = text.indexOf('\n', start);
    const content = text.slice(start, nl === -1 ? text.length : nl).trim();
    start = nl === -1 ? text.length : nl + 1;
    const afterMarker = content.startsWith('---') ? content.slice(3).trim() : undefined;
    if (content === '' || content.startsWith('#') || afterMarker === '' || afterMarker?.startsWith('#')) continue;
    // Content on the `---` line itself (`--- {...}`): leave the position to the parser.
    return afterMarker === undefined ? line : undefined;
  }
  return undefined;
}

/**
 * The text as the fast reader takes it: without the `---` line that starts every document after
 * the first (it reads single documents only), and with LF line breaks (YAML reads CRLF as LF).
 */
function readableText(text: string): string | undefined {
  let body = text;
  if (body.startsWith('---')) {
    const nl = body.indexOf('\n');
    const rest = body.slice(3, nl === -1 ? body.length : nl).trim();
    if (rest !== '' && !rest.startsWith('#')) return undefined;
    body = nl === -1 ? '' : body.slice(nl + 1);
  }
  return body.includes('\r') ? body.replaceAll('\r\n', '\n') : body;
}

/** The pod without its record; an annotations map left empty counts as none (as in `verify`). */
function withoutRecord(pod: Record<string, unknown>): Record<string, unknown> {
  if (!isObject(pod.metadata) || !isObject(pod.metadata.annotations)) return pod;
  const annotations = { ...pod.metadata.annotations };
  delete annotations[RECORD_ANNOTATION];
  const metadata: Record<string, unknown> = { ...pod.metadata, annotations };
  if (Object.keys(annotations).length === 0) delete metadata.annotations;
  return { ...pod, metadata };
}

/** A digest in the record's text (quoted as YAML or JSON writes it) that matches the document, if any. */
function sealedDigest(text: string, eol: string): string | undefined {
  for (const match of text.matchAll(/\\?"d\\?":\\?"([0-9a-f]{16})\\?"/g)) if (digestMatches(text, match[1]!, eol)) return match[1];
  return undefined;
}

export function recognizeUnchanged(text: string, ctx: DocumentContext): DocumentOutcome | undefined {
  if (ctx.mode !== 'inject' || ctx.roots || !text.includes(RECORD_ANNOTATION)) return undefined;
  // The digest is checked on the text first: a document without one, or edited since, is not read twice.
  const digest = sealedDigest(text, ctx.eol);
  if (digest === undefined) return undefined;
  const readable = readableText(text);
  const read = readable === undefined ? undefined : readPlainData(readable);
  if (!read?.ok) return undefined;
  const located = locateWorkloads(read.value, [], ctx.config.workloads);
  const workload = located.length === 1 && located[0]!.objectPath.length === 0 ? located[0]! : undefined;
  const pod = workload && getIn(workload.object, workload.podPath);
  if (!workload || !isObject(pod) || !isObject(pod.metadata) || !isObject(pod.metadata.annotations)) return undefined;
  const recordText = pod.metadata.annotations[RECORD_ANNOTATION];
  if (typeof recordText !== 'string') return undefined;
  const record = decodeRecord(recordText);
  if (typeof record === 'string' || record.digest !== digest) return undefined;
  const pristine = pristinePod(pod, record);
  const line = rootLine(text);
  if (!pristine || line === undefined) return undefined;

  // A Pod is its own template: its identity comes from the pristine data too.
  const object = workload.podPath.length ? workload.object : pristine;
  const namespace = workloadNamespace(object, ctx.config.defaultNamespace);
  const ref = refOf(object, namespace);
  const outcome = injectWorkload({
    pod: pristine,
    workload: workloadInfo(object, ref, namespace),
    podPath: formatPath(workload.podPath),
    config: ctx.config,
    cluster: ctx.cluster,
    preset: ctx.preset,
  });
  // Anything to report besides "unchanged" needs positions: the full path has them.
  if (outcome.problems.length || outcome.results.length || outcome.decision.warning || !outcome.target) return undefined;
  if (deepEqual(pristine, outcome.target) || !deepEqual(withoutRecord(pod), withoutRecord(outcome.target as unknown as Record<string, unknown>))) return undefined;
  const reason = outcome.decision.inject ? outcome.decision.reason : 'custom sidecars from the config';
  return {
    text,
    results: [],
    workloads: [{
      resourceRef: ref,
      action: 'unchanged',
      code: 'injected',
      reason,
      line: line + (ctx.file?.line ?? 0),
      ...(outcome.proxyConfigs ? { proxyConfigs: outcome.proxyConfigs } : {}),
      ...(ctx.resources ? { resources: workloadResources(object, pristine, outcome.target) } : {}),
    }],
  };
}
