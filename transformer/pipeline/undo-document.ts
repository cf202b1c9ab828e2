/**
 * Phase 1 of a document's run: undo every recorded injection in the text, so what follows starts
 * from the user's original. The record is untrusted input: a record that is not one mesh-inject
 * could have written refuses the workload (`invalid-record`), never the whole run.
 */
import { isObject } from '../kube/objects.js';
import { getIn } from './locate-workloads.js';
import { DocumentRun, nodeAt, podPathSegments, type Workload } from './document-run.js';
import { formatPath } from '../yaml/node-path.js';
import type { ParsedDocument } from '../yaml/parse-document.js';
import type { Splice } from '../yaml/edit/splices.js';
import { decodeRecord, RECORD_ANNOTATION } from '../record/format.js';
import { planUndo } from '../record/plan-undo.js';
import { ANN } from '../mesh/istio/names.js';
import { MESH_FOOTPRINTS } from '../mesh/footprints.js';
import { editedEntry } from '../record/content-digest.js';

export const ISTIO_STATUS_ANNOTATION = ANN.status;

/** The marker annotation of a mesh's own injector, on a pod without a mesh-inject record. */
export function foreignMarker(annotations: Readonly<Record<string, unknown>>): string | undefined {
  return MESH_FOOTPRINTS.map((f) => f.injectedMarker).find((marker) => marker !== undefined && annotations[marker] !== undefined);
}

const RESTORE_HINT = 'restore the annotation from Git, or run `mesh-inject uninject --ignore-record` and review the diff';

function annotationsOf(pod: unknown): Record<string, unknown> {
  const metadata = isObject(pod) && isObject(pod.metadata) ? pod.metadata : {};
  return isObject(metadata.annotations) ? metadata.annotations : {};
}

export function undoInjections(run: DocumentRun, text: string, parsed: ParsedDocument, data: unknown, workloads: Workload[]): Splice[] {
  const splices: Splice[] = [];
  for (const w of workloads) {
    const podPath = podPathSegments(w);
    const annotations = annotationsOf(getIn(data, podPath as (string | number)[]));
    const recordText = annotations[RECORD_ANNOTATION];
    if (recordText === undefined) {
      const marker = foreignMarker(annotations);
      if (marker !== undefined) {
        w.failed = true;
        const at = run.positionOf(parsed, [...podPath, 'metadata', 'annotations', marker]);
        run.add('warning', 'skipped-foreign-injection', `already injected by another tool (${marker} without a mesh-inject record); left unchanged. Replace it with the original manifest, or run \`mesh-inject uninject --ignore-record\`, to let mesh-inject manage it`, { ref: w.ref, at });
        run.reports.push({ resourceRef: w.ref, action: 'skipped', code: 'skipped-foreign-injection', reason: 'injected by another tool', line: at.line });
      }
      continue;
    }
    const recordPath = [...podPath, 'metadata', 'annotations', RECORD_ANNOTATION];
    const refuse = (message: string, field = recordPath) => {
      w.failed = true;
      const at = run.positionOf(parsed, recordPath);
      run.add('error', 'invalid-record', `${message}; ${RESTORE_HINT}`, { ref: w.ref, field: formatPath(field), at });
      run.reports.push({ resourceRef: w.ref, action: 'error', code: 'invalid-record', reason: message, line: at.line });
    };
    const record = typeof recordText === 'string' ? decodeRecord(recordText) : `annotation ${RECORD_ANNOTATION} must be a string`;
    const pod = nodeAt(parsed, podPath);
    if (typeof record === 'string') {
      refuse(record);
      continue;
    }
    if (!pod) {
      refuse('pod template not found');
      continue;
    }
    // Re-injecting regenerates what the injection wrote: a hand edit there would be lost.
    const edited = run.ctx.mode === 'inject' ? editedEntry(getIn(data, podPath as (string | number)[]), record) : undefined;
    if (edited) {
      w.failed = true;
      const field = [...podPath, ...edited];
      const at = run.positionOf(parsed, field);
      const message = `${formatPath(field)} was edited by hand after mesh-inject injected it; re-injecting would regenerate it and drop the edit`;
      run.add('error', 'injected-content-edited', `${message}. Make the change through the config or a pod annotation (e.g. sidecar.istio.io/proxyMemoryLimit), or in the original (\`mesh-inject uninject\`, edit, \`mesh-inject inject\`); \`mesh-inject uninject\` discards the edit`, { ref: w.ref, field: formatPath(field), at });
      run.reports.push({ resourceRef: w.ref, action: 'error', code: 'injected-content-edited', reason: message, line: at.line });
      continue;
    }
    const plan = planUndo(text, pod, record, nodeAt(parsed, recordPath));
    if (plan.problems.length) {
      const first = plan.problems[0]!;
      refuse(`the record's entry for ${formatPath(first.path) || 'the pod template'} ${first.message}`, [...podPath, ...first.path]);
      continue;
    }
    w.hadRecord = true;
    w.previousDigest = record.digest;
    for (const path of plan.missing) {
      run.add('warning', 'invalid-record', `recorded path ${formatPath(path)} is no longer in the file (edited by hand?); skipped`, { ref: w.ref, field: formatPath([...podPath, ...path]) });
    }
    splices.push(...plan.splices);
  }
  return splices;
}
