/**
 * `uninject --ignore-record`: the way out when a record is refused (or was never ours, as after
 * `istioctl kube-inject` or `linkerd inject --manual`). Each injected pod template loses what the
 * meshes' footprints name, the rewritten parts restored from the mesh's own copies
 * (`mesh/istio/strip-injection.ts`), and what the mesh's own uninject removes on a pod its injector
 * marked (`Footprint.uninjectMarked`), by the same minimal edits as injection. No record text is
 * trusted, or needed; the diff is for review.
 */
import { DocumentRun, nodeAt, podPathSegments, type DocumentOutcome, type Workload } from './document-run.js';
import { isObject } from '../kube/objects.js';
import { getIn, setIn } from './locate-workloads.js';
import { stripIstioInjection } from '../mesh/istio/strip-injection.js';
import { deepEqual } from '../yaml/deep-equal.js';
import { detectIndentSeq } from '../yaml/edit/detect-style.js';
import { planNode, type PlanContext } from '../record/plan-edits.js';
import { applySplices, mergeLineDeletions, type Splice } from '../yaml/edit/splices.js';
import type { Parsed } from './check-undo.js';
import { footprintOf } from '../record/footprint.js';
import { MESH_FOOTPRINTS } from '../mesh/footprints.js';
import { emptyRecord, RECORD_ANNOTATION } from '../record/format.js';
import { foreignMarker } from './undo-document.js';

function markerOf(pod: unknown, marker: string): boolean {
  const annotations = isObject(pod) && isObject(pod.metadata) && isObject(pod.metadata.annotations) ? pod.metadata.annotations : {};
  return annotations[marker] !== undefined;
}

function isInjected(pod: unknown): boolean {
  const annotations = isObject(pod) && isObject(pod.metadata) && isObject(pod.metadata.annotations) ? pod.metadata.annotations : {};
  return annotations[RECORD_ANNOTATION] !== undefined || foreignMarker(annotations) !== undefined;
}

export function uninjectWithoutRecord(
  run: DocumentRun,
  text: string,
  written: Parsed,
  workloads: readonly Workload[],
  verify: (output: string, expected: unknown) => string | undefined,
): DocumentOutcome {
  const footprint = footprintOf(run.ctx.config);
  const style = { eol: run.ctx.eol, indentSeq: detectIndentSeq(written.parsed.doc, text) };
  const splices: Splice[] = [];
  let expected = written.data;
  for (const w of workloads) {
    const path = podPathSegments(w) as (string | number)[];
    const pod = getIn(written.data, path);
    const location = nodeAt(written.parsed, path);
    if (!isInjected(pod) || !location) continue;
    const target = MESH_FOOTPRINTS.reduce(
      (stripped, mesh) => (mesh.uninjectMarked && mesh.injectedMarker !== undefined && isObject(stripped) && markerOf(pod, mesh.injectedMarker) ? mesh.uninjectMarked(stripped) : stripped),
      stripIstioInjection(pod, footprint, RECORD_ANNOTATION),
    );
    if (deepEqual(pod, target)) continue;
    const plan: PlanContext = { text, style, splices: [], record: emptyRecord() };
    planNode(plan, location, pod, target, []);
    splices.push(...mergeLineDeletions(plan.splices));
    expected = setIn(expected, path, target);
    const at = run.positionOf(written.parsed, w.objectPath);
    run.add('warning', 'uninjected', 'injection removed without its record (--ignore-record): review the diff; what the mesh keeps no copy of (a probe\'s named port, an HTTPS scheme) is not restored', { ref: w.ref, at });
    run.reports.push({ resourceRef: w.ref, action: 'uninjected', code: 'uninjected', reason: 'injection removed by the mesh\'s footprint (record not used)', line: at.line });
  }
  if (!splices.length) return run.unchanged(text);
  const output = applySplices(text, splices);
  const problem = verify(output, expected);
  if (problem) {
    run.add('error', 'verify-failed', `${problem}; the file was left unchanged. Please report this with the input file`);
    return run.unchanged(text);
  }
  return { text: output, results: run.results, workloads: run.reports };
}
