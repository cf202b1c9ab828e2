/**
 * Replace a file's content all at once: write a temp file beside it (`.<name>.mesh-inject-<pid>-<ms>.tmp`,
 * created exclusively, with the file's mode and owner), then rename it over the file. A reader,
 * or a run killed at any moment, sees the old bytes or the new ones. A symlink is never replaced:
 * the write goes to the file it points to. With `expected`, the file must still hold exactly
 * those bytes just before the rename, else it is left alone (FileChangedError).
 */
import * as fsp from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { FileSystem } from './host.js';
import { currentBytes } from './read-source.js';

export class FileChangedError extends Error {}

interface WriteOptions {
  fs?: FileSystem;
  /** Names the temp file (default: this process). */
  pid?: number;
  expected?: Uint8Array;
}

export const TEMP_FILE = /^\..+\.mesh-inject-(\d+)-\d+\.tmp$/;

/** The temp file a write of `path` goes through first (TEMP_FILE names it), beside it. */
export function tempFileFor(path: string, pid: number): string {
  return join(dirname(path), `.${basename(path)}.mesh-inject-${pid}-${Date.now()}.tmp`);
}

export async function writeFileAtomic(path: string, content: string, options: WriteOptions = {}): Promise<void> {
  const fs = options.fs ?? fsp;
  const target = await fs.realpath(path);
  const info = await fs.lstat(target);
  if (!info.isFile()) throw new FileChangedError(`${path} is no longer a regular file`);
  const temp = tempFileFor(target, options.pid ?? process.pid);
  try {
    await fs.writeFile(temp, content, { mode: info.mode & 0o7777, flag: 'wx' });
    await fs.chmod(temp, info.mode & 0o7777); // writeFile's mode is filtered by the umask
    await fs.chown(temp, info.uid, info.gid).catch(() => undefined); // only root may give files away
    if (options.expected) {
      const now = await currentBytes(target, fs);
      if (!now || !Buffer.from(options.expected).equals(now)) throw new FileChangedError(`${path} changed on disk`);
    }
    await fs.rename(temp, target);
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
}
