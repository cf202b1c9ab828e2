/**
 * Reads one manifest for file mode: only a regular file (checked before it is opened, so a FIFO
 * is never opened and a device never read), at most MAX_SOURCE_BYTES, strict UTF-8. Every
 * problem comes back as a result naming the file.
 */
import { constants } from 'node:fs';
import type { Result } from '../../transformer/index.js';
import { decodeSource, isByteProblem } from '../../transformer/pipeline/source-bytes.js';
import type { FileSystem } from './host.js';
import { invalidEncoding, ioError, machineResult, notRegularFile } from './machine-results.js';
import { MAX_SOURCE_BYTES, tooLargeMessage } from './source-size.js';

export interface SourceFile {
  /** The real path: where the file is read and written. */
  path: string;
  display: string;
  /** The bytes as read, compared again just before the file is replaced. */
  bytes: Uint8Array;
  text: string;
}

// O_NONBLOCK: should a FIFO be swapped in after the check, opening it still returns at once.
const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

export async function readSourceFile(path: string, display: string, fs: FileSystem): Promise<SourceFile | Result> {
  let bytes: Uint8Array;
  try {
    const info = await fs.lstat(path);
    if (!info.isFile()) return notRegularFile(display, info);
    if (info.size > MAX_SOURCE_BYTES) return machineResult('io-error', display, tooLargeMessage(`the file (${info.size} bytes)`));
    const handle = await fs.open(path, READ_FLAGS);
    try {
      const opened = await handle.stat();
      if (!opened.isFile()) return notRegularFile(display, opened);
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    return ioError(display, 'read it', error);
  }
  if (bytes.length > MAX_SOURCE_BYTES) return machineResult('io-error', display, tooLargeMessage('the file'));
  const decoded = decodeSource(bytes);
  if (isByteProblem(decoded)) return invalidEncoding(display, decoded);
  return { path, display, bytes, text: decoded.text };
}

export function isSourceFile(value: SourceFile | Result): value is SourceFile {
  return 'bytes' in value;
}

/** The file's current bytes, or undefined when it is no longer a regular file at that path. */
export async function currentBytes(path: string, fs: FileSystem): Promise<Uint8Array | undefined> {
  const handle = await fs.open(path, READ_FLAGS).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ELOOP' || error.code === 'EISDIR') return undefined;
    throw error;
  });
  if (!handle) return undefined;
  try {
    if (!(await handle.stat()).isFile()) return undefined;
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
