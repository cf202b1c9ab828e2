/**
 * One writing run per repository (the lock in the git directory), temp files of killed runs
 * removed by the next run, and dry runs that neither wait for the lock nor change anything.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempTree } from '../../helpers/run-cli.js';
import { DEPLOYMENT } from '../../helpers/fixtures.js';
import { codesFor, faultyHost, run } from './fault-host.js';

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
});

function repo(files: Record<string, string>): string {
  const { dir, cleanup } = tempTree(files);
  cleanups.push(cleanup);
  execFileSync('git', ['init', '-q'], { cwd: dir });
  return dir;
}

/** A process that is alive until the test ends. */
function liveProcess(): number {
  const child: ChildProcess = spawn('sleep', ['600'], { stdio: 'ignore' });
  cleanups.push(() => child.kill('SIGKILL'));
  return child.pid!;
}

/** The id of a process that has exited. */
function deadPid(): number {
  return spawnSync('true').pid!;
}

const LOCK = '.git/mesh-inject.lock';
const injected = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8').includes('name: istio-proxy');

describe('the repository lock', () => {
  it('a run refuses (concurrent-run, exit 2) while another live run holds the lock, and writes nothing', async () => {
    const dir = repo({ 'a.yaml': DEPLOYMENT });
    writeFileSync(join(dir, LOCK), `${liveProcess()} ${hostname()}\n`);
    const out = await run(['inject', '--format', 'json'], { cwd: dir });
    expect(out.code).toBe(2);
    expect(codesFor(out, LOCK)).toEqual(['concurrent-run']);
    expect(readFileSync(join(dir, 'a.yaml'), 'utf8')).toBe(DEPLOYMENT);
    expect(existsSync(join(dir, LOCK))).toBe(true); // not ours to remove
  });

  it('dry runs take no lock: --check, --diff and explain work while a run holds it', async () => {
    const dir = repo({ 'a.yaml': DEPLOYMENT });
    writeFileSync(join(dir, LOCK), `${liveProcess()} ${hostname()}\n`);
    expect((await run(['inject', '--check'], { cwd: dir })).code).toBe(1);
    expect((await run(['inject', '--diff'], { cwd: dir })).code).toBe(0);
    expect((await run(['explain'], { cwd: dir })).code).toBe(0);
  });

  it('a stale lock (its process is gone) is taken over, and released at the end', async () => {
    const dir = repo({ 'a.yaml': DEPLOYMENT });
    writeFileSync(join(dir, LOCK), `${deadPid()} ${hostname()}\n`);
    const out = await run(['inject'], { cwd: dir });
    expect(out.code).toBe(0);
    expect(injected(dir, 'a.yaml')).toBe(true);
    expect(existsSync(join(dir, LOCK))).toBe(false);
  });

  it('waits for a run that finishes in time, then goes on', async () => {
    const dir = repo({ 'a.yaml': DEPLOYMENT });
    writeFileSync(join(dir, LOCK), `${liveProcess()} ${hostname()}\n`);
    let polls = 0;
    const host = faultyHost(() => undefined, {
      sleep: async () => {
        if (++polls === 3) execFileSync('rm', [join(dir, LOCK)]); // the other run finishes
      },
    });
    const out = await run(['inject'], { cwd: dir, host });
    expect(out.code).toBe(0);
    expect(injected(dir, 'a.yaml')).toBe(true);
  });

  it('two real runs at once: each file ends up injected exactly once and no run overwrites the other blindly', async () => {
    const files = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`app-${i}.yaml`, DEPLOYMENT.replace('name: web   #', `name: app-${i}   #`)]));
    const dir = repo(files);
    const [first, second] = await Promise.all([cli(dir, ['inject']), cli(dir, ['inject'])]);
    // Either the second waited for the first (then found nothing to do) or it refused.
    for (const child of [first, second]) expect([0, 2]).toContain(child.status);
    if (first.status === 2 || second.status === 2) expect(`${first.stderr}${second.stderr}`).toContain('(concurrent-run)');
    for (const name of Object.keys(files)) expect(readFileSync(join(dir, name), 'utf8').match(/name: istio-proxy/g)).toHaveLength(1);
    expect(existsSync(join(dir, LOCK))).toBe(false);
  });
});

describe('temp files of killed runs', () => {
  it('are removed by the next writing run when their process is gone; others are kept', async () => {
    const dir = repo({ 'a.yaml': DEPLOYMENT, 'sub/b.yaml': DEPLOYMENT });
    const dead = `.a.yaml.mesh-inject-${deadPid()}-1700000000000.tmp`;
    const alive = `.a.yaml.mesh-inject-${liveProcess()}-1700000000000.tmp`;
    const lookalike = '.a.yaml.mesh-inject-x.tmp';
    for (const name of [dead, alive, lookalike, `sub/${dead}`]) writeFileSync(join(dir, name), 'half');

    expect((await run(['inject', '--check'], { cwd: dir })).code).toBe(1);
    expect(existsSync(join(dir, dead))).toBe(true); // a dry run changes nothing

    expect((await run(['inject'], { cwd: dir })).code).toBe(0);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp')).sort()).toEqual([alive, lookalike].sort());
    expect(existsSync(join(dir, 'sub', dead))).toBe(false);
  });

  it('are removed from the directories a killed run recorded in its lock, even when this run is about other files', async () => {
    const dir = repo({ 'a.yaml': DEPLOYMENT, 'other/b.yaml': DEPLOYMENT });
    const pid = deadPid();
    const left = `.b.yaml.mesh-inject-${pid}-1700000000000.tmp`;
    writeFileSync(join(dir, 'other', left), 'half');
    writeFileSync(join(dir, LOCK), `${pid} ${hostname()}\n${join(dir, 'other')}\n`);
    expect((await run(['inject', 'a.yaml'], { cwd: dir })).code).toBe(0);
    expect(existsSync(join(dir, 'other', left))).toBe(false);
  });
});

const ENTRY = join(__dirname, '../../../plugin/cli/entry.ts');
const TSX = join(__dirname, '../../../node_modules/tsx/dist/esm/index.mjs');

function cli(cwd: string, args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', TSX, ENTRY, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('close', (status) => resolve({ status, stderr }));
  });
}
