/**
 * Positions inside embedded texts, mapped back to the file the user edits. A template is a block
 * scalar inside the injector config, which may itself be the `data.config` block scalar of a
 * ConfigMap: line 12 of the `sidecar` template is then some line of the ConfigMap file. Every
 * position here is 1-based (line and column).
 */
import { Scalar, type Node } from 'yaml';

export interface FilePosition {
  line: number;
  column: number;
}

/** Maps a position in an embedded text to its position in the file. */
export type PositionMap = (line: number, column: number) => FilePosition;

export const IDENTITY: PositionMap = (line, column) => ({ line, column });

/** 1-based line and column of a UTF-16 offset in `text`. */
export function positionAt(text: string, offset: number): FilePosition {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Where the content of a string scalar lies in `text` (whose own positions `outer` maps to the
 * file). Literal block scalars map line by line; any other style maps every position to the
 * scalar's start, the best that can be said once quotes and folding have rewritten the text.
 */
export function scalarContentMap(node: Node | null | undefined, text: string, outer: PositionMap): PositionMap {
  const start = node?.range?.[0];
  if (start === undefined) return () => outer(1, 1);
  const at = positionAt(text, start);
  if (!(node instanceof Scalar) || node.type !== Scalar.BLOCK_LITERAL) return () => outer(at.line, at.column);
  const indent = blockIndent(text, start);
  return (line, column) => outer(at.line + line, indent + column);
}

/** Indentation of a block scalar's content: the first non-blank line after its header. */
function blockIndent(text: string, headerOffset: number): number {
  let i = text.indexOf('\n', headerOffset);
  while (i !== -1) {
    const next = text.indexOf('\n', i + 1);
    const line = text.slice(i + 1, next === -1 ? undefined : next).replace(/\r$/, '');
    if (line.trim() !== '') return line.length - line.trimStart().length;
    i = next;
  }
  return 0;
}
