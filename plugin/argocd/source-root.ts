/**
 * Where the sources Argo CD sent begin. The CMP server unpacks the repository (or, with
 * manifest-generate-paths, a subtree of it) into `<work dir>/<uuid>/` and runs discover and
 * generate in `<work dir>/<uuid>/<app path>`; the work dir is `$ARGOCD_CMP_WORKDIR/_cmp_server`,
 * else `$TMPDIR/_cmp_server` (Go's os.TempDir). The config search and the files a config may
 * point to stop at that root, so nothing outside this checkout is read.
 *
 * Outside a CMP server (a run by hand) the root is the enclosing git work tree, else the app dir.
 */
import { existsSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

function cmpWorkDir(env: Env): string {
  const base = env.ARGOCD_CMP_WORKDIR ? env.ARGOCD_CMP_WORKDIR : env.TMPDIR ? env.TMPDIR : tmpdir();
  return path.join(base, '_cmp_server');
}

export function sourceRoot(appDir: string, env: Env): string {
  const dir = real(appDir);
  const work = real(cmpWorkDir(env));
  const relative = path.relative(work, dir);
  if (relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)) {
    return path.join(work, relative.split(path.sep)[0]!);
  }
  for (let current = dir; ; current = path.dirname(current)) {
    if (existsSync(path.join(current, '.git'))) return current;
    if (path.dirname(current) === current) return dir;
  }
}

function real(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
}
