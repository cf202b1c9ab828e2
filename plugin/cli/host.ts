/**
 * What file mode needs from the machine beyond stdio: file-system calls, this process's id and
 * whether another one is alive. Passed in through `Io.host` so tests inject faults (a root test
 * run ignores permission bits, so EACCES, EROFS and ENOSPC cannot be produced for real).
 */
import type * as fsp from 'node:fs/promises';

export type FileSystem = Pick<
  typeof fsp,
  'lstat' | 'realpath' | 'readlink' | 'open' | 'readFile' | 'readdir' | 'writeFile' | 'appendFile' | 'rename' | 'link' | 'unlink' | 'chmod' | 'chown'
>;

export interface Host {
  fs: FileSystem;
  pid: number;
  /** The environment child processes (git) inherit. */
  env: Readonly<Record<string, string | undefined>>;
  hostname: string;
  /** Whether a process with this id exists on this machine. */
  isAlive: (pid: number) => boolean;
  sleep: (ms: number) => Promise<void>;
}
