/**
 * One YAML document in, the same document out with workloads injected (or uninjected) by text
 * edits. Any earlier injection is first undone from its record, so re-injection starts from
 * the user's original text and the output never carries stale fields.
 */
import type { Node } from 'yaml';
import type { ClusterContext } from './cluster-context.js';
import type { InjectConfig } from './config.js';
import { injectWorkload } from './inject-workload.js';
import { isObject } from './kube.js';
import { getIn, locateWorkloads, type LocatedWorkload } from './locate-workloads.js';
import type { MeshPreset, PodTemplate } from './mesh/types.js';
import { decodeRecord, emptyRecord, encodeRecord, RECORD_ANNOTATION, type InjectionRecord } from './record.js';
import { DIGEST_PLACEHOLDER, sealDigest } from './injection-digest.js';
import { recognizeUnchanged } from './recognize-unchanged.js';
import type { ResourceRef, Result, ResultCode, Severity } from './results.js';
import { deepEqual } from './yaml/deep-equal.js';
import { formatPath, resolvePath, type Location, type PathSegment } from './yaml/node-path.js';
import { parseYaml, toPlainData, type ParsedDocument, type ParseProblem } from './yaml/parse-document.js';
import { planNode, type PlanContext } from './yaml/plan-edits.js';
import { planUndo } from './yaml/plan-undo.js';
import type { RenderStyle } from './yaml/render.js';
import { emitScalar } from './yaml/emit.js';
import { applySplices, mergeLineDeletions, type Splice } from './yaml/splices.js';
import { detectIndentSeq } from './yaml/detect-style.js';
import { refOf, workloadInfo, workloadNamespace } from './workload-ref.js';

export type Mode = 'inject' | 'uninject';

export const ISTIO_STATUS_ANNOTATION = 'sidecar.istio.io/status';
const PLACEHOLDER = '__MESH_INJECT_RECORD__';

export interface DocumentContext {
  mode: Mode;
  config: InjectConfig;
  cluster: ClusterContext;
  preset: MeshPreset | undefined;
  eol: string;
  /** Where the document sits, for results: file path, document index, 0-based line of its first line. */
  file?: { path: string; index: number; line: number };
  /** Restrict to objects under these paths (a ResourceList's items); default: the document root. */
  roots?: PathSegment[][];
  /** Re-parse the edited text and check every workload reads back as intended (slower; on in tests). */
  verify?: boolean;
  /** Seal a digest into the record (`TransformOptions.digest`). */
  digest?: boolean;
}

export type WorkloadAction = 'injected' | 'reinjected' | 'unchanged' | 'uninjected' | 'skipped' | 'error';

export interface WorkloadReport {
  resourceRef: ResourceRef;
  action: WorkloadAction;
  code: ResultCode;
  reason: string;
  /** 1-based line of the object in its file. */
  line?: number;
  /** ProxyConfig CRs (`namespace/name`) the proxy's settings came from, lowest precedence first. */
  proxyConfigs?: string[];
}

export interface DocumentOutcome {
  text: string;
  results: Result[];
  workloads: WorkloadReport[];
}

interface Workload extends LocatedWorkload {
  ref: ResourceRef;
  namespace: string;
  hadRecord: boolean;
  /** The earlier record's digest (records written before digests existed have none). */
  previousDigest: string | undefined;
  failed: boolean;
}

class DocumentRun {
  readonly results: Result[] = [];
  readonly reports: WorkloadReport[] = [];

  constructor(readonly ctx: DocumentContext) {}

  position(parsed: ParsedDocument, offset: number): { line: number; column: number } {
    const pos = parsed.lineCounter.linePos(offset);
    return { line: pos.line + (this.ctx.file?.line ?? 0), column: pos.col };
  }

  add(severity: Severity, code: ResultCode, message: string, extra: { ref?: ResourceRef; field?: string; at?: { line: number; column: number } } = {}): void {
    const result: Result = { severity, code, message };
    if (extra.ref) result.resourceRef = extra.ref;
    if (extra.field) result.field = { path: extra.field };
    if (this.ctx.file) {
      result.file = { path: this.ctx.file.path, index: this.ctx.file.index };
      if (extra.at) Object.assign(result.file, extra.at);
    }
    this.results.push(result);
  }
}

function podPathSegments(w: LocatedWorkload): PathSegment[] {
  return [...w.objectPath, ...w.podPath];
}

function parseWithProblems(run: DocumentRun, text: string): { parsed: ParsedDocument; data: unknown } | undefined {
  const { parsed, problems } = parseYaml(text);
  let all: ParseProblem[] = problems;
  let data: unknown;
  if (!problems.length) {
    try {
      data = toPlainData(parsed.doc);
    } catch (problem) {
      all = [problem as ParseProblem];
    }
  }
  if (all.length) {
    for (const problem of all) run.add('error', problem.code, problem.message, { at: run.position(parsed, problem.offset) });
    return undefined;
  }
  return { parsed, data };
}

function objectRoots(ctx: DocumentContext, data: unknown): LocatedWorkload[] {
  const roots = ctx.roots ?? [[]];
  return roots.flatMap((root) => locateWorkloads(getIn(data, root as (string | number)[]), root, ctx.config.workloads));
}

function describe(run: DocumentRun, located: LocatedWorkload): Workload {
  const namespace = workloadNamespace(located.object, run.ctx.config.defaultNamespace);
  return { ...located, ref: refOf(located.object, namespace), namespace, hadRecord: false, previousDigest: undefined, failed: false };
}

function nodeAt(parsed: ParsedDocument, path: PathSegment[]): Location | undefined {
  return resolvePath(parsed.doc.contents as Node, path);
}

/** Offset of the deepest node on `path` that exists, for positioning a result. */
function offsetOf(parsed: ParsedDocument, path: PathSegment[]): number {
  for (let length = path.length; length >= 0; length--) {
    const location = nodeAt(parsed, path.slice(0, length));
    if (!location) continue;
    if (location.kind === 'pair') return location.pair.key.range![0];
    return location.node.range?.[0] ?? 0;
  }
  return 0;
}

function annotationsOf(pod: unknown): Record<string, unknown> {
  const metadata = isObject(pod) && isObject(pod.metadata) ? pod.metadata : {};
  return isObject(metadata.annotations) ? metadata.annotations : {};
}

/** Phase 1: undo every recorded injection in the document. */
function undoInjections(run: DocumentRun, text: string, parsed: ParsedDocument, data: unknown, workloads: Workload[]): Splice[] {
  const splices: Splice[] = [];
  for (const w of workloads) {
    const podPath = podPathSegments(w);
    const annotations = annotationsOf(getIn(data, podPath as (string | number)[]));
    const recordText = annotations[RECORD_ANNOTATION];
    if (recordText === undefined) {
      if (annotations[ISTIO_STATUS_ANNOTATION] !== undefined) {
        w.failed = true;
        const at = run.position(parsed, offsetOf(parsed, [...podPath, 'metadata', 'annotations', ISTIO_STATUS_ANNOTATION]));
        run.add('warning', 'skipped-foreign-injection', `already injected by another tool (${ISTIO_STATUS_ANNOTATION} without a mesh-inject record); left unchanged. Replace it with the original manifest to let mesh-inject manage it`, { ref: w.ref, at });
        run.reports.push({ resourceRef: w.ref, action: 'skipped', code: 'skipped-foreign-injection', reason: 'injected by another tool', line: at.line });
      }
      continue;
    }
    const recordPath = [...podPath, 'metadata', 'annotations', RECORD_ANNOTATION];
    const record = typeof recordText === 'string' ? decodeRecord(recordText) : `annotation ${RECORD_ANNOTATION} must be a string`;
    const podNode = nodeAt(parsed, podPath)?.node;
    if (typeof record === 'string' || !podNode) {
      w.failed = true;
      const at = run.position(parsed, offsetOf(parsed, recordPath));
      run.add('error', 'invalid-record', `${typeof record === 'string' ? record : 'pod template not found'}; restore the annotation from Git or delete the injected containers and the annotation by hand`, { ref: w.ref, field: formatPath(recordPath), at });
      continue;
    }
    w.hadRecord = true;
    w.previousDigest = record.digest;
    const plan = planUndo(text, podNode, record, nodeAt(parsed, recordPath));
    for (const path of plan.missing) {
      run.add('warning', 'invalid-record', `recorded path ${formatPath(path)} is no longer in the file (edited by hand?); skipped`, { ref: w.ref, field: formatPath([...podPath, ...path]) });
    }
    splices.push(...plan.splices);
  }
  return splices;
}

function renderRecordValue(recordJson: string): string {
  return emitScalar(recordJson);
}

function withPlaceholder(target: PodTemplate): PodTemplate {
  return {
    ...target,
    metadata: { ...target.metadata, annotations: { ...target.metadata.annotations, [RECORD_ANNOTATION]: PLACEHOLDER } },
  };
}

/**
 * A document whose only workload is its root object gets a digest in its record, for
 * `recognizeUnchanged`; `unsealed` is the same edit with a record without one.
 */
interface Seal {
  unsealed: Splice[];
  /** The workload had a record: keep it as it is when only its digest would change. */
  reinjected: boolean;
  /** That record's digest; none when it was written before digests existed. */
  previousDigest: string | undefined;
}

/** Phase 2: compute each workload's target pod and plan the edits that produce it. */
function injectAll(run: DocumentRun, text: string, parsed: ParsedDocument, data: unknown, workloads: Workload[]): { splices: Splice[]; targets: Map<Workload, PodTemplate>; seal?: Seal } {
  const { ctx } = run;
  const sealable = ctx.digest === true && !ctx.roots && workloads.length === 1 && workloads[0]!.objectPath.length === 0;
  let seal: Seal | undefined;
  const style: RenderStyle = { eol: ctx.eol, indentSeq: detectIndentSeq(parsed.doc, text) };
  const splices: Splice[] = [];
  const targets = new Map<Workload, PodTemplate>();
  for (const w of workloads) {
    if (w.failed) continue;
    const podPath = podPathSegments(w);
    const pod = getIn(data, podPath as (string | number)[]);
    const location = nodeAt(parsed, podPath);
    const outcome = injectWorkload({
      pod: (isObject(pod) ? pod : {}) as Record<string, unknown>,
      workload: workloadInfo(w.object, w.ref, w.namespace),
      podPath: formatPath(w.podPath),
      config: ctx.config,
      cluster: ctx.cluster,
      preset: ctx.preset,
    });
    const line = run.position(parsed, offsetOf(parsed, w.objectPath)).line;
    for (const problem of outcome.problems) {
      const path = [...podPath, ...problem.path];
      run.add('error', problem.code, problem.message, { ref: w.ref, field: formatPath([...w.podPath, ...problem.path]), at: run.position(parsed, offsetOf(parsed, path)) });
    }
    for (const result of outcome.results) {
      const at = run.position(parsed, offsetOf(parsed, fieldToPath(podPath, w.podPath, result.field?.path)));
      run.add(result.severity, result.code, result.message, { ref: w.ref, ...(result.field ? { field: result.field.path } : {}), at });
    }
    if (outcome.decision.warning) run.add('warning', 'invalid-inject-value', outcome.decision.warning, { ref: w.ref, at: { line, column: 1 } });
    const failed = outcome.problems.length > 0 || outcome.results.some((r) => r.severity === 'error');
    if (failed) {
      w.failed = true;
      const code = outcome.problems[0]?.code ?? outcome.results.find((r) => r.severity === 'error')?.code ?? 'invalid-annotation';
      run.reports.push({ resourceRef: w.ref, action: 'error', code, reason: outcome.problems[0]?.message ?? outcome.results.find((r) => r.severity === 'error')?.message ?? 'invalid input', line });
      continue;
    }
    if (!outcome.target || !location || !isObject(pod) || deepEqual(pod, outcome.target)) {
      const sidecarsOnly = outcome.decision.code === 'skipped-mesh-none' && ctx.config.sidecars.length > 0;
      const code = outcome.decision.inject || sidecarsOnly ? 'not-injected' : outcome.decision.code;
      const reason = sidecarsOnly ? 'no sidecar in the config selects it' : outcome.decision.inject ? 'nothing to inject' : outcome.decision.reason;
      run.reports.push({ resourceRef: w.ref, action: 'skipped', code, reason, line });
      // Istio warns about host networking; other skips are informational.
      run.add(code === 'skipped-host-network' ? 'warning' : 'info', code, `not injected: ${reason}`, { ref: w.ref, at: { line, column: 1 } });
      continue;
    }
    const plan: PlanContext = { text, style, splices: [], record: emptyRecord() };
    const target = withPlaceholder(outcome.target);
    planNode(plan, location, pod, target, []);
    plan.record.added = plan.record.added.filter((p) => !(p.length === 3 && p[2] === RECORD_ANNOTATION));
    if (sealable) {
      seal = { unsealed: mergeLineDeletions(withRecord(plan.splices, plan.record)), reinjected: w.hadRecord, previousDigest: w.previousDigest };
      plan.record.digest = DIGEST_PLACEHOLDER;
    } else if (w.previousDigest !== undefined) {
      // Kept as it was (now stale if the document changes): only a run that seals renews it, and
      // dropping it here would make kustomize/kpt output and the files disagree back and forth.
      plan.record.digest = w.previousDigest;
    }
    splices.push(...mergeLineDeletions(withRecord(plan.splices, plan.record)));
    targets.set(w, target);
    const reason = outcome.decision.inject ? outcome.decision.reason : 'custom sidecars from the config';
    run.reports.push({ resourceRef: w.ref, action: w.hadRecord ? 'reinjected' : 'injected', code: 'injected', reason, line, ...(outcome.proxyConfigs ? { proxyConfigs: outcome.proxyConfigs } : {}) });
  }
  return { splices, targets, ...(seal ? { seal } : {}) };
}

/** The planned edits with the record's placeholder replaced by the record. */
function withRecord(splices: readonly Splice[], record: InjectionRecord): Splice[] {
  const recordJson = encodeRecord(record);
  // JSON documents are re-rendered as JSON, where the placeholder sits in double quotes.
  return splices.map((splice) => ({ ...splice, text: splice.text.replace(`"${PLACEHOLDER}"`, JSON.stringify(recordJson)).replace(PLACEHOLDER, renderRecordValue(recordJson)) }));
}

/**
 * The edited document with its digest filled in. When re-injecting would change nothing but the
 * digest (the user edited some other field since, or the record predates digests), the document
 * stays as it is: a digest only speeds up later runs, and must never make a file "need injection".
 */
function sealedOutput(text: string, pristine: string, splices: Splice[], seal: Seal, eol: string): string {
  if (seal.reinjected) {
    const unchanged = seal.previousDigest === undefined
      ? applySplices(pristine, seal.unsealed) === text
      : applySplices(pristine, splices).replace(DIGEST_PLACEHOLDER, seal.previousDigest) === text;
    if (unchanged) return text;
  }
  return sealDigest(applySplices(pristine, splices), eol) ?? applySplices(pristine, seal.unsealed);
}

/** Preset results name fields as dotted strings; map annotation paths back to nodes for positions. */
function fieldToPath(podPath: PathSegment[], podPrefix: string[], field: string | undefined): PathSegment[] {
  if (!field) return podPath;
  const prefix = podPrefix.join('.');
  const relative = prefix && field.startsWith(prefix + '.') ? field.slice(prefix.length + 1) : field;
  for (const map of ['metadata.annotations.', 'metadata.labels.']) {
    if (relative.startsWith(map)) return [...podPath, ...map.slice(0, -1).split('.'), relative.slice(map.length)];
  }
  return [...podPath, ...relative.split('.').filter((s) => /^[A-Za-z]+$/.test(s))];
}

export function transformDocument(text: string, ctx: DocumentContext): DocumentOutcome {
  const unchanged = recognizeUnchanged(text, ctx);
  if (unchanged) return unchanged;
  const run = new DocumentRun(ctx);
  const first = parseWithProblems(run, text);
  if (!first) return { text, results: run.results, workloads: [] };
  const workloads = objectRoots(ctx, first.data).map((w) => describe(run, w));
  if (!workloads.length) return { text, results: run.results, workloads: [] };

  const undo = undoInjections(run, text, first.parsed, first.data, workloads);
  if (run.results.some((r) => r.severity === 'error')) return { text, results: run.results, workloads: run.reports };
  const pristine = undo.length ? applySplices(text, undo) : text;
  if (ctx.mode === 'uninject') {
    for (const w of workloads) {
      if (w.hadRecord) run.reports.push({ resourceRef: w.ref, action: 'uninjected', code: 'uninjected', reason: 'injection removed' });
    }
    return { text: pristine, results: run.results, workloads: run.reports };
  }

  const second = undo.length ? parseWithProblems(run, pristine) : first;
  if (!second) return internalError(run, text, 'the file no longer parses after undoing the previous injection');
  const current = undo.length ? objectRoots(ctx, second.data).map((w) => describe(run, w)) : workloads;
  current.forEach((w, i) => {
    w.hadRecord = workloads[i]?.hadRecord ?? false;
    w.previousDigest = workloads[i]?.previousDigest;
    w.failed = workloads[i]?.failed ?? false;
  });
  const { splices, targets, seal } = injectAll(run, pristine, second.parsed, second.data, current);
  if (run.results.some((r) => r.severity === 'error')) return { text, results: run.results, workloads: run.reports };
  const output = seal ? sealedOutput(text, pristine, splices, seal, ctx.eol) : splices.length ? applySplices(pristine, splices) : pristine;
  const problem = ctx.verify ? verify(output, targets) : undefined;
  if (problem) return internalError(run, text, problem);
  if (output === text) {
    for (const report of run.reports) if (report.action === 'reinjected') report.action = 'unchanged';
  }
  return { text: output, results: run.results, workloads: run.reports };
}

/** Self-check: the written text must parse to exactly the intended pods. */
function verify(output: string, targets: Map<Workload, PodTemplate>): string | undefined {
  if (!targets.size) return undefined;
  const { parsed, problems } = parseYaml(output);
  if (problems.length) return `the edited text does not parse (${problems[0]!.message})`;
  const data = toPlainData(parsed.doc);
  for (const [w, target] of targets) {
    const pod = getIn(data, podPathSegments(w) as (string | number)[]) as PodTemplate | undefined;
    const annotations = { ...pod?.metadata?.annotations };
    delete annotations[RECORD_ANNOTATION];
    const expected = { ...target.metadata.annotations };
    delete expected[RECORD_ANNOTATION];
    if (!pod || !deepEqual({ ...pod, metadata: { ...pod.metadata, annotations } }, { ...target, metadata: { ...target.metadata, annotations: expected } })) {
      return `the edited ${w.ref.kind} ${w.ref.name} does not read back as intended`;
    }
  }
  return undefined;
}

function internalError(run: DocumentRun, text: string, message: string): DocumentOutcome {
  run.add('error', 'internal-error', `${message}; the file was left unchanged. Please report this with the input file`);
  return { text, results: run.results, workloads: run.reports };
}

