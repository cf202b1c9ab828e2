/**
 * What the app renders, checked before anything is injected or printed: a manifest file of a
 * directory app, or kustomize's whole output. Every document must parse (the core only parses
 * workloads, and Argo CD would fail on a broken ConfigMap much later, or not at all), with the
 * position in the file or in the rendered stream, and every document Argo CD would be given must
 * be a Kubernetes object. A file without any object (a values file, CI config) is left out, as
 * Argo CD's directory apps ignore unrelated YAML.
 */
import type { Result } from '../../transformer/index.js';
import { describeDocument, directiveLine, inspectStream, totalObjects, type ParsedDocuments } from './inspect-stream.js';

interface CheckedSource {
  /** A Kubernetes object (an empty List included) is in it; a file without one is left out. */
  hasObjects: boolean;
  /** The objects Argo CD would apply (List items counted, empty documents and Lists not). */
  objects: number;
  errors: Result[];
}

/**
 * `rendered`: kustomize's output, where positions are in the stream and every document must be an
 * object. Documents that parse are recorded in `parsed`, for the check of the final stream.
 */
export function checkSource(text: string, displayPath: string, rendered: boolean, parsed: ParsedDocuments): CheckedSource {
  const documents = inspectStream(text, parsed);
  const error = (message: string, line: number, column: number, code: Result['code'] = 'yaml-unsupported'): Result => ({
    severity: 'error',
    code,
    message,
    file: { path: displayPath, line, column },
  });
  if (!documents) {
    const message = 'YAML directives (%YAML, %TAG) cannot go into the stream Argo CD is given, which joins many documents; remove the directive line';
    return { hasObjects: false, objects: 0, errors: [error(message, directiveLine(text), 1)] };
  }
  const hasObjects = documents.some((d) => d.isObject);
  const errors: Result[] = [];
  documents.forEach((document, index) => {
    const where = rendered ? describeDocument(document.text) : undefined;
    const context = where ? ` (in ${where})` : '';
    for (const problem of document.problems) errors.push(error(`${problem.message}${context}`, problem.line, problem.column, problem.code));
    if (document.problems.length || !document.notApplicable || !(rendered || hasObjects)) return;
    const fix = rendered
      ? 'Argo CD can only apply Kubernetes objects: check the resources, generators and plugins of the kustomization'
      : 'Argo CD refuses a manifest file that mixes objects with other YAML: remove the document, or move it out of the app directory';
    errors.push(error(`document ${index + 1} is not something Argo CD can apply: ${document.notApplicable}${context}; ${fix}`, document.line, 1));
  });
  return { hasObjects, objects: totalObjects(documents), errors };
}
