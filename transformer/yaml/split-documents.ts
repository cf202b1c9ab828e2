/**
 * Splits a YAML stream into its documents as exact text slices (concatenating them gives the
 * input back), so documents that need no change are never parsed or re-serialised.
 */

interface DocumentSlice {
  text: string;
  /** Offset of the slice in the stream. */
  offset: number;
  /** 0-based line of the slice's first line. */
  line: number;
}

const DOCUMENT_START = /^---(?:[ \t]|\r?$)/;

/** Returns undefined for streams with directives (`%YAML`), which need a real parser to split. */
export function splitDocuments(text: string): DocumentSlice[] | undefined {
  const slices: DocumentSlice[] = [];
  let start = 0;
  let startLine = 0;
  let line = 0;
  let offset = 0;
  let sawContent = false;
  while (offset < text.length) {
    const nl = text.indexOf('\n', offset);
    const end = nl === -1 ? text.length : nl + 1;
    const content = text.slice(offset, nl === -1 ? text.length : nl);
    if (content.startsWith('%')) return undefined;
    if (DOCUMENT_START.test(content) && sawContent) {
      slices.push({ text: text.slice(start, offset), offset: start, line: startLine });
      start = offset;
      startLine = line;
    }
    if (content.trim() !== '' && !content.trimStart().startsWith('#')) sawContent = true;
    offset = end;
    line++;
  }
  slices.push({ text: text.slice(start), offset: start, line: startLine });
  return slices;
}
