/**
 * Where a candidate is read and written, by the symlink rules (README "Safety"):
 * - a symlink found by discovery is skipped (info `skipped-symlink`): the file it points to is
 *   processed as itself when it is part of the run, and the link is never replaced by a file;
 * - a symlink named on the command line is followed, and its target processed in place;
 * - anything whose real path is outside the root (the git work tree, else the directory given)
 *   is refused (error `symlink-outside-root`): nothing is read through it or written there.
 */
import { dirname, resolve } from 'node:path';
import type { Result } from '../../transformer/index.js';
import { isInside, type Candidate } from './discover-files.js';
import type { FileSystem } from './host.js';
import { displayPath, ioError, machineResult } from './machine-results.js';

/** The real path to read and write, a result instead, or nothing (a tracked file deleted from the work tree). */
export async function resolveCandidate(candidate: Candidate, cwd: string, fs: FileSystem): Promise<{ path: string } | Result | undefined> {
  const display = displayPath(cwd, candidate.path);
  const outside = (target: string) => machineResult('symlink-outside-root', display, `leads through a symlink to ${target}, outside ${candidate.root}; not followed, not written. Point it inside the repository or leave it out`);
  let isLink: boolean;
  try {
    isLink = (await fs.lstat(candidate.path)).isSymbolicLink();
  } catch (error) {
    if (!candidate.explicit && (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return ioError(display, 'read it', error);
  }
  let real: string;
  try {
    real = await fs.realpath(candidate.path);
  } catch (error) {
    if (!isLink) return ioError(display, 'read it', error);
    // A dangling link (or a loop): judged by where it says it points.
    const dir = await fs.realpath(dirname(candidate.path)).catch(() => dirname(candidate.path));
    const target = resolve(dir, await fs.readlink(candidate.path).catch(() => '.'));
    if (!isInside(candidate.root, target)) return outside(target);
    if (!candidate.explicit) return machineResult('skipped-symlink', display, `is a symlink to ${displayPath(cwd, target)}, which does not exist; skipped`, 'info');
    return ioError(display, 'read the file it links to', error);
  }
  if (!isInside(candidate.root, real)) return outside(real);
  if (isLink && !candidate.explicit) {
    return machineResult('skipped-symlink', display, `is a symlink to ${displayPath(cwd, real)}; skipped (the file it points to is processed as itself when it is part of the run)`, 'info');
  }
  return { path: real };
}
