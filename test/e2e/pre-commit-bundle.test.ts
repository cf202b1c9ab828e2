/**
 * The committed CLI bundle (dist/bundle/) is what pre-commit's `language: node` install runs, from
 * a git checkout, without a build step. So the bundle committed at HEAD must be exactly what HEAD's
 * sources build (esbuild's output is deterministic and does not depend on the checkout's path).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, git, gitRun, missingTool, tempDir } from './pre-commit-tools.js';

describe.skipIf(missingTool('git', 'tar', 'cp'))('the committed CLI bundle', () => {
  const temp = tempDir('bundle');
  afterAll(() => temp.cleanup());

  it('is not ignored by git, its source maps are', () => {
    expect(gitRun(REPO, 'check-ignore', '-q', 'dist/bundle/mesh-inject.js').code).toBe(1);
    expect(gitRun(REPO, 'check-ignore', '-q', 'dist/bundle/mesh-inject.js.map').code).toBe(0);
    expect(gitRun(REPO, 'check-ignore', '-q', 'dist/plugin/cli/main.js').code).toBe(0);
  });

  it('at HEAD is what the sources at HEAD build', (ctx) => {
    if (!git(REPO, 'show', 'HEAD:.gitignore').includes('!/dist/bundle/')) {
      console.log('skipped: dist/bundle is not committed yet (HEAD ignores it)');
      return ctx.skip();
    }
    const committed = git(REPO, 'ls-tree', '-r', '--name-only', 'HEAD', 'dist/bundle').split('\n').filter(Boolean).sort();
    expect(committed, 'HEAD has no dist/bundle: run `npm run build` and commit dist/bundle/').toContain('dist/bundle/mesh-inject.js');

    const checkout = join(temp.dir, 'head');
    execFileSync('sh', ['-c', `mkdir -p '${checkout}' && git archive HEAD | tar -x -C '${checkout}'`], { cwd: REPO });
    // A real directory, not a symlink: esbuild names chunks after the paths it resolved.
    execFileSync('cp', ['-al', join(REPO, 'node_modules'), join(checkout, 'node_modules')]);
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: checkout, stdio: 'pipe' });

    const built = files(join(checkout, 'dist/bundle')).map((f) => relative(checkout, f)).filter((f) => !f.endsWith('.map')).sort();
    const stale = 'dist/bundle at HEAD is not what HEAD builds: run `npm run build` and commit dist/bundle/ (git add -A dist/bundle)';
    expect(committed, stale).toEqual(built);
    for (const file of built) expect(git(REPO, 'show', `HEAD:${file}`), `${stale} (${file})`).toBe(readFileSync(join(checkout, file), 'utf8'));
  }, 120_000);
});

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}
