/**
 * `explain` on workloads with errors: the row's reason is the workload's first error (its code and
 * message), in the table and in `--format json`, for files and for stdin; the exit status stays 2.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEPLOYMENT } from '../../helpers/fixtures.js';
import { runCli } from '../../helpers/run-cli.js';
import { useTempTrees } from '../../helpers/temp-trees.js';

const RESERVED_PORT = readFileSync(new URL('../../transformer/pipeline/bad-input/reserved-port.yaml', import.meta.url), 'utf8');

const tree = useTempTrees();

interface Json {
  files?: { path: string; workloads: { action: string; code: string; reason: string }[] }[];
  workloads?: { action: string; code: string; reason: string }[];
  results: { severity: string; code: string; message: string }[];
}

/** The message of the error result with `code` (exactly one). */
function errorMessage(data: Json, code: string): string {
  const errors = data.results.filter((r) => r.severity === 'error' && r.code === code);
  expect(errors).toHaveLength(1);
  return errors[0]!.message;
}

describe('explain on a workload with an error', () => {
  it('--format json gives the first error as the reason', async () => {
    const dir = tree({ 'bad.yaml': RESERVED_PORT, 'good.yaml': DEPLOYMENT });
    const run = await runCli(['explain', '--format', 'json', '.'], { cwd: dir });
    expect(run.code).toBe(2);
    const data = JSON.parse(run.stdout) as Json;
    const bad = data.files!.find((f) => f.path === 'bad.yaml')!.workloads;
    expect(bad).toEqual([expect.objectContaining({ action: 'error', code: 'reserved-port', reason: errorMessage(data, 'reserved-port') })]);
    const good = data.files!.find((f) => f.path === 'good.yaml')!.workloads;
    expect(good).toEqual([expect.objectContaining({ action: 'injected', code: 'injected' })]);
  });

  it('the table shows the error code and message in its row', async () => {
    const dir = tree({ 'bad.yaml': RESERVED_PORT });
    const json = JSON.parse((await runCli(['explain', '--format', 'json', '.'], { cwd: dir })).stdout) as Json;
    const run = await runCli(['explain', '.'], { cwd: dir });
    expect(run.code).toBe(2);
    const rows = run.stdout.trim().split('\n');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatch(/^bad\.yaml:2\s+Deployment\/default\/web\s+error\s+reserved-port\s+/);
    expect(rows[1]!.endsWith(`  ${errorMessage(json, 'reserved-port')}`)).toBe(true);
  });

  it('from stdin: the table is printed too, with the error as the reason, and --format json carries it', async () => {
    const dir = tree({});
    const json = await runCli(['explain', '--format', 'json', '-'], { cwd: dir, stdin: RESERVED_PORT });
    expect(json.code).toBe(2);
    const data = JSON.parse(json.stdout) as Json;
    expect(data.workloads).toEqual([expect.objectContaining({ action: 'error', code: 'reserved-port', reason: errorMessage(data, 'reserved-port') })]);

    const run = await runCli(['explain', '-'], { cwd: dir, stdin: RESERVED_PORT });
    expect(run.code).toBe(2);
    const rows = run.stdout.trim().split('\n');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatch(/^<stdin>:2\s+Deployment\/default\/web\s+error\s+reserved-port\s+/);
    expect(rows[1]!.endsWith(`  ${errorMessage(data, 'reserved-port')}`)).toBe(true);
  });
});
