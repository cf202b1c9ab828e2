/**
 * Splits a stream into documents the way istioctl reads it (k8s.io/apimachinery `YAMLReader`):
 * line by line, a line starting with `---` ends the document (only spaces or a comment may
 * follow), empty documents are skipped, `\r\n` becomes `\n` and every line ends with `\n`.
 */

export class SeparatorError extends Error {}

export function splitStream(text: string): string[] {
  const docs: string[] = [];
  let buffer = '';
  const lines = text.split('\n');
  // A final newline ends the last line; it does not start another one.
  if (lines[lines.length - 1] === '') lines.pop();
  for (const raw of lines) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.startsWith('---')) {
      const rest = line.slice(3).trim();
      if (rest.length > 0 && rest[0] !== '#') throw new SeparatorError(`invalid Yaml document separator: ${rest}`);
      if (buffer !== '') docs.push(buffer);
      buffer = '';
      continue;
    }
    buffer += `${line}\n`;
  }
  if (buffer !== '') docs.push(buffer);
  return docs;
}
