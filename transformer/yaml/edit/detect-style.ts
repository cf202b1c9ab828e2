/** Reads the document's own formatting habits so inserted text looks like the user's. */
import { isPair, isSeq, visit, type Document, type Node } from 'yaml';
import { columnOf } from './text-lines.js';

/**
 * True when block sequences are indented under their key (`key:\n  - a`), false for
 * kubectl's style (`key:\n- a`). Decided by the first block sequence that is a map value.
 */
export function detectIndentSeq(doc: Document, text: string): boolean {
  let indented: boolean | undefined;
  visit(doc, {
    Pair(_, pair) {
      if (!isPair(pair) || !isSeq(pair.value) || pair.value.flow || !pair.value.range) return undefined;
      const keyColumn = columnOf(text, (pair.key as Node).range![0]);
      indented = columnOf(text, pair.value.range[0]) > keyColumn;
      return visit.BREAK;
    },
  });
  return indented ?? false;
}
