/**
 * The directory a component is written to. It is the command's own when its `kustomization.yaml`
 * starts with the marker line; then every regular file there that starts with the marker is the
 * command's, to replace or remove, and every other entry is left alone. A new or empty directory
 * becomes its own; any other directory is refused.
 */
import { join } from 'node:path';
import { OWNED_MARKER, KUSTOMIZATION_FILE } from '../../transformer/patches/component.js';
import type { FileSystem } from '../cli/host.js';
import { TEMP_FILE, tempFileFor } from '../cli/write-atomic.js';

export type DirState =
  | { kind: 'absent' | 'empty' }
  | { kind: 'own'; owned: Map<string, string>; others: Set<string> }
  | { kind: 'foreign'; reason: string };

function isOwned(content: string): boolean {
  return content.startsWith(OWNED_MARKER);
}

/** Throws the file system's error when the directory cannot be read (a file, no permission...). */
export async function readDirState(dir: string, fs: FileSystem): Promise<DirState> {
  let names: string[];
  try {
    names = (await fs.readdir(dir)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'absent' };
    throw error;
  }
  if (names.length === 0) return { kind: 'empty' };
  const owned = new Map<string, string>();
  const others = new Set<string>();
  for (const name of names) {
    // a killed run's temp file is nobody's content (the next write removes it)
    if (TEMP_FILE.test(name)) continue;
    const path = join(dir, name);
    const content = (await fs.lstat(path)).isFile() ? await fs.readFile(path, 'utf8') : undefined;
    if (content !== undefined && isOwned(content)) owned.set(name, content);
    else others.add(name);
  }
  if (!owned.has(KUSTOMIZATION_FILE)) {
    const reason = names.includes(KUSTOMIZATION_FILE) ? `its ${KUSTOMIZATION_FILE} was not written by mesh-inject patches` : `it is not empty and has no ${KUSTOMIZATION_FILE} written by mesh-inject patches`;
    return { kind: 'foreign', reason };
  }
  return { kind: 'own', owned, others };
}

/** Names the component would write over that are not the command's (a user's file, symlink or directory). */
export function conflictingEntries(expected: ReadonlyMap<string, string>, state: DirState): string[] {
  if (state.kind !== 'own') return [];
  return [...expected.keys()].filter((name) => state.others.has(name)).sort();
}

/** File name → why it differs from `expected`: `missing`, `out of date`, or `not generated any more`. */
export function staleFiles(expected: ReadonlyMap<string, string>, state: DirState): Map<string, string> {
  const owned = state.kind === 'own' ? state.owned : new Map<string, string>();
  const stale = new Map<string, string>();
  for (const [name, content] of expected) {
    const current = owned.get(name);
    if (current === undefined) stale.set(name, 'missing');
    else if (current !== content) stale.set(name, 'out of date');
  }
  for (const name of owned.keys()) if (!expected.has(name)) stale.set(name, 'not generated any more');
  return new Map([...stale].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Brings the directory to `expected` in two phases. First every new content is written to a temp
 * file beside its target; a fault there (ENOSPC, EACCES...) removes the temp files and leaves the
 * directory as it was. Then the temp files are renamed into place, patch files before
 * `kustomization.yaml`, and only then are the command's files no longer listed removed, so the
 * kustomization never names a file that is not there.
 */
export async function writeComponent(dir: string, expected: ReadonlyMap<string, string>, stale: ReadonlyMap<string, string>, fs: FileSystem, pid: number): Promise<void> {
  const changed = [...stale.keys()].filter((name) => expected.has(name));
  const ordered = [...changed.filter((n) => n !== KUSTOMIZATION_FILE), ...changed.filter((n) => n === KUSTOMIZATION_FILE)];
  const staged = ordered.map((name) => ({ path: join(dir, name), temp: tempFileFor(join(dir, name), pid), text: expected.get(name)! }));
  let written = 0;
  try {
    for (const { temp, text } of staged) {
      await fs.writeFile(temp, text, { flag: 'wx' });
      written++;
    }
  } catch (error) {
    // the temp file whose write failed may exist too, partly written
    await Promise.all(staged.slice(0, written + 1).map(({ temp }) => fs.unlink(temp).catch(() => undefined)));
    throw error;
  }
  for (let i = 0; i < staged.length; i++) {
    try {
      await fs.rename(staged[i]!.temp, staged[i]!.path);
    } catch (error) {
      await Promise.all(staged.slice(i).map(({ temp }) => fs.unlink(temp).catch(() => undefined)));
      throw error;
    }
  }
  for (const name of stale.keys()) if (!expected.has(name)) await fs.unlink(join(dir, name));
}
