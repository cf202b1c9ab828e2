/**
 * Cycle detection for encoders, done the way Go's `encoding/json` does it: nothing is tracked
 * until values nest deeper than a threshold, so ordinary values cost no bookkeeping (putting an
 * object in a Set makes V8 give it an identity hash, which is slow for the fresh objects every
 * pod's template data is made of). A cycle nests without end, so it is still found.
 */
const START_TRACKING_AT_DEPTH = 1000;

export class CycleGuard {
  private depth = 0;
  private path: Set<object> | undefined;

  /** Enters `obj`; false when `obj` is already being encoded further up (a cycle). */
  enter(obj: object): boolean {
    if (++this.depth <= START_TRACKING_AT_DEPTH) return true;
    this.path ??= new Set();
    if (this.path.has(obj)) {
      this.depth--;
      return false;
    }
    this.path.add(obj);
    return true;
  }

  leave(obj: object): void {
    if (this.depth-- > START_TRACKING_AT_DEPTH) this.path!.delete(obj);
  }
}
