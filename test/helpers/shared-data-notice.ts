/** vitest global setup: one line per run when the conformance data is absent (its tests skip quietly). */
import { ISTIO_CORPUS } from './shared-data.js';

export default function notice(): void {
  if (!ISTIO_CORPUS.found) console.log(ISTIO_CORPUS.skipLine);
}
