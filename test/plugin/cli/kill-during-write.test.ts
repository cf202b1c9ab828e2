/**
 * `kill -9` at any moment of a writing run: every file holds its old bytes or its new ones, never
 * a mix, and the next run removes the temp files and the lock the killed one left behind.
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempTree } from '../../helpers/run-cli.js';
import { DEPLOYMENT } from '../../helpers/fixtures.js';
import { run } from './fault-host.js';

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
});

const ENTRY = join(__dirname, '../../../plugin/cli/entry.ts');
const TSX = join(__dirname, '../../../node_modules/tsx/dist/esm/index.mjs');
const FILES = 200;
const KILLS = 4;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts `inject`, waits until it writes (a temp file, or the write set recorded in its lock), then SIGKILLs it a random moment later. */
async function killWhileWriting(dir: string): Promise<void> {
  const child = spawn(process.execPath, ['--import', TSX, ENTRY, 'inject'], { cwd: dir, stdio: 'ignore' });
  let exited = false;
  const done = new Promise<void>((resolve) => child.on('exit', () => { exited = true; resolve(); }));
  const lock = join(dir, '.git/mesh-inject.lock');
  const ours = (text: string) => text.startsWith(`${child.pid} `) && text.trim().includes('\n');
  // The run may remove its lock between any two looks: read it once, a missing file meaning "not writing".
  const lockText = () => {
    try {
      return readFileSync(lock, 'utf8');
    } catch {
      return '';
    }
  };
  const writing = () => readdirSync(dir).some((f) => f.includes(`.mesh-inject-${child.pid}-`)) || ours(lockText());
  while (!exited && !writing()) await sleep(1);
  await sleep(Math.random() * 40);
  child.kill('SIGKILL');
  await done;
}

describe('kill -9 during a writing run', () => {
  it('leaves every file old or new, and the next run cleans up', async () => {
    const files = Object.fromEntries(Array.from({ length: FILES }, (_, i) => [`app-${i}.yaml`, DEPLOYMENT.replace('name: web   #', `name: app-${i}   #`)]));
    const { dir, cleanup } = tempTree(files);
    cleanups.push(cleanup);
    execFileSync('git', ['init', '-q'], { cwd: dir });

    // What a completed run writes, from a copy.
    const copy = mkdtempSync(join(tmpdir(), 'mesh-inject-expected-'));
    cleanups.push(() => rmSync(copy, { recursive: true, force: true }));
    cpSync(dir, copy, { recursive: true });
    expect((await run(['inject'], { cwd: copy })).code).toBe(0);
    const after = Object.fromEntries(Object.keys(files).map((name) => [name, readFileSync(join(copy, name), 'utf8')]));

    for (let kill = 0; kill < KILLS; kill++) {
      await killWhileWriting(dir);
      for (const [name, before] of Object.entries(files)) expect([before, after[name]]).toContain(readFileSync(join(dir, name), 'utf8'));
    }

    expect((await run(['inject'], { cwd: dir })).code).toBe(0);
    for (const [name, expected] of Object.entries(after)) expect(readFileSync(join(dir, name), 'utf8')).toBe(expected);
    expect(readdirSync(dir).filter((f) => f.includes('.mesh-inject-'))).toEqual([]);
    expect(existsSync(join(dir, '.git/mesh-inject.lock'))).toBe(false);
  });
});
