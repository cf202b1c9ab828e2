/**
 * Faults of the machine are results for their path (io-error, not-regular-file...), never a stack
 * trace: the other files are still processed and written, the summary is printed, exit 2.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { unreadableFromGitWarnings } from '../../../plugin/cli/discover-files.js';
import { tempTree } from '../../helpers/run-cli.js';
import { DEPLOYMENT } from '../../helpers/fixtures.js';
import { codesFor, faultyHost, results, run, type Fault } from './fault-host.js';

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
});

const deployment = (name: string) => DEPLOYMENT.replace('name: web   #', `name: ${name}   #`);

function tree(files: Record<string, string>, git = false): string {
  const { dir, cleanup } = tempTree(files);
  cleanups.push(cleanup);
  if (git) {
    execFileSync('git', ['init', '-q'], { cwd: dir });
    execFileSync('git', ['add', '-A'], { cwd: dir });
  }
  return dir;
}

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const injected = (dir: string, file: string) => read(dir, file).includes('name: istio-proxy');
/** Fails `op` on paths ending with `suffix`. */
const failing = (op: string, suffix: string, code: string): Fault => (o, path) => (o === op && path.endsWith(suffix) ? code : undefined);
const tempFiles = (dir: string) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.includes('.mesh-inject-'));

describe('reading', () => {
  it('an unreadable file is an io-error; the rest of the repository is still written and the summary printed', async () => {
    const dir = tree({ 'a.yaml': deployment('a'), 'b.yaml': deployment('b'), 'c.yaml': deployment('c') }, true);
    const host = faultyHost(failing('open', '/b.yaml', 'EACCES'));
    const out = await run(['inject', '--format', 'json'], { cwd: dir, host });
    expect(out.code).toBe(2);
    expect(codesFor(out, 'b.yaml')).toEqual(['io-error']);
    expect(injected(dir, 'a.yaml') && injected(dir, 'c.yaml')).toBe(true);
    expect(read(dir, 'b.yaml')).toBe(deployment('b'));

    const text = await run(['inject', '--check'], { cwd: dir, host });
    expect(text.code).toBe(2);
    expect(text.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('the summary counts the files with errors', async () => {
    const dir = tree({ 'a.yaml': deployment('a'), 'b.yaml': deployment('b'), 'c.yaml': deployment('c') });
    const host = faultyHost((op, path) => (op === 'open' && /\/[bc]\.yaml$/.test(path) ? 'EACCES' : undefined));
    const out = await run(['inject', '.'], { cwd: dir, host });
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/1 file\(s\) changed: 1 injected.*\b2 file\(s\) with errors/);
  });

  it('an unreadable directory is an io-error, not a silent skip (walk outside git)', async () => {
    const dir = tree({ 'a.yaml': deployment('a'), 'sub/d.yaml': deployment('d') });
    const host = faultyHost(failing('readdir', '/sub', 'EACCES'));
    const check = await run(['inject', '--check', '--format', 'json', '.'], { cwd: dir, host });
    expect(check.code).toBe(2);
    expect(codesFor(check, 'sub')).toEqual(['io-error']);
    const out = await run(['inject', '.'], { cwd: dir, host });
    expect(out.code).toBe(2);
    expect(injected(dir, 'a.yaml')).toBe(true);
  });

  it('a tracked file under an unreadable directory is an io-error (git discovery)', async () => {
    const dir = tree({ 'a.yaml': deployment('a'), 'sub/d.yaml': deployment('d') }, true);
    const host = faultyHost((op, path) => (path.endsWith('/sub/d.yaml') ? 'EACCES' : undefined));
    const out = await run(['inject', '--format', 'json'], { cwd: dir, host });
    expect(out.code).toBe(2);
    expect(codesFor(out, 'sub/d.yaml')).toEqual(['io-error']);
    expect(injected(dir, 'a.yaml')).toBe(true);
  });

  it('reads the directories git could not open from its warnings', () => {
    const stderr = "warning: could not open directory 'sub/locked/': Permission denied\nwarning: something else\n";
    expect(unreadableFromGitWarnings(stderr, '/repo').map((u) => [u.path, (u.error as NodeJS.ErrnoException).code])).toEqual([['/repo/sub/locked', 'EACCES']]);
  });

  it('a path through a file (ENOTDIR) is an io-error for that path; the other paths are processed', async () => {
    const dir = tree({ 'a.yaml': deployment('a'), 'b.yaml': deployment('b') });
    const out = await run(['inject', '--format', 'json', 'a.yaml/x.yaml', 'b.yaml'], { cwd: dir });
    expect(out.code).toBe(2);
    expect(codesFor(out, 'a.yaml/x.yaml')).toEqual(['io-error']);
    expect(injected(dir, 'b.yaml')).toBe(true);
  });
});

describe('special files', () => {
  it('/dev/zero is not-regular-file and the other file is still injected (no RangeError)', async () => {
    const dir = tree({ 'good.yaml': deployment('good') });
    const out = await run(['inject', '--format', 'json', 'good.yaml', '/dev/zero'], { cwd: dir });
    expect(out.code).toBe(2);
    expect(codesFor(out, '/dev/zero')).toEqual(['not-regular-file']);
    expect(injected(dir, 'good.yaml')).toBe(true);
  });

  it('a FIFO named like a manifest is never opened, given or found', async () => {
    const dir = tree({ 'good.yaml': deployment('good') });
    execFileSync('mkfifo', [join(dir, 'x.yaml')]);
    const given = await run(['inject', '--format', 'json', 'x.yaml', 'good.yaml'], { cwd: dir });
    expect(given.code).toBe(2);
    expect(codesFor(given, 'x.yaml')).toEqual(['not-regular-file']);
    expect(injected(dir, 'good.yaml')).toBe(true);
    const found = await run(['inject', '--check', '--format', 'json', '.'], { cwd: dir });
    expect(found.code).toBe(2);
    expect(codesFor(found, 'x.yaml')).toEqual(['not-regular-file']);
  });

  it('a file over the size limit is refused with an io-error, not read', async () => {
    const dir = tree({ 'good.yaml': deployment('good') });
    writeFileSync(join(dir, 'huge.yaml'), '');
    truncateSync(join(dir, 'huge.yaml'), 65 * 1024 * 1024); // sparse: no disk used
    const out = await run(['inject', '--format', 'json', '.'], { cwd: dir });
    expect(out.code).toBe(2);
    expect(codesFor(out, 'huge.yaml')).toEqual(['io-error']);
    expect(injected(dir, 'good.yaml')).toBe(true);
  });

  it('a stream over the size limit on stdin is refused', async () => {
    const dir = tree({});
    const out = await run(['inject', '--format', 'json', '-'], { cwd: dir, stdin: new Uint8Array(64 * 1024 * 1024 + 1).fill(0x23) });
    expect(out.code).toBe(2);
    expect(codesFor(out, '<stdin>')).toEqual(['io-error']);
  });
});

describe('writing', () => {
  for (const code of ['EACCES', 'EROFS', 'ENOSPC']) {
    it(`${code} while writing is an io-error for that file, left as it was; the others are written`, async () => {
      const dir = tree({ 'a.yaml': deployment('a'), 'ro/b.yaml': deployment('b'), 'c.yaml': deployment('c') });
      const host = faultyHost((op, path) => (op === 'writeFile' && path.includes('/ro/') ? code : undefined));
      const out = await run(['inject', '--format', 'json', '.'], { cwd: dir, host });
      expect(out.code).toBe(2);
      expect(codesFor(out, 'ro/b.yaml')).toEqual(['io-error']);
      expect(read(dir, 'ro/b.yaml')).toBe(deployment('b'));
      expect(injected(dir, 'a.yaml') && injected(dir, 'c.yaml')).toBe(true);
      expect(tempFiles(dir)).toEqual([]);
    });
  }

  it('a disk filling up half-way through the temp file leaves the file as it was and no temp file', async () => {
    const dir = tree({ 'a.yaml': deployment('a') });
    const base = faultyHost(() => undefined);
    const host = faultyHost(() => undefined, {
      fs: { ...base.fs, writeFile: async (path, data, options) => {
        if (!String(path).endsWith('.tmp')) return base.fs.writeFile(path, data, options);
        await base.fs.writeFile(path, String(data).slice(0, 100), { flag: 'wx' });
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      } },
    });
    const out = await run(['inject', '--format', 'json', '.'], { cwd: dir, host });
    expect(codesFor(out, 'a.yaml')).toEqual(['io-error']);
    expect(read(dir, 'a.yaml')).toBe(deployment('a'));
    expect(tempFiles(dir)).toEqual([]);
  });

  it('a file edited while the run works on it is not overwritten (file-changed-during-run)', async () => {
    const dir = tree({ 'a.yaml': deployment('a'), 'b.yaml': deployment('b') });
    const edited = deployment('b').replace('nginx:1.27', 'nginx:1.28');
    const base = faultyHost(() => undefined);
    // The user saves b.yaml between mesh-inject's read and its rename.
    const host = faultyHost(() => undefined, {
      fs: { ...base.fs, chmod: async (path, mode) => {
        if (String(path).includes('.b.yaml.mesh-inject-')) writeFileSync(join(dir, 'b.yaml'), edited);
        return base.fs.chmod(path, mode);
      } },
    });
    const out = await run(['inject', '--format', 'json', '.'], { cwd: dir, host });
    expect(out.code).toBe(2);
    expect(codesFor(out, 'b.yaml')).toEqual(['file-changed-during-run']);
    expect(read(dir, 'b.yaml')).toBe(edited);
    expect(injected(dir, 'a.yaml')).toBe(true);
    expect(tempFiles(dir)).toEqual([]);
  });

  it('keeps the mode of the file it replaces', async () => {
    const dir = tree({ 'a.yaml': deployment('a') });
    execFileSync('chmod', ['640', join(dir, 'a.yaml')]);
    await run(['inject', 'a.yaml'], { cwd: dir });
    expect(execFileSync('stat', ['-c', '%a', join(dir, 'a.yaml')], { encoding: 'utf8' }).trim()).toBe('640');
  });
});

describe('internal errors', () => {
  it('name the file being processed, exit 1, and the other files are still written', async () => {
    const dir = tree({ 'a.yaml': deployment('a'), 'sub/d.yaml': deployment('d') });
    // A config whose code throws while mesh-inject works on sub/d.yaml.
    writeFileSync(join(dir, 'sub/mesh-inject.config.mjs'), "export default { get mesh() { throw new Error('boom'); } };\n");
    const out = await run(['inject', '--format', 'json', '.'], { cwd: dir });
    expect(out.code).toBe(1);
    expect(codesFor(out, 'sub/d.yaml')).toEqual(['internal-error']);
    expect(injected(dir, 'a.yaml')).toBe(true);
    expect(read(dir, 'sub/d.yaml')).toBe(deployment('d'));
  });

  it('a failure of a kind nobody expected while writing is an internal-error for that file only', async () => {
    const dir = tree({ 'a.yaml': deployment('a'), 'b.yaml': deployment('b') });
    const base = faultyHost(() => undefined);
    const host = faultyHost(() => undefined, {
      fs: { ...base.fs, rename: async (from, to) => {
        if (String(to).endsWith('/a.yaml')) throw new TypeError('not a system error');
        return base.fs.rename(from, to);
      } },
    });
    const out = await run(['inject', '--format', 'json', '.'], { cwd: dir, host });
    expect(out.code).toBe(1);
    expect(results(out).filter((r) => r.severity === 'error').map((r) => [r.file?.path, r.code])).toEqual([['a.yaml', 'internal-error']]);
    expect(read(dir, 'a.yaml')).toBe(deployment('a'));
    expect(injected(dir, 'b.yaml')).toBe(true);
  });
});

describe('real permissions (an unprivileged process)', () => {
  // Root ignores permission bits, so as root the CLI runs as `nobody` through setpriv.
  const root = process.getuid?.() === 0;
  const setpriv = spawnSync('setpriv', ['--version']).status === 0;
  const entry = join(__dirname, '../../../plugin/cli/entry.ts');
  const tsx = join(__dirname, '../../../node_modules/tsx/dist/esm/index.mjs');

  it('unreadable file, unreadable directory and read-only directory: io-errors, the rest written, exit 2', async (context) => {
    if (root && !setpriv) {
      console.log('skipped: setpriv not found');
      context.skip();
    }
    // locked/d.yaml is tracked; locked2/ is not (git only warns that it cannot open it).
    const dir = tree({ 'a.yaml': deployment('a'), 'b.yaml': deployment('b'), 'locked/d.yaml': deployment('d'), 'ro/e.yaml': deployment('e'), 'cfg/g.yaml': deployment('g') }, true);
    writeFileSync(join(dir, 'cfg/.mesh-injectrc'), 'mesh: istio\n');
    mkdirSync(join(dir, 'locked2'));
    writeFileSync(join(dir, 'locked2/f.yaml'), deployment('f'));
    mkdirSync(join(dir, 'home'));
    writeFileSync(join(dir, '.gitignore'), 'home/\n');
    if (root) execFileSync('chown', ['-R', 'nobody', dir]);
    execFileSync('chmod', ['000', join(dir, 'b.yaml'), join(dir, 'locked'), join(dir, 'locked2'), join(dir, 'cfg/.mesh-injectrc')]);
    execFileSync('chmod', ['555', join(dir, 'ro')]);
    cleanups.unshift(() => execFileSync('chmod', ['-R', 'u+rwx', dir]));
    const command = [process.execPath, '--import', tsx, entry, 'inject', '--format', 'json', '.'];
    const child = spawnSync(root ? 'setpriv' : command[0]!, root ? ['--reuid=nobody', '--regid=nogroup', '--clear-groups', '--', ...command] : command.slice(1), {
      cwd: dir, encoding: 'utf8', env: { ...process.env, HOME: join(dir, 'home'), TSX_TSCONFIG_PATH: join(__dirname, '../../../tsconfig.json') },
    });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(2);
    const out = { code: child.status!, stdout: child.stdout, stderr: child.stderr };
    expect(codesFor(out, 'b.yaml')).toEqual(['io-error']);
    expect(codesFor(out, 'locked/d.yaml')).toEqual(['io-error']);
    expect(codesFor(out, 'locked2')).toEqual(['io-error']);
    expect(codesFor(out, 'ro/e.yaml')).toEqual(['io-error']);
    expect(injected(dir, 'a.yaml')).toBe(true);
    expect(read(dir, 'ro/e.yaml')).toBe(deployment('e'));
    // An unreadable config is an error for what it governs (reported by config/load.ts).
    expect(read(dir, 'cfg/g.yaml')).toBe(deployment('g'));
    expect(results(out).some((r) => r.severity === 'error' && ['config-invalid', 'io-error'].includes(r.code) && !r.file?.path.endsWith('.yaml'))).toBe(true);
  });
});
