/** Process entry: the only place that reads `process` and sets the exit code. */
import { processIo } from './io.js';
import { main } from './main.js';

try {
  process.exitCode = await main(process.argv.slice(2), processIo());
} catch (error) {
  process.stderr.write(`mesh-inject: internal error: ${(error as Error).stack ?? String(error)}\nPlease report this with the input that caused it.\n`);
  process.exitCode = 1;
}
