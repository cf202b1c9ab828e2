/**
 * Which files of a directory app are read, as Argo CD's directory apps read them: a symlink whose
 * target lies inside the sources Argo CD sent is followed, one pointing outside is refused
 * (`symlink-outside-root`), a missing target is refused, and only regular files are ever opened
 * (a FIFO named like a manifest is an error, never a hang).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { which } from '../../e2e/argocd-tools.js';
import { CONFIG_MAP, DEPLOYMENT, sandbox, type PluginRun, type Sandbox } from './cmp-sandbox.js';

let box: Sandbox;
beforeEach(() => {
  box = sandbox();
  box.write('plain/deployment.yaml', DEPLOYMENT);
});
afterEach(() => box.cleanup());

const kinds = (run: PluginRun) => parseAllDocuments(run.stdout).map((d) => (d.toJS() as { kind: string }).kind);

function expectRefused(run: PluginRun, code: string): void {
  expect(run.stdoutWrites).toEqual([]);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain(`(${code})`);
}

describe('symlinked manifests', () => {
  it('follows a relative symlink to a file elsewhere in the sources', async () => {
    box.write('common/settings.yaml', CONFIG_MAP);
    symlinkSync('../common/settings.yaml', join(box.root, 'plain/settings.yaml'));
    const run = await box.generate('plain');
    expect(run.code).toBe(0);
    expect(kinds(run)).toEqual(['Deployment', 'ConfigMap']);
  });

  it('follows an absolute symlink inside the sources (the CMP server unpacks links as absolute paths)', async () => {
    const target = box.write('common/settings.yaml', CONFIG_MAP);
    symlinkSync(target, join(box.root, 'plain/settings.yaml'));
    const run = await box.generate('plain');
    expect(run.code).toBe(0);
    expect(kinds(run)).toEqual(['Deployment', 'ConfigMap']);
  });

  it('follows a chain of symlinks that ends inside the sources', async () => {
    box.write('common/settings.yaml', CONFIG_MAP);
    symlinkSync('settings.yaml', join(box.root, 'common/alias.yaml'));
    symlinkSync('../common/alias.yaml', join(box.root, 'plain/settings.yaml'));
    const run = await box.generate('plain');
    expect(run.code).toBe(0);
    expect(kinds(run)).toEqual(['Deployment', 'ConfigMap']);
  });

  it('refuses a symlink that points outside the sources', async () => {
    writeFileSync(join(box.tmp, 'outside.yaml'), CONFIG_MAP);
    symlinkSync(join(box.tmp, 'outside.yaml'), join(box.root, 'plain/settings.yaml'));
    const run = await box.generate('plain');
    expectRefused(run, 'symlink-outside-root');
    expect(run.stderr).toContain('plain/settings.yaml');
  });

  it('refuses a relative symlink that climbs out of the sources', async () => {
    writeFileSync(join(box.tmp, 'outside.yaml'), CONFIG_MAP);
    symlinkSync('../../../outside.yaml', join(box.root, 'plain/settings.yaml'));
    expectRefused(await box.generate('plain'), 'symlink-outside-root');
  });

  it('refuses a symlink inside the sources that leads out through another symlink', async () => {
    writeFileSync(join(box.tmp, 'outside.yaml'), CONFIG_MAP);
    mkdirSync(join(box.root, 'common'));
    symlinkSync(join(box.tmp, 'outside.yaml'), join(box.root, 'common/settings.yaml'));
    symlinkSync('../common/settings.yaml', join(box.root, 'plain/settings.yaml'));
    expectRefused(await box.generate('plain'), 'symlink-outside-root');
  });

  it('refuses a symlink whose target is missing (it may not have been sent)', async () => {
    symlinkSync('../common/missing.yaml', join(box.root, 'plain/settings.yaml'));
    const run = await box.generate('plain');
    expectRefused(run, 'io-error');
    expect(run.stderr).toContain('plain/settings.yaml');
  });

  it('leaves out a symlink to a directory named like a manifest, as it does a directory', async () => {
    mkdirSync(join(box.root, 'elsewhere.yaml'));
    symlinkSync('../elsewhere.yaml', join(box.root, 'plain/dir.yaml'));
    mkdirSync(join(box.root, 'plain/real-dir.yaml'));
    const run = await box.generate('plain');
    expect(run.code).toBe(0);
    expect(kinds(run)).toEqual(['Deployment']);
  });

  it('discover takes a directory app whose manifests are all symlinks', async () => {
    box.write('common/deployment.yaml', DEPLOYMENT);
    mkdirSync(join(box.root, 'linked'));
    symlinkSync('../common/deployment.yaml', join(box.root, 'linked/deployment.yaml'));
    const run = await box.discover('linked');
    expect(run).toMatchObject({ code: 0, stdout: 'directory app with .mesh-injectrc.yaml\n' });
  });
});

describe.skipIf(!which('mkfifo'))('files that are not regular files', () => {
  if (!which('mkfifo')) console.log('skipped: mkfifo not found');

  it('a FIFO named like a manifest is an error, not a hang', async () => {
    execFileSync('mkfifo', [join(box.root, 'plain/pipe.yaml')]);
    const run = await box.generate('plain');
    expectRefused(run, 'not-regular-file');
    expect(run.stderr).toContain('plain/pipe.yaml');
  });

  it('a symlink to a FIFO inside the sources is an error, not a hang', async () => {
    execFileSync('mkfifo', [join(box.root, 'pipe')]);
    symlinkSync('../pipe', join(box.root, 'plain/pipe.yaml'));
    expectRefused(await box.generate('plain'), 'not-regular-file');
  });

  it('a FIFO not named like a manifest is never opened', async () => {
    execFileSync('mkfifo', [join(box.root, 'plain/pipe')]);
    const run = await box.generate('plain');
    expect(run.code).toBe(0);
    expect(kinds(run)).toEqual(['Deployment']);
  });
});
