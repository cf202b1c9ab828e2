/** Runs the CLI in-process with captured output, as a user would call it from `cwd`. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { main } from '../../plugin/cli/main.js';
import type { Io } from '../../plugin/cli/io.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[], options: { cwd: string; stdin?: string; env?: Record<string, string>; tty?: boolean }): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    cwd: options.cwd,
    env: { ...options.env },
    readStdin: async () => options.stdin ?? '',
    stdout: (t) => { stdout += t; },
    stderr: (t) => { stderr += t; },
    stdoutIsTTY: options.tty ?? false,
    stderrIsTTY: options.tty ?? false,
    now: () => 0,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** A temp directory with the given files; returns its path and a cleanup function. */
export function tempTree(files: Record<string, string>): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'mesh-inject-test-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
