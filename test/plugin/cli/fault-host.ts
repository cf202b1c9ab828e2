/**
 * The CLI in-process with a file system that fails where a test says (tests run as root, which
 * ignores permission bits, so EACCES/EROFS/ENOSPC are injected here), and stdin as raw bytes.
 */
import { main } from '../../../plugin/cli/main.js';
import type { FileSystem, Host } from '../../../plugin/cli/host.js';
import { processHost, type Io } from '../../../plugin/cli/io.js';
import type { Result } from '../../../transformer/index.js';

export type Op = keyof FileSystem;
/** Returns an errno code (`'EACCES'`) to fail this call with, or `undefined` to let it through. */
export type Fault = (op: Op, path: string) => string | undefined;

const OPS: Op[] = ['lstat', 'realpath', 'readlink', 'open', 'readFile', 'readdir', 'writeFile', 'appendFile', 'rename', 'link', 'unlink', 'chmod', 'chown'];

export function errno(code: string, op: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected fault, ${op} '${path}'`), { code, syscall: op, path });
}

export function faultyHost(fault: Fault, overrides: Partial<Host> = {}): Host {
  const base = processHost();
  const fs = Object.fromEntries(OPS.map((op) => [op, (...args: unknown[]) => {
    const path = String(args[0]);
    const code = fault(op, path);
    if (code) return Promise.reject(errno(code, op, path));
    return (base.fs[op] as (...a: unknown[]) => unknown)(...args);
  }])) as unknown as FileSystem;
  return { ...base, fs, sleep: async () => undefined, ...overrides };
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export async function run(argv: string[], options: { cwd: string; host?: Host; stdin?: Uint8Array | string; env?: Record<string, string> }): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const bytes = typeof options.stdin === 'string' ? new TextEncoder().encode(options.stdin) : (options.stdin ?? new Uint8Array());
  const io: Io = {
    cwd: options.cwd,
    env: { ...options.env },
    readStdin: async () => new TextDecoder().decode(bytes),
    readStdinBytes: async (limit) => bytes.subarray(0, limit + 1),
    stdout: (t) => { stdout += t; },
    stderr: (t) => { stderr += t; },
    stdoutIsTTY: false,
    stderrIsTTY: false,
    now: () => 0,
    host: options.host ?? faultyHost(() => undefined),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** `--format json` results of a run. */
export function results(run: Run): Result[] {
  return (JSON.parse(run.stdout) as { results: Result[] }).results;
}

export function codesFor(run: Run, path: string): string[] {
  return results(run).filter((r) => r.file?.path === path).map((r) => r.code);
}
