/** Offset helpers over raw source text. Edits are always whole lines, so these find line boundaries. */

export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset just after the line break that ends the line containing `offset` (or text length). */
export function lineEnd(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === '\n') return offset;
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl + 1;
}

export function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

/**
 * Start of the run of comment-only lines directly above `offset`'s line that are indented at
 * `column`, so an insertion "before a key" lands above that key's leading comment.
 */
export function startOfLeadingComments(text: string, offset: number, column: number): number {
  let start = lineStart(text, offset);
  while (start > 0) {
    const prev = lineStart(text, start - 1);
    const line = text.slice(prev, start).replace(/\r?\n$/, '');
    const trimmed = line.trimStart();
    if (!trimmed.startsWith('#') || line.length - trimmed.length !== column) break;
    start = prev;
  }
  return start;
}

export function detectEol(text: string): '\n' | '\r\n' {
  const nl = text.indexOf('\n');
  return nl > 0 && text[nl - 1] === '\r' ? '\r\n' : '\n';
}

/** Re-indent a block of `\n`-separated lines: prefix every non-empty line, join with the file's EOL. */
export function indentLines(lines: readonly string[], indent: string, eol: string): string {
  return lines.map((line) => (line === '' ? '' : indent + line)).join(eol) + eol;
}

