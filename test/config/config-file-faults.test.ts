/** A config file is input too: a FIFO, bad bytes or a fault of the machine is an error naming it, never a hang. */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEPLOYMENT } from '../helpers/fixtures.js';
import { runCli, tempTree } from '../helpers/run-cli.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function repo(files: Record<string, string>) {
  const tree = tempTree({ 'app.yaml': DEPLOYMENT, ...files });
  cleanup = tree.cleanup;
  return tree.dir;
}

const errorCodes = (stdout: string) => (JSON.parse(stdout) as { results: Array<{ severity: string; code: string; file?: { path: string } }> }).results.filter((r) => r.severity === 'error');

describe('config file faults', () => {
  it('refuses a FIFO named .mesh-injectrc without opening it', async () => {
    const dir = repo({});
    execFileSync('mkfifo', [join(dir, '.mesh-injectrc')]);
    const run = await runCli(['inject', '--format', 'json', 'app.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(errorCodes(run.stdout).map((r) => r.code)).toEqual(['not-regular-file']);
    expect(readFileSync(join(dir, 'app.yaml'), 'utf8')).toBe(DEPLOYMENT);
  });

  it('refuses a config with invalid UTF-8, naming the file', async () => {
    const dir = repo({});
    writeFileSync(join(dir, '.mesh-injectrc.yaml'), Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\nmesh: istio\n')]));
    const run = await runCli(['inject', '--format', 'json', 'app.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    const errors = errorCodes(run.stdout);
    expect(errors.map((r) => r.code)).toEqual(['invalid-encoding']);
    expect(errors[0]!.file?.path).toContain('.mesh-injectrc.yaml');
  });

  it('refuses an --config that is a FIFO', async () => {
    const dir = repo({});
    execFileSync('mkfifo', [join(dir, 'rc.yaml')]);
    const run = await runCli(['inject', '--format', 'json', '--config', 'rc.yaml', 'app.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(errorCodes(run.stdout).map((r) => r.code)).toEqual(['not-regular-file']);
  });
});
