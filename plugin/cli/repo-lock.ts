/**
 * One writing run per repository at a time: a lock file in the git directory (`.git/mesh-inject.lock`,
 * never committed), else `.mesh-inject.lock` in the directory given, holding `<pid> <host>` and then
 * the directories the run writes temp files in. A second run waits up to ~2 s, then refuses
 * (`concurrent-run`). A lock whose process is gone (killed) is taken over, and the temp files it may
 * have left in those directories are removed (stale-temps.ts). Where the lock cannot be created
 * (read-only file system or git directory, full disk) the run goes on unlocked: the lock only
 * keeps runs apart, and a file that cannot be written is reported as such.
 */
import { join } from 'node:path';
import type { Host } from './host.js';
import { gitDir, gitWorkTree } from './repo-root.js';

const POLL_MS = 50;
const WAIT_POLLS = 40;

export interface RepoLock {
  path: string;
  /** Directories a killed holder may have left temp files in. */
  staleDirs: string[];
  recordDirs(dirs: readonly string[]): Promise<void>;
  release(): Promise<void>;
}

type LockOutcome = { lock: RepoLock } | { unlocked: true } | { heldBy: string; path: string };

export function lockPathFor(root: string): string {
  const tree = gitWorkTree(root);
  const git = tree ? gitDir(tree) : undefined;
  return git ? join(git, 'mesh-inject.lock') : join(root, '.mesh-inject.lock');
}

function parseOwner(text: string): { pid: number; host: string } | undefined {
  const match = /^(\d+) (.*)$/m.exec(text.split('\n', 1)[0]!);
  return match ? { pid: Number(match[1]), host: match[2]! } : undefined;
}

export async function acquireLock(path: string, host: Host): Promise<LockOutcome> {
  const { fs } = host;
  const me = `${host.pid} ${host.hostname}`;
  const staleDirs: string[] = [];
  let polls = 0;
  for (let attempt = 0; attempt < WAIT_POLLS * 4; attempt++) {
    try {
      await fs.writeFile(path, `${me}\n`, { flag: 'wx' });
      return { lock: heldLock(path, me, staleDirs, host) };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === undefined) throw error;
      if (code !== 'EEXIST') return { unlocked: true };
    }
    const text = await fs.readFile(path, 'utf8').catch(() => undefined);
    if (text === undefined) continue; // released in between
    const owner = parseOwner(text);
    const dead = owner !== undefined && owner.host === host.hostname && (owner.pid === host.pid || !host.isAlive(owner.pid));
    if (dead) {
      if (await takeOver(path, text, host)) staleDirs.push(...text.split('\n').slice(1).filter(Boolean));
      continue;
    }
    if (polls++ >= WAIT_POLLS) break;
    await host.sleep(POLL_MS);
  }
  const text = await fs.readFile(path, 'utf8').catch(() => '');
  const owner = parseOwner(text);
  return { heldBy: owner ? `process ${owner.pid} on ${owner.host}` : 'another process', path };
}

/** Moves the stale lock aside; if what moved is not the lock judged stale (a new holder's), it is put back. */
async function takeOver(path: string, stale: string, host: Host): Promise<boolean> {
  const aside = `${path}.${host.pid}.stale`;
  try {
    await host.fs.rename(path, aside);
  } catch {
    return false;
  }
  const moved = await host.fs.readFile(aside, 'utf8').catch(() => undefined);
  if (moved !== stale) await host.fs.link(aside, path).catch(() => undefined);
  await host.fs.unlink(aside).catch(() => undefined);
  return moved === stale;
}

function heldLock(path: string, me: string, staleDirs: string[], host: Host): RepoLock {
  return {
    path,
    staleDirs,
    recordDirs: async (dirs) => {
      if (dirs.length) await host.fs.appendFile(path, dirs.map((dir) => `${dir}\n`).join(''));
    },
    release: async () => {
      const text = await host.fs.readFile(path, 'utf8').catch(() => '');
      if (text.split('\n', 1)[0] === me) await host.fs.unlink(path).catch(() => undefined);
    },
  };
}
