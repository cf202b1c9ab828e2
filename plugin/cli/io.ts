/** The process boundary, passed in so commands run in-process under test. */
import { isTTY } from './tty.js';

export interface Io {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  readStdin: () => Promise<string>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout/stderr are terminals (colour, progress). */
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** Monotonic milliseconds, for the progress line only. */
  now: () => number;
}

export function processIo(): Io {
  return {
    cwd: process.cwd(),
    env: process.env,
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stdoutIsTTY: isTTY(process.stdout),
    stderrIsTTY: isTTY(process.stderr),
    now: () => performance.now(),
  };
}
