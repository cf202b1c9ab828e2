/**
 * The directory a component is written to. It is the command's own when its `kustomization.yaml`
 * starts with the marker line; then every regular file there that starts with the marker is the
 * command's, to replace or remove, and every other file is left alone. A new or empty directory
 * becomes its own; any other directory is refused.
 */
import { join } from 'node:path';
import { OWNED_MARKER, KUSTOMIZATION_FILE } from '../../transformer/patches/component.js';
import type { FileSystem } from '../cli/host.js';

export type DirState =
  | { kind: 'absent' | 'empty' }
  | { kind: 'own'; owned: Map<string, string> }
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
  for (const name of names) {
    const path = join(dir, name);
    if (!(await fs.lstat(path)).isFile()) continue;
    const content = await fs.readFile(path, 'utf8');
    if (isOwned(content)) owned.set(name, content);
  }
  if (!owned.has(KUSTOMIZATION_FILE)) {
    const reason = names.includes(KUSTOMIZATION_FILE) ? `its ${KUSTOMIZATION_FILE} was not written by mesh-inject patches` : `it is not empty and has no ${KUSTOMIZATION_FILE} written by mesh-inject patches`;
    return { kind: 'foreign', reason };
  }
  return { kind: 'own', owned };
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
 * Brings the directory to `expected`: patch files first (each through a temp file and a rename),
 * then `kustomization.yaml`, then the removal of the command's files no longer listed, so the
 * kustomization never names a file that is not there.
 */
export async function writeComponent(dir: string, expected: ReadonlyMap<string, string>, stale: ReadonlyMap<string, string>, fs: FileSystem, pid: number): Promise<void> {
  const changed = [...stale.keys()].filter((name) => expected.has(name));
  const ordered = [...changed.filter((n) => n !== KUSTOMIZATION_FILE), ...changed.filter((n) => n === KUSTOMIZATION_FILE)];
  for (const name of ordered) {
    const path = join(dir, name);
    const temp = join(dir, `.${name}.mesh-inject-${pid}-${Date.now()}.tmp`);
    try {
      await fs.writeFile(temp, expected.get(name)!, { flag: 'wx' });
      await fs.rename(temp, path);
    } catch (error) {
      await fs.unlink(temp).catch(() => undefined);
      throw error;
    }
  }
  for (const name of stale.keys()) if (!expected.has(name)) await fs.unlink(join(dir, name));
}
