/**
 * Phase 3 of a document's run: decide and render each workload's target pod (`inject-workload.ts`)
 * and plan the text edits that produce it (`record/plan-edits.ts`), each with its undo record.
 */
import { DocumentRun, podPathSegments, type Workload, nodeAt } from './document-run.js';
import { injectWorkload, type WorkloadOutcome } from './inject-workload.js';
import { isObject } from '../kube/objects.js';
import { getIn } from './locate-workloads.js';
import type { PodTemplate } from '../mesh/types.js';
import { emptyRecord, encodeRecord, RECORD_ANNOTATION, type InjectionRecord } from '../record/format.js';
import { DIGEST_PLACEHOLDER, sealDigest } from '../record/digest.js';
import { contentDigest } from '../record/content-digest.js';
import { deepEqual } from '../yaml/deep-equal.js';
import { formatPath, type PathSegment } from '../yaml/node-path.js';
import type { ParsedDocument } from '../yaml/parse-document.js';
import { planNode, type PlanContext } from '../record/plan-edits.js';
import type { RenderStyle } from '../yaml/edit/render.js';
import { emitScalar } from '../yaml/edit/emit.js';
import { applySplices, mergeLineDeletions, type Splice } from '../yaml/edit/splices.js';
import { detectIndentSeq } from '../yaml/edit/detect-style.js';
import { workloadInfo } from './workload-ref.js';
import { presetFor } from '../mesh/preset-for.js';
import { activeSidecars } from '../mesh/custom-sidecars.js';
import { workloadResources } from '../resource-cost/pod-resources.js';

const PLACEHOLDER = '__MESH_INJECT_RECORD__';

/** Each workload's rendering, worked out once for the trust check and for planning. */
export function renderWorkload(run: DocumentRun, data: unknown, w: Workload, force = false): WorkloadOutcome {
  const pod = getIn(data, podPathSegments(w) as (string | number)[]);
  const { ctx } = run;
  return injectWorkload({
    pod: (isObject(pod) ? pod : {}) as Record<string, unknown>,
    workload: workloadInfo(w.object, w.ref, w.namespace),
    podPath: formatPath(w.podPath),
    config: ctx.config,
    cluster: ctx.cluster,
    // Under `mesh: none` an earlier Istio injection is still checked against what Istio writes.
    preset: ctx.preset ?? (force ? presetFor({ ...ctx.config, mesh: 'istio' }) : undefined),
    ...(force ? { force: true } : {}),
  });
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
export function planInjections(run: DocumentRun, text: string, parsed: ParsedDocument, data: unknown, workloads: Workload[], outcomes: ReadonlyMap<Workload, WorkloadOutcome>): { splices: Splice[]; targets: Map<Workload, PodTemplate>; seal?: Seal } {
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
    const outcome = outcomes.get(w) ?? renderWorkload(run, data, w);
    const line = run.positionOf(parsed, w.objectPath).line;
    for (const problem of outcome.problems) {
      const path = [...podPath, ...problem.path];
      run.add('error', problem.code, problem.message, { ref: w.ref, field: formatPath([...w.podPath, ...problem.path]), at: run.positionOf(parsed, path) });
    }
    for (const result of outcome.results) {
      const at = run.positionOf(parsed, fieldToPath(podPath, w.podPath, result.field?.path));
      run.add(result.severity, result.code, result.message, { ref: w.ref, ...(result.field ? { field: result.field.path } : {}), at });
    }
    if (outcome.decision.warning) run.add('warning', 'invalid-inject-value', outcome.decision.warning, { ref: w.ref, at: { line, column: 1 } });
    const failed = outcome.problems.length > 0 || outcome.results.some((r) => r.severity === 'error');
    if (failed) {
      w.failed = true;
      const code = outcome.problems[0]?.code ?? outcome.results.find((r) => r.severity === 'error')?.code ?? 'invalid-annotation';
      const first = outcome.problems[0]?.message ?? outcome.results.find((r) => r.severity === 'error')?.message ?? 'invalid input';
      run.reports.push({ resourceRef: w.ref, action: 'error', code, reason: first, line });
      continue;
    }
    if (!outcome.target || !location || !isObject(pod) || deepEqual(pod, outcome.target)) {
      const sidecarsOnly = outcome.decision.code === 'skipped-mesh-none' && activeSidecars(ctx.config).length > 0;
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
    plan.record.contentDigest = contentDigest(target, plan.record);
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
    run.reports.push({
      resourceRef: w.ref, action: w.hadRecord ? 'reinjected' : 'injected', code: 'injected', reason, line,
      ...(outcome.proxyConfigs ? { proxyConfigs: outcome.proxyConfigs } : {}),
      ...(ctx.resources ? { resources: workloadResources(w.object, pod, outcome.target) } : {}),
    });
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
export function sealedOutput(text: string, pristine: string, splices: Splice[], seal: Seal, eol: string): string {
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

