/**
 * The last phase of a document's run: nothing leaves mesh-inject that was not read back. The
 * edited text must parse as one document with no error, hold exactly the intended data, and
 * undoing it with the record it carries must give back the pristine text byte for byte (so the
 * next run and `uninject` will work). A document that fails is left as it was (`verify-failed`).
 */
import { isObject } from '../kube/objects.js';
import { DocumentRun, type DocumentContext, type Workload } from './document-run.js';
import { RECORD_ANNOTATION } from '../record/format.js';
import { undoInjections } from './undo-document.js';
import { readOutline } from '../yaml/outline/outline.js';
import { parseManifest, toPlainData, type ParsedDocument } from '../yaml/parse-document.js';
import { applySplices, OverlappingEdits } from '../yaml/edit/splices.js';
import { splitDocuments } from '../yaml/split-documents.js';

/** Deep equality that skips the record annotation, which holds offsets and digests rather than content. */
function sameIgnoringRecords(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => sameIgnoringRecords(item, b[i]));
  if (!isObject(a) || !isObject(b)) return Number.isNaN(a) && Number.isNaN(b);
  const keys = Object.keys(a).filter((key) => key !== RECORD_ANNOTATION);
  if (keys.length !== Object.keys(b).filter((key) => key !== RECORD_ANNOTATION).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && sameIgnoringRecords(a[key], b[key]));
}

/**
 * The output's AST and data as the next run will read them: the outline reader answers exactly as
 * `yaml` would (and only for documents `yaml` reads without a problem), at a fraction of the cost.
 */
function readBack(output: string): { parsed: ParsedDocument; data: unknown } | string {
  const outline = readOutline(output);
  if (outline) return { parsed: outline, data: outline.data };
  const { parsed, problems } = parseManifest(output);
  if (problems.length) return `the edited text does not parse (${problems[0]!.message})`;
  try {
    return { parsed, data: toPlainData(parsed.doc) };
  } catch {
    return 'the edited text does not read back';
  }
}

interface VerifyInput {
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
  const read = readBack(output);
  if (typeof read === 'string') return read;
  const { parsed, data } = read;
  if (!sameIgnoringRecords(data, input.expected)) return 'the edited text does not read back as intended';
  // The content digests need no check here: they were taken on the data just found equal.
  const scratch = new DocumentRun({ ...input.ctx, mode: 'uninject' });
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
