/** `--output FILE`: all at once (an existing file is replaced atomically, keeping its mode), or not at all. */
import { rename, stat, unlink, writeFile } from 'node:fs/promises';
import { UsageError } from './exit-codes.js';
import { tempFileFor, writeFileAtomic } from './write-atomic.js';

export async function writeOutput(path: string, text: string): Promise<void> {
  const exists = await stat(path).then(() => true, () => false);
  const temp = tempFileFor(path, process.pid);
  try {
    if (exists) return await writeFileAtomic(path, text);
    await writeFile(temp, text);
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw new UsageError(`cannot write ${path}: ${(error as Error).message}`);
  }
}
