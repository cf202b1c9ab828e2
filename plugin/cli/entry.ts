/** Process entry: the only place that reads `process` and sets the exit code. */
import { processIo } from './io.js';
import { main } from './main.js';

// `process.env` is a live view of the C environment and every read is a system call; the YAML
// parser reads it once per token. A plain copy makes parsing about twice as fast. Child
// processes still get this environment, since they are spawned with `process.env`.
process.env = { ...process.env };

try {
  process.exitCode = await main(process.argv.slice(2), processIo());
} catch (error) {
  process.stderr.write(`mesh-inject: internal error: ${(error as Error).stack ?? String(error)}\nPlease report this with the input that caused it.\n`);
  process.exitCode = 1;
}
