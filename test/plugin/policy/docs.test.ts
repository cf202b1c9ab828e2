/** The commands docs/admission-policy.md shows, run as written in a repository with Namespace objects under k8s/. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';
import { useTempTrees } from '../../helpers/temp-trees.js';

const tree = useTempTrees();
const FILES = { '.mesh-injectrc.yaml': 'mesh: istio\n', 'k8s/ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n', 'cluster/.keep': '' };
const DOC = readFileSync(new URL('../../../docs/admission-policy.md', import.meta.url), 'utf8');

/** `mesh-inject policy ...` lines of the doc's first sh block, without comments, split into words. */
function commands(): string[][] {
  const block = /```sh\n([\s\S]*?)```/.exec(DOC)![1]!;
  return block.split('\n').filter((l) => l.startsWith('mesh-inject policy')).map((l) => l.replace(/#.*$/, '').trim().split(/\s+/).slice(1));
}

describe('docs/admission-policy.md', () => {
  it('shows commands that work', async () => {
    expect(commands().length).toBeGreaterThanOrEqual(3);
    for (const argv of commands()) {
      const dir = tree(FILES);
      const redirect = argv.indexOf('>');
      const args = redirect >= 0 ? argv.slice(0, redirect) : argv;
      const check = args.includes('--check');
      // a --check line checks the file the same command wrote
      if (check) expect((await runCli(args.filter((a) => a !== '--check'), { cwd: dir })).code).toBe(0);
      const run = await runCli(args, { cwd: dir });
      expect([argv, run.code, run.stderr]).toEqual([argv, 0, '']);
      if (check) expect((await runCli(args, { cwd: tree(FILES) })).code).toBe(1);
      const out = args.includes('-o') ? readFileSync(join(dir, args[args.indexOf('-o') + 1]!), 'utf8') : run.stdout;
      expect(out).toContain('ValidatingAdmissionPolicyBinding');
    }
  });
});
