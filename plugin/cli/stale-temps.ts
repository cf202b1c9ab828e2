/**
 * Removes the temp files of killed runs (`.<name>.mesh-inject-<pid>-<ms>.tmp`, write-atomic.ts):
 * only names of exactly that shape whose process is gone, never this run's.
 */
import { join } from 'node:path';
import type { Host } from './host.js';
import { TEMP_FILE } from './write-atomic.js';

export async function removeStaleTemps(dirs: Iterable<string>, host: Host): Promise<void> {
  for (const dir of new Set(dirs)) {
    const names = await host.fs.readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      const pid = TEMP_FILE.exec(name)?.[1];
      if (pid === undefined || Number(pid) === host.pid || host.isAlive(Number(pid))) continue;
      await host.fs.unlink(join(dir, name)).catch(() => undefined);
    }
  }
}
