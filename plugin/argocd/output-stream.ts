/**
 * The stream generate prints, built from the rendered parts and parsed back before it leaves the
 * tool ("verify before writing"): every document must parse and be a Kubernetes object, and the
 * objects must be exactly as many as were rendered (injection adds containers, never objects),
 * and at least one. Anything else is a mesh-inject bug, reported as `verify-failed` with the
 * part it came from; the caller then prints nothing. A document whose exact text the input checks
 * already parsed (one injection left alone) is not parsed twice; the split into documents is
 * always done again on the final text.
 */
import type { Result } from '../../transformer/index.js';
import { inspectStream, totalObjects, type ParsedDocuments } from './inspect-stream.js';

interface StreamPart {
  display: string;
  text: string;
}

interface JoinedStream {
  text: string;
  /** Where each part begins (1-based line in the stream). */
  starts: { display: string; line: number }[];
}

/** One stream from several parts: no byte-order marks inside, a `---` line between them. */
export function joinStream(parts: readonly StreamPart[]): JoinedStream {
  let text = '';
  let line = 1;
  const starts: JoinedStream['starts'] = [];
  parts.forEach((part, index) => {
    if (index > 0) {
      text += '---\n';
      line++;
    }
    let body = part.text.replace(/^\uFEFF/, '');
    if (body !== '' && !body.endsWith('\n')) body += '\n';
    starts.push({ display: part.display, line });
    text += body;
    line += countLines(body);
  });
  return { text, starts };
}

/** `parsed`: documents the input checks parsed cleanly; the same text is not parsed twice. */
export function verifyStream(stream: JoinedStream, expectedObjects: number, parsed?: ParsedDocuments): Result[] {
  const failed = (message: string): Result => ({
    severity: 'error',
    code: 'verify-failed',
    message: `the stream to print does not read back as rendered: ${message}; nothing printed. This is a mesh-inject bug: please report it with the app's manifests`,
  });
  const documents = inspectStream(stream.text, parsed);
  if (!documents) return [failed('it has YAML directives')];
  const errors: Result[] = [];
  for (const document of documents) {
    for (const problem of document.problems) errors.push(failed(`line ${problem.line}:${problem.column} (${partAt(stream, problem.line)}): ${problem.message}`));
    if (!document.problems.length && document.notApplicable) errors.push(failed(`line ${document.line} (${partAt(stream, document.line)}): ${document.notApplicable}`));
  }
  if (errors.length) return errors;
  const objects = totalObjects(documents);
  if (objects === 0 || objects !== expectedObjects) return [failed(`it holds ${objects} object(s), ${expectedObjects} were rendered`)];
  return [];
}

function partAt(stream: JoinedStream, line: number): string {
  const part = stream.starts.findLast((start) => start.line <= line);
  return part ? `line ${line - part.line + 1} of the injected ${part.display}` : 'before the first part';
}

function countLines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
