/**
 * Phase 2 of a document's run: is the document the record gave back one an injection could have
 * started from? Everything outside the pod templates must be unchanged, and inside each template
 * every difference must be owned by an injection (`trust.ts`). A workload that fails is refused
 * with `record-untrusted` and the path that gives it away; the file is left as it is.
 */
import { getIn } from './locate-workloads.js';
import { DocumentRun, podPathSegments, type Workload } from './document-run.js';
import { deepEqual } from '../yaml/deep-equal.js';
import { formatPath, type PathSegment } from '../yaml/node-path.js';
import type { ParsedDocument } from '../yaml/parse-document.js';
import type { Footprint } from '../record/trust.js';
import { describeViolation, documentUnchangedOutsidePods, podViolations } from '../record/trust.js';

const FIX = 'restore the record from Git (a hand edit inside an injected region belongs in the original: uninject, edit, inject); if a custom sidecar was removed from the config, keep its entry with `retired: true` until every manifest is re-injected; or run `mesh-inject uninject --ignore-record` and review the diff';

/** How many of a workload's differences a message names. */
const SHOWN = 3;

export interface Parsed {
  parsed: ParsedDocument;
  data: unknown;
}

/**
 * @param before the workloads as written (with their records), `after` the same after undoing
 * @param reinjected the pristine pod injected again under the current config, if one could be
 */
export function checkUndo(
  run: DocumentRun,
  written: Parsed,
  restored: Parsed,
  before: readonly Workload[],
  after: readonly Workload[],
  footprint: Footprint,
  reinjected: (w: Workload) => unknown | undefined,
): void {
  const sameWorkloads = before.length === after.length && before.every((w, i) => deepEqual(w.ref, after[i]!.ref) && deepEqual(podPathSegments(w), podPathSegments(after[i]!)));
  const podPaths = before.map((w) => podPathSegments(w) as (string | number)[]);
  if (!sameWorkloads || !documentUnchangedOutsidePods(written.data, restored.data, podPaths)) {
    for (const w of before.filter((w) => w.hadRecord)) refuse(run, written.parsed, w, podPathSegments(w), 'undoing its record would change the document outside the pod template');
    return;
  }
  before.forEach((w, i) => {
    if (!w.hadRecord || w.failed) return;
    const podPath = podPathSegments(w);
    const violations = podViolations(getIn(written.data, podPath as (string | number)[]), getIn(restored.data, podPath as (string | number)[]), reinjected(after[i]!), footprint);
    if (!violations.length) return;
    const named = violations.slice(0, SHOWN).map((v) => describeViolation(v, podPath));
    const more = violations.length > SHOWN ? ` (and ${violations.length - SHOWN} more)` : '';
    refuse(run, written.parsed, w, [...podPath, ...violations[0]!.path], `undoing its record would change what the injection does not own: ${named.join('; ')}${more}`);
    after[i]!.failed = true;
  });
}

function refuse(run: DocumentRun, parsed: ParsedDocument, w: Workload, path: PathSegment[], message: string): void {
  w.failed = true;
  const at = run.positionOf(parsed, path.filter((segment) => segment !== ' sidecars'));
  run.add('error', 'record-untrusted', `${message}; ${FIX}`, { ref: w.ref, field: formatPath(path), at });
  run.reports.push({ resourceRef: w.ref, action: 'error', code: 'record-untrusted', reason: message, line: at.line });
}
