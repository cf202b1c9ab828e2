/** `mesh-inject patches` in-process: what it writes, what it refuses, what `--check` says. */
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readTree } from '../../e2e/kustomize-tools.js';
import { runCli, tempTree } from '../../helpers/run-cli.js';
import { faultyHost, run } from '../cli/fault-host.js';

const RC = 'istio: {hub: registry.istio.io/testing, tag: latest}\nnamespaces: {inject: ["*"]}\n';

function deployment(name: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: shop
spec:
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
      - name: app
        image: nginx
`;
}

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
});

function tree(files: Record<string, string>): string {
  const t = tempTree({ '.mesh-injectrc.yaml': RC, ...files });
  cleanups.push(t.cleanup);
  return t.dir;
}

const stream = `${deployment('web')}---\n${deployment('api')}`;

describe('mesh-inject patches', () => {
  it('writes a Component from a stream, and re-running changes no byte', async () => {
    const dir = tree({});
    const first = await runCli(['patches', '--out', 'mesh', '-'], { cwd: dir, stdin: stream });
    expect(first.code).toBe(0);
    const written = readTree(join(dir, 'mesh'));
    expect(Object.keys(written)).toEqual(['deployment-shop-api.yaml', 'deployment-shop-web.yaml', 'kustomization.yaml']);
    const again = await runCli(['patches', '--out', 'mesh', '-'], { cwd: dir, stdin: stream });
    expect(again.code).toBe(0);
    expect(readTree(join(dir, 'mesh'))).toEqual(written);
  });

  it('reads files and directories as inject does, and leaves them as they were', async () => {
    const dir = tree({ 'base/web.yaml': deployment('web'), 'base/api.yaml': deployment('api') });
    const before = readTree(join(dir, 'base'));
    const result = await runCli(['patches', '--out', 'mesh', 'base'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(readTree(join(dir, 'base'))).toEqual(before);
    expect(Object.keys(readTree(join(dir, 'mesh')))).toEqual(['deployment-shop-api.yaml', 'deployment-shop-web.yaml', 'kustomization.yaml']);
  });

  it('--check: 0 when DIR is what a run writes, 1 with the stale files after a config change, writing nothing', async () => {
    const dir = tree({});
    expect((await runCli(['patches', '--check', '--out', 'mesh', '-'], { cwd: dir, stdin: stream })).code).toBe(1);
    expect(existsSync(join(dir, 'mesh'))).toBe(false);
    await runCli(['patches', '--out', 'mesh', '-'], { cwd: dir, stdin: stream });
    expect((await runCli(['patches', '--check', '--out', 'mesh', '-'], { cwd: dir, stdin: stream })).code).toBe(0);

    const written = readTree(join(dir, 'mesh'));
    writeFileSync(join(dir, '.mesh-injectrc.yaml'), RC.replace('tag: latest', 'tag: 1.99.0'));
    const stale = await runCli(['patches', '--check', '--out', 'mesh', '-'], { cwd: dir, stdin: stream });
    expect(stale.code).toBe(1);
    expect(stale.stdout.split('\n').filter(Boolean).sort()).toEqual([join('mesh', 'deployment-shop-api.yaml') + ': out of date', join('mesh', 'deployment-shop-web.yaml') + ': out of date']);
    expect(readTree(join(dir, 'mesh'))).toEqual(written);
  });

  it('removes the patch files it wrote that are no longer needed, and only those', async () => {
    const dir = tree({});
    await runCli(['patches', '--out', 'mesh', '-'], { cwd: dir, stdin: stream });
    writeFileSync(join(dir, 'mesh/README.md'), 'ours\n');
    writeFileSync(join(dir, 'mesh/deployment-shop-old.yaml'), '- op: add\n  path: /x\n  value: 1\n'); // no marker: the user's
    const result = await runCli(['patches', '--out', 'mesh', '-'], { cwd: dir, stdin: deployment('web') });
    expect(result.code).toBe(0);
    expect(Object.keys(readTree(join(dir, 'mesh')))).toEqual(['README.md', 'deployment-shop-old.yaml', 'deployment-shop-web.yaml', 'kustomization.yaml']);
    expect(readFileSync(join(dir, 'mesh/kustomization.yaml'), 'utf8')).not.toContain('deployment-shop-api.yaml');
  });

  it('refuses a non-empty directory it did not write (exit 2, untouched)', async () => {
    const cases: Array<Record<string, string>> = [{ 'mesh/notes.txt': 'x\n' }, { 'mesh/kustomization.yaml': 'kind: Component\n' }];
    for (const files of cases) {
      const dir = tree(files);
      const before = readTree(join(dir, 'mesh'));
      const result = await runCli(['patches', '--out', 'mesh', '-'], { cwd: dir, stdin: stream });
      expect(result.code).toBe(2);
      expect(readTree(join(dir, 'mesh'))).toEqual(before);
    }
  });

  it('refuses to write over an entry of the same name it did not write (exit 2, untouched)', async () => {
    const entries: Array<(path: string) => void> = [
      (path) => writeFileSync(path, 'the user\'s own patch\n'),
      (path) => symlinkSync('../.mesh-injectrc.yaml', path),
      (path) => mkdirSync(path),
    ];
    for (const make of entries) {
      const dir = tree({});
      await runCli(['patches', '--out', 'mesh', '-'], { cwd: dir, stdin: deployment('web') });
      make(join(dir, 'mesh/deployment-shop-api.yaml'));
      const before = readTree(join(dir, 'mesh'));
      const result = await runCli(['patches', '--out', 'mesh', '-'], { cwd: dir, stdin: stream });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('deployment-shop-api.yaml would be overwritten but was not written by mesh-inject patches');
      expect(readTree(join(dir, 'mesh'))).toEqual(before);
    }
  });

  it('a write fault on any file leaves the component as it was, with no temp file behind', async () => {
    const dir = tree({});
    await runCli(['patches', '--out', 'mesh', '-'], { cwd: dir, stdin: deployment('web') });
    const before = readTree(join(dir, 'mesh'));
    const changedRc = RC.replace('tag: latest', 'tag: "1.32.0"');
    writeFileSync(join(dir, '.mesh-injectrc.yaml'), changedRc);
    for (const target of ['deployment-shop-api.yaml', 'deployment-shop-web.yaml', 'kustomization.yaml']) {
      const host = faultyHost((op, path) => (op === 'writeFile' && path.includes(`.${target}.mesh-inject-`) ? 'ENOSPC' : undefined));
      const result = await run(['patches', '--out', 'mesh', '-'], { cwd: dir, host, stdin: stream });
      expect(result.code, target).toBe(2);
      expect(result.stderr).toContain('ENOSPC');
      expect(readTree(join(dir, 'mesh')), target).toEqual(before);
    }
    const written = await runCli(['patches', '--out', 'mesh', '-'], { cwd: dir, stdin: stream });
    expect(written.code).toBe(0);
    expect(Object.keys(readTree(join(dir, 'mesh')))).toEqual(['deployment-shop-api.yaml', 'deployment-shop-web.yaml', 'kustomization.yaml']);
  });

  it('takes a killed run\'s temp file for nobody\'s content: --check passes it over, a run removes it', async () => {
    const dir = tree({});
    await runCli(['patches', '--out', 'mesh', '-'], { cwd: dir, stdin: stream });
    const leftover = join(dir, 'mesh/.deployment-shop-web.yaml.mesh-inject-999999999-1.tmp');
    writeFileSync(leftover, readFileSync(join(dir, 'mesh/deployment-shop-web.yaml'), 'utf8').slice(0, 40));
    const check = await runCli(['patches', '--check', '--out', 'mesh', '-'], { cwd: dir, stdin: stream });
    expect([check.code, check.stdout]).toEqual([0, '']);
    expect(existsSync(leftover)).toBe(true);
    expect((await runCli(['patches', '--out', 'mesh', '-'], { cwd: dir, stdin: stream })).code).toBe(0);
    expect(existsSync(leftover)).toBe(false);
  });

  it('writes nothing when the input has an error (exit 2)', async () => {
    const dir = tree({});
    const result = await runCli(['patches', '--out', 'mesh', '-'], { cwd: dir, stdin: `${deployment('web')}  bad: [\n` });
    expect(result.code).toBe(2);
    expect(existsSync(join(dir, 'mesh'))).toBe(false);
  });

  it('needs --out (exit 2)', async () => {
    const dir = tree({});
    expect((await runCli(['patches', '-'], { cwd: dir, stdin: stream })).code).toBe(2);
  });
});
