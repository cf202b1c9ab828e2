/**
 * One YAML document in, the same document out with its workloads injected (or uninjected) by
 * minimal text edits. The pipeline, one phase per module:
 *
 *   parse → undo (record/undo-document) → check the undo (record/check-undo) → decide and render
 *   (inject-workload) → plan edits (plan-injection) → verify (verify-output)
 *
 * Any earlier injection is undone first, so re-injection starts from the user's original text and
 * never carries stale fields. An error anywhere leaves the document as it was.
 */
import { DocumentRun, type DocumentContext, type DocumentOutcome, type Workload } from './document-run.js';
import type { WorkloadOutcome } from './inject-workload.js';
import { getIn, locateWorkloads, setIn, type LocatedWorkload } from './locate-workloads.js';
import { planInjections, renderWorkload, sealedOutput } from './plan-injection.js';
import { checkUndo, type Parsed } from './check-undo.js';
import { footprintOf } from '../record/footprint.js';
import { recognizeUnchanged } from './recognize-unchanged.js';
import { undoInjections } from './undo-document.js';
import { uninjectWithoutRecord } from './uninject-without-record.js';
import { verifyOutput } from './verify-output.js';
import { refOf, workloadNamespace } from './workload-ref.js';
import { readOutline } from '../yaml/outline/outline.js';
import { parseManifest, toPlainData, type ParseProblem } from '../yaml/parse-document.js';
import { applySplices, OverlappingEdits } from '../yaml/edit/splices.js';
import { splitDocuments } from '../yaml/split-documents.js';

export type { DocumentContext, DocumentOutcome, Mode, WorkloadAction, WorkloadReport } from './document-run.js';
export { ISTIO_STATUS_ANNOTATION } from './undo-document.js';

/**
 * The document's AST and data: from the outline reader when the text is inside its subset (the
 * block YAML people and mesh-inject write: yaml's own nodes and ranges at a fraction of the cost),
 * else from `yaml`, which also reports every problem.
 */
function parse(run: DocumentRun, text: string): Parsed | undefined {
  const outline = readOutline(text);
  if (outline) return { parsed: outline, data: outline.data };
  const { parsed, problems } = parseManifest(text);
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

/** The run's workloads in a parsed document (its ResourceList roots, or the document itself). */
export function locate(run: DocumentRun, data: unknown): Workload[] {
  const { ctx } = run;
  const roots = ctx.roots ?? [[]];
  const located = roots.flatMap((root) => locateWorkloads(getIn(data, root as (string | number)[]), root, ctx.config.workloads));
  return located.map((w: LocatedWorkload) => {
    const namespace = workloadNamespace(w.object, ctx.config.defaultNamespace);
    return { ...w, ref: refOf(w.object, namespace), namespace, hadRecord: false, previousDigest: undefined, failed: false };
  });
}

export function transformDocument(text: string, ctx: DocumentContext): DocumentOutcome {
  const unchanged = recognizeUnchanged(text, ctx);
  if (unchanged) return unchanged;
  const run = new DocumentRun(ctx);
  try {
    return runPipeline(run, text);
  } catch (error) {
    if (error instanceof OverlappingEdits) return refuseOutput(run, text, `the planned edits overlap (${error.message})`);
    run.add('error', 'internal-error', `internal error: ${(error as Error).message ?? String(error)}; the file was left unchanged. Please report this with the input file`);
    return run.unchanged(text);
  }
}

function runPipeline(run: DocumentRun, text: string): DocumentOutcome {
  const { ctx } = run;
  const written = parse(run, text);
  if (!written) return run.unchanged(text);
  const before = locate(run, written.data);
  if (!before.length) return run.unchanged(text);
  if (ctx.mode === 'uninject' && ctx.ignoreRecord) return uninjectWithoutRecord(run, text, written, before, (output, expected) => verifyOutput({ ctx, output, pristine: output, expected, locate }));

  // Undo: back to the user's original text, checked against what the record may own.
  const undo = undoInjections(run, text, written.parsed, written.data, before);
  if (run.hasErrors()) return run.unchanged(text);
  const pristine = undo.length ? applyUndo(run, text, undo, before) : text;
  if (pristine === undefined) return run.unchanged(text);
  const restored = undo.length ? parseRestored(run, pristine, before) : written;
  if (!restored) return run.unchanged(text);
  const after = undo.length ? locate(run, restored.data) : before;
  after.forEach((w, i) => {
    w.hadRecord = before[i]?.hadRecord ?? false;
    w.previousDigest = before[i]?.previousDigest;
    w.failed = before[i]?.failed ?? false;
  });

  // Decide and render each workload once: for the trust check and for planning.
  const outcomes = new Map<Workload, WorkloadOutcome>();
  for (const w of after) if (!w.failed && (ctx.mode === 'inject' || w.hadRecord)) outcomes.set(w, renderWorkload(run, restored.data, w));
  if (undo.length) {
    checkUndo(run, written, restored, before, after, footprintOf(ctx.config), (w) => {
      const target = outcomes.get(w)?.target ?? renderWorkload(run, restored.data, w, true).target;
      return target ?? undefined;
    });
    if (run.hasErrors()) return run.unchanged(text);
  }

  if (ctx.mode === 'uninject') {
    for (const w of after) if (w.hadRecord) run.reports.push({ resourceRef: w.ref, action: 'uninjected', code: 'uninjected', reason: 'injection removed' });
    return { text: pristine, results: run.results, workloads: run.reports };
  }

  const { splices, targets, seal } = planInjections(run, pristine, restored.parsed, restored.data, after, outcomes);
  if (run.hasErrors()) return run.unchanged(text);
  const output = seal ? sealedOutput(text, pristine, splices, seal, ctx.eol) : splices.length ? applySplices(pristine, splices) : pristine;
  if (output !== text && targets.size) {
    let expected = restored.data;
    for (const [w, target] of targets) expected = setIn(expected, [...w.objectPath, ...w.podPath] as (string | number)[], target);
    const problem = verifyOutput({ ctx, output, pristine, expected, locate });
    if (problem) return refuseOutput(run, text, problem);
  }
  if (output === text) {
    for (const report of run.reports) if (report.action === 'reinjected') report.action = 'unchanged';
  }
  return { text: output, results: run.results, workloads: run.reports };
}

/** The text with every record undone; a record whose edits collide is refused. */
function applyUndo(run: DocumentRun, text: string, undo: Parameters<typeof applySplices>[1], workloads: Workload[]): string | undefined {
  try {
    return applySplices(text, undo);
  } catch (error) {
    if (!(error instanceof OverlappingEdits)) throw error;
    for (const w of workloads.filter((w) => w.hadRecord)) {
      run.add('error', 'invalid-record', 'the record\'s entries overlap each other, which no injection writes; restore the record from Git, or run `mesh-inject uninject --ignore-record` and review the diff', { ref: w.ref });
    }
    return undefined;
  }
}

/** The undone text must be one document that parses: records only hold whole nodes. */
function parseRestored(run: DocumentRun, pristine: string, workloads: Workload[]): Parsed | undefined {
  const scratch = new DocumentRun(run.ctx);
  const restored = (splitDocuments(pristine)?.length ?? 0) === 1 ? parse(scratch, pristine) : undefined;
  if (restored) return restored;
  for (const w of workloads.filter((w) => w.hadRecord)) {
    run.add('error', 'invalid-record', 'undoing the record does not give back a valid YAML document; restore the record from Git, or run `mesh-inject uninject --ignore-record` and review the diff', { ref: w.ref });
  }
  return undefined;
}

function refuseOutput(run: DocumentRun, text: string, problem: string): DocumentOutcome {
  run.add('error', 'verify-failed', `${problem}; the file was left unchanged. Please report this with the input file`, { at: { line: (run.ctx.file?.line ?? 0) + 1, column: 1 } });
  return run.unchanged(text);
}
