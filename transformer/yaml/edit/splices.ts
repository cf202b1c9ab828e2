/** Text replacements at source offsets, applied back to front so earlier offsets stay valid. */

export interface Splice {
  start: number;
  end: number;
  text: string;
}

/** Two planned edits cover the same text: the plan is wrong, never the user's input. */
export class OverlappingEdits extends Error {
  constructor(readonly offset: number) {
    super(`overlapping edits at offset ${offset}`);
  }
}

export function applySplices(text: string, splices: readonly Splice[]): string {
  const ordered = splices
    .map((splice, order) => ({ splice, order }))
    .sort((a, b) => b.splice.start - a.splice.start || b.splice.end - a.splice.end || b.order - a.order);
  let out = text;
  let limit = Infinity;
  for (const { splice } of ordered) {
    if (splice.end > limit) throw new OverlappingEdits(splice.start);
    out = out.slice(0, splice.start) + splice.text + out.slice(splice.end);
    limit = splice.start;
  }
  return out;
}

/**
 * Joins whole-line deletions that overlap into one. Deletions that only touch stay apart: an
 * insertion may sit exactly between them (a node restored where an added sibling ends).
 */
export function mergeLineDeletions(splices: readonly Splice[]): Splice[] {
  const deletions = splices.filter((s) => s.text === '' && s.end > s.start).sort((a, b) => a.start - b.start);
  const others = splices.filter((s) => !(s.text === '' && s.end > s.start));
  const merged: Splice[] = [];
  for (const deletion of deletions) {
    const last = merged.at(-1);
    if (last && deletion.start < last.end) last.end = Math.max(last.end, deletion.end);
    else merged.push({ ...deletion });
  }
  return [...others, ...merged];
}
