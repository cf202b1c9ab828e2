/** A one-line counter on a terminal's stderr, shown only once a run has taken over a second. */
import type { Io } from './io.js';

export function createProgress(io: Io, total: number): { tick: (done: number) => void; done: () => void } {
  const started = io.now();
  let shown = false;
  let last = 0;
  return {
    tick(done) {
      if (!io.stderrIsTTY || io.env.CI) return;
      const now = io.now();
      if (now - started < 1000 || now - last < 100) return;
      last = now;
      shown = true;
      io.stderr(`\rmesh-inject: ${done}/${total} files`);
    },
    done() {
      if (shown) io.stderr('\r\x1b[2K');
    },
  };
}
