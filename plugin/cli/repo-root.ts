/** The top of the git work tree containing `dir` (where config search stops), else the filesystem root. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, parse, resolve } from 'node:path';

export function repoRoot(dir: string): string {
  return gitWorkTree(dir) ?? parse(dir).root;
}

/** The nearest directory at or above `dir` holding `.git` (a directory, or a file in worktrees and submodules). */
export function gitWorkTree(dir: string): string | undefined {
  let current = dir;
  for (;;) {
    if (existsSync(join(current, '.git'))) return current;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** The git directory of a work tree: `.git` itself, or where a `.git` file's `gitdir:` points. */
export function gitDir(workTree: string): string | undefined {
  const dotGit = join(workTree, '.git');
  try {
    if (statSync(dotGit).isDirectory()) return dotGit;
    const pointer = /^gitdir:\s*(.+?)\s*$/m.exec(readFileSync(dotGit, 'utf8'));
    return pointer ? resolve(workTree, pointer[1]!) : undefined;
  } catch {
    return undefined;
  }
}
