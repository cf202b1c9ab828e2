/** The top of the git work tree containing `dir` (where config search stops), else the filesystem root. */
import { existsSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';

export function repoRoot(dir: string): string {
  let current = dir;
  for (;;) {
    if (existsSync(join(current, '.git'))) return current;
    const parent = dirname(current);
    if (parent === current) return parse(dir).root;
    current = parent;
  }
}
