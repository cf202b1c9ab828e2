/** The process boundary, passed in so commands run in-process under test. */
import * as fsp from 'node:fs/promises';
import { hostname } from 'node:os';
import { decodeSource, isByteProblem } from '../../transformer/pipeline/source-bytes.js';
import { UsageError } from './exit-codes.js';
import type { Host } from './host.js';
import { MAX_SOURCE_BYTES, tooLargeMessage } from './source-size.js';
import { isTTY } from './tty.js';

export interface Io {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Stdin as strict UTF-8 text (invalid bytes are a UsageError, never replaced). */
  readStdin: () => Promise<string>;
  /** Stdin as bytes, at most `limit + 1` of them (more than `limit` means: too large). Default: `readStdin` encoded. */
  readStdinBytes?: (limit: number) => Promise<Uint8Array>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout/stderr are terminals (colour, progress). */
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** Monotonic milliseconds, for the progress line only. */
  now: () => number;
  /** File system and processes for file mode (default: this process's). */
  host?: Host;
}

export function processIo(): Io {
  const readStdinBytes = async (limit: number) => {
    const chunks: Buffer[] = [];
    let length = 0;
    for await (const chunk of process.stdin) {
      chunks.push(chunk as Buffer);
      length += (chunk as Buffer).length;
      if (length > limit) break;
    }
    return Buffer.concat(chunks).subarray(0, limit + 1);
  };
  return {
    cwd: process.cwd(),
    env: process.env,
    readStdin: async () => {
      const bytes = await readStdinBytes(MAX_SOURCE_BYTES);
      if (bytes.length > MAX_SOURCE_BYTES) throw new UsageError(tooLargeMessage('stdin'));
      const decoded = decodeSource(bytes);
      if (isByteProblem(decoded)) throw new UsageError(`<stdin>:${decoded.line}:${decoded.column}: ${decoded.message} (invalid-encoding)`);
      return decoded.text;
    },
    readStdinBytes,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stdoutIsTTY: isTTY(process.stdout),
    stderrIsTTY: isTTY(process.stderr),
    now: () => performance.now(),
    host: processHost(),
  };
}

export function processHost(): Host {
  return {
    fs: fsp,
    pid: process.pid,
    env: process.env,
    get hostname() {
      return hostname();
    },
    isAlive: (pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch (error) {
        return (error as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
      }
    },
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}

export function hostFor(io: Io): Host {
  return io.host ?? processHost();
}
