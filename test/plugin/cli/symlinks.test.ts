/**
 * A symlink is never replaced by a regular file and nothing is read through it or written outside
 * the repository (or the directory given): README "Safety".
 */
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../plugin/cli/write-atomic.js';
import { tempTree } from '../../helpers/run-cli.js';
import { DEPLOYMENT } from '../../helpers/fixtures.js';
import { codesFor, results, run } from './fault-host.js';

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
});

function tree(files: Record<string, string>, links: Record<string, string>, git = true): string {
  const { dir, cleanup } = tempTree(files);
  cleanups.push(cleanup);
  for (const [link, target] of Object.entries(links)) symlinkSync(target, join(dir, link));
  if (git) {
    execFileSync('git', ['init', '-q'], { cwd: dir });
    execFileSync('git', ['add', '-A'], { cwd: dir });
  }
  return dir;
}

function outsideFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mesh-inject-outside-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'shared.yaml'), DEPLOYMENT);
  return join(dir, 'shared.yaml');
}

const isLink = (dir: string, path: string) => lstatSync(join(dir, path)).isSymbolicLink();
const injected = (path: string) => readFileSync(path, 'utf8').includes('name: istio-proxy');

describe('symlinks', () => {
  it('a tracked symlink to a file in the repository stays a symlink; its target is injected once, as itself', async () => {
    const dir = tree({ 'base/d.yaml': DEPLOYMENT }, { 'alias.yaml': 'base/d.yaml' });
    const out = await run(['inject', '--format', 'json', '--verbose'], { cwd: dir });
    expect(out.code).toBe(0);
    expect(codesFor(out, 'alias.yaml')).toEqual(['skipped-symlink']);
    expect(isLink(dir, 'alias.yaml')).toBe(true);
    expect(readlinkSync(join(dir, 'alias.yaml'))).toBe('base/d.yaml');
    expect(injected(join(dir, 'base/d.yaml'))).toBe(true);
    expect((await run(['inject', '--check'], { cwd: dir })).code).toBe(0);
  });

  it('a symlink pointing outside the repository is an error; the file outside is not touched', async () => {
    const outside = outsideFile();
    const dir = tree({ 'a.yaml': DEPLOYMENT }, { 'shared.yaml': outside });
    const out = await run(['inject', '--format', 'json'], { cwd: dir });
    expect(out.code).toBe(2);
    expect(codesFor(out, 'shared.yaml')).toEqual(['symlink-outside-root']);
    expect(readFileSync(outside, 'utf8')).toBe(DEPLOYMENT);
    expect(isLink(dir, 'shared.yaml')).toBe(true);
    expect(injected(join(dir, 'a.yaml'))).toBe(true);
  });

  it('given on the command line, a symlink inside the repository is followed and its target injected in place', async () => {
    const dir = tree({ 'base/d.yaml': DEPLOYMENT }, { 'alias.yaml': 'base/d.yaml' });
    const out = await run(['inject', 'alias.yaml'], { cwd: dir });
    expect(out.code).toBe(0);
    expect(isLink(dir, 'alias.yaml')).toBe(true);
    expect(injected(join(dir, 'base/d.yaml'))).toBe(true);
  });

  it('given on the command line, a symlink out of the repository is refused', async () => {
    const outside = outsideFile();
    const dir = tree({}, { 'shared.yaml': outside });
    const out = await run(['inject', '--format', 'json', 'shared.yaml'], { cwd: dir });
    expect(out.code).toBe(2);
    expect(codesFor(out, 'shared.yaml')).toEqual(['symlink-outside-root']);
    expect(readFileSync(outside, 'utf8')).toBe(DEPLOYMENT);
  });

  it('a directory argument that is a symlink out of the repository is refused as a whole', async () => {
    const outside = outsideFile();
    const dir = tree({ 'a.yaml': DEPLOYMENT }, { k8s: join(outside, '..') });
    const out = await run(['inject', '--format', 'json', 'k8s'], { cwd: dir });
    expect(out.code).toBe(2);
    expect(results(out).map((r) => r.code)).toEqual(['symlink-outside-root']);
    expect(readFileSync(outside, 'utf8')).toBe(DEPLOYMENT);
  });

  it('outside git, a symlink out of the directory given is refused and symlinked directories are not walked', async () => {
    const outside = outsideFile();
    const dir = tree({ 'a.yaml': DEPLOYMENT }, { 'shared.yaml': outside, linked: join(outside, '..') }, false);
    const out = await run(['inject', '--format', 'json', '.'], { cwd: dir });
    expect(out.code).toBe(2);
    expect(codesFor(out, 'shared.yaml')).toEqual(['symlink-outside-root']);
    expect(results(out).filter((r) => r.file?.path.startsWith('linked'))).toEqual([]);
    expect(readFileSync(outside, 'utf8')).toBe(DEPLOYMENT);
    expect(injected(join(dir, 'a.yaml'))).toBe(true);
  });

  it('a dangling symlink found by discovery is skipped', async () => {
    const dir = tree({ 'a.yaml': DEPLOYMENT }, { 'gone.yaml': 'missing.yaml' });
    const out = await run(['inject', '--format', 'json', '--verbose'], { cwd: dir });
    expect(out.code).toBe(0);
    expect(codesFor(out, 'gone.yaml')).toEqual(['skipped-symlink']);
    expect(isLink(dir, 'gone.yaml')).toBe(true);
  });

  it('writeFileAtomic writes through a symlink and never replaces it', async () => {
    const dir = tree({ 'real.yaml': 'a: 1\n' }, { 'link.yaml': 'real.yaml' }, false);
    await writeFileAtomic(join(dir, 'link.yaml'), 'a: 2\n');
    expect(isLink(dir, 'link.yaml')).toBe(true);
    expect(readFileSync(join(dir, 'real.yaml'), 'utf8')).toBe('a: 2\n');
  });
});
