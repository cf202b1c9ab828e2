/**
 * The last phase of a document's run: nothing leaves mesh-inject that was not read back. The
 * edited text must parse as one document with no error, hold exactly the intended data, and
 * undoing it with the record it carries must give back the pristine text byte for byte (so the
 * next run and `uninject` will work). A document that fails is left as it was (`verify-failed`).
 */
import { isObject } from './kube.js';
import { DocumentRun, type DocumentContext, type Workload } from './document-run.js';
import { RECORD_ANNOTATION } from './record/format.js';
import { undoInjections } from './record/undo-document.js';
import { deepEqual } from './yaml/deep-equal.js';
import { parseYaml, toPlainData } from './yaml/parse-document.js';
import { applySplices, OverlappingEdits } from './yaml/splices.js';
import { splitDocuments } from './yaml/split-documents.js';

/** The document's data without records, which hold offsets and digests rather than content. */
function withoutRecords(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutRecords);
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === 'annotations' && isObject(child) && Object.hasOwn(child, RECORD_ANNOTATION)) {
      const { [RECORD_ANNOTATION]: _record, ...rest } = child;
      out[key] = rest;
    } else {
      out[key] = withoutRecords(child);
    }
  }
  return out;
}

export interface VerifyInput {
  ctx: DocumentContext;
  /** The text about to be written. */
  output: string;
  /** The document as the user wrote it, every injection undone. */
  pristine: string;
  /** The data `output` must read as. */
  expected: unknown;
  /** Finds the workloads of a parsed document, as the run did. */
  locate: (run: DocumentRun, data: unknown) => Workload[];
}

/** Undefined when the output is sound; else what is wrong with it. */
export function verifyOutput(input: VerifyInput): string | undefined {
  const { output } = input;
  if ((splitDocuments(output)?.length ?? 0) !== 1) return 'the edited text is not one YAML document';
  const { parsed, problems } = parseYaml(output);
  if (problems.length) return `the edited text does not parse (${problems[0]!.message})`;
  let data: unknown;
  try {
    data = toPlainData(parsed.doc);
  } catch {
    return 'the edited text does not read back';
  }
  if (!deepEqual(withoutRecords(data), withoutRecords(input.expected))) return 'the edited text does not read back as intended';
  // As the next `inject` reads it: the content digests must match what was written, too.
  const scratch = new DocumentRun({ ...input.ctx, mode: 'inject' });
  const workloads = input.locate(scratch, data);
  const undo = undoInjections(scratch, output, parsed, data, workloads);
  if (scratch.hasErrors()) return 'the record written does not undo (' + scratch.results.find((r) => r.severity === 'error')!.message + ')';
  let undone: string;
  try {
    undone = applySplices(output, undo);
  } catch (error) {
    if (error instanceof OverlappingEdits) return 'the record written does not undo (overlapping edits)';
    throw error;
  }
  return undone === input.pristine ? undefined : 'undoing the edit does not give back the original text';
}
