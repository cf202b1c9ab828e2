import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';
import { useTempTrees } from '../../helpers/temp-trees.js';
import { DEPLOYMENT, SERVICE } from '../../helpers/fixtures.js';

const tree = useTempTrees();

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

describe('mesh-inject inject (files)', () => {
  it('injects in place, keeps comments, and a second run changes nothing', async () => {
    const dir = tree({ 'k8s/web.yaml': DEPLOYMENT, 'k8s/svc.yaml': SERVICE });
    const first = await runCli(['inject', 'k8s'], { cwd: dir });
    expect(first.code).toBe(0);
    const injected = read(dir, 'k8s/web.yaml');
    expect(injected).toContain('name: istio-proxy');
    expect(injected).toContain('name: web   # keep this comment');
    expect(injected).toContain('mesh-inject.dev/injected:');
    expect(read(dir, 'k8s/svc.yaml')).toBe(SERVICE);
    expect(first.stderr).toMatch(/1 file\(s\) changed: 1 injected/);

    const mtime = statSync(join(dir, 'k8s/web.yaml')).mtimeMs;
    const second = await runCli(['inject', 'k8s'], { cwd: dir });
    expect(second.code).toBe(0);
    expect(read(dir, 'k8s/web.yaml')).toBe(injected);
    expect(statSync(join(dir, 'k8s/web.yaml')).mtimeMs).toBe(mtime);
    expect(second.stderr).toMatch(/0 file\(s\) changed: 0 injected, 0 re-injected, 1 up to date/);
  });

  it('uninject gives back the original bytes', async () => {
    const dir = tree({ 'web.yaml': DEPLOYMENT });
    await runCli(['inject', 'web.yaml'], { cwd: dir });
    const run = await runCli(['uninject', 'web.yaml'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(read(dir, 'web.yaml')).toBe(DEPLOYMENT);
  });

  it('--check lists files needing injection, exits 1, and writes nothing', async () => {
    const dir = tree({ 'web.yaml': DEPLOYMENT, 'svc.yaml': SERVICE });
    const run = await runCli(['inject', '--check', '.'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('web.yaml: needs injection\n');
    expect(read(dir, 'web.yaml')).toBe(DEPLOYMENT);
    await runCli(['inject', '.'], { cwd: dir });
    expect((await runCli(['inject', '--check', '.'], { cwd: dir })).code).toBe(0);
  });

  it('--diff prints a unified diff that only adds lines, and writes nothing', async () => {
    const dir = tree({ 'web.yaml': DEPLOYMENT });
    const run = await runCli(['inject', '--diff', 'web.yaml'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^--- a\/web.yaml\n\+\+\+ b\/web.yaml\n@@/);
    const removed = run.stdout.split('\n').filter((l) => l.startsWith('-') && !l.startsWith('---'));
    expect(removed).toEqual([]);
    expect(run.stdout).not.toMatch(/\x1b\[/);
    expect(read(dir, 'web.yaml')).toBe(DEPLOYMENT);
  });

  it('colours output only on a TTY and never with NO_COLOR', async () => {
    const dir = tree({ 'web.yaml': DEPLOYMENT });
    const tty = await runCli(['inject', '--diff', 'web.yaml'], { cwd: dir, tty: true });
    expect(tty.stdout).toMatch(/\x1b\[/);
    const noColor = await runCli(['inject', '--diff', 'web.yaml'], { cwd: dir, tty: true, env: { NO_COLOR: '1' } });
    expect(noColor.stdout).not.toMatch(/\x1b\[/);
  });

  it('reads a stream from stdin with `-` and writes the result to stdout', async () => {
    const dir = tree({});
    const run = await runCli(['inject', '-'], { cwd: dir, stdin: `${SERVICE}---\n${DEPLOYMENT}` });
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith(SERVICE + '---\n# web front end\n')).toBe(true);
    expect(run.stdout).toContain('name: istio-proxy');
  });

  it('refuses an empty stdin stream instead of printing nothing', async () => {
    const dir = tree({});
    const run = await runCli(['inject', '-'], { cwd: dir, stdin: '' });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/stdin is empty/);
  });

  it('a bad file fails the run with file:line:col and stays unchanged, good files are still injected', async () => {
    const bad = DEPLOYMENT.replace('app: web\n    spec:', 'app: web\n        app: again\n    spec:');
    const dir = tree({ 'good.yaml': DEPLOYMENT, 'bad.yaml': bad });
    const run = await runCli(['inject', '.'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^bad\.yaml:14:9: \[error\] .*\(yaml-duplicate-key\)$/m);
    expect(read(dir, 'bad.yaml')).toBe(bad);
    expect(read(dir, 'good.yaml')).toContain('istio-proxy');
  });

  it('keeps the file mode when it rewrites a file', async () => {
    const dir = tree({ 'web.yaml': DEPLOYMENT });
    chmodSync(join(dir, 'web.yaml'), 0o640);
    await runCli(['inject', 'web.yaml'], { cwd: dir });
    expect(statSync(join(dir, 'web.yaml')).mode & 0o777).toBe(0o640);
  });

  it('--format json prints files, workloads and results as data', async () => {
    const dir = tree({ 'web.yaml': DEPLOYMENT });
    const run = await runCli(['inject', '--format', 'json', '--check', 'web.yaml'], { cwd: dir });
    const data = JSON.parse(run.stdout);
    expect(data.files).toEqual([{ path: 'web.yaml', changed: true, workloads: [expect.objectContaining({ action: 'injected', code: 'injected' })] }]);
    expect(run.code).toBe(1);
  });

  it('explain prints one row per workload with its reason code', async () => {
    const optOut = DEPLOYMENT.replace('app: web\n    spec:', 'app: web\n        sidecar.istio.io/inject: "false"\n    spec:').replace('name: web   #', 'name: batch   #');
    const dir = tree({ 'a.yaml': DEPLOYMENT, 'b.yaml': optOut });
    const run = await runCli(['explain', '.'], { cwd: dir });
    expect(run.code).toBe(0);
    const rows = run.stdout.trim().split('\n');
    expect(rows[0]).toMatch(/^FILE\s+WORKLOAD\s+DECISION\s+CODE\s+REASON$/);
    expect(rows[1]).toMatch(/^a\.yaml:2\s+Deployment\/default\/web\s+injected\s+injected\s/);
    expect(rows[2]).toMatch(/^b\.yaml:2\s+Deployment\/default\/batch\s+skipped\s+skipped-pod-opt-out\s/);
    expect(read(dir, 'a.yaml')).toBe(DEPLOYMENT);
  });

  it('uses the config nearest to each file', async () => {
    const dir = tree({ 'a/web.yaml': DEPLOYMENT, 'b/web.yaml': DEPLOYMENT, 'b/.mesh-injectrc.yaml': 'mesh: none\n' });
    const run = await runCli(['inject', '.'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(read(dir, 'a/web.yaml')).toContain('istio-proxy');
    expect(read(dir, 'b/web.yaml')).toBe(DEPLOYMENT);
  });

  it('a config error names the config file, line and column, exits 2 and changes nothing', async () => {
    const dir = tree({ 'web.yaml': DEPLOYMENT, '.mesh-injectrc.yaml': 'mesh: istio\nistio:\n  nativeSidecars: sometimes\n' });
    const run = await runCli(['inject', '.'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/\.mesh-injectrc\.yaml:3:\d+: \[error\].*nativeSidecars/);
    expect(read(dir, 'web.yaml')).toBe(DEPLOYMENT);
  });

  it('--config applies one file to every input', async () => {
    const dir = tree({ 'web.yaml': DEPLOYMENT, 'conf/custom.yaml': 'istio:\n  tag: 1.31.2\n' });
    await runCli(['inject', '--config', 'conf/custom.yaml', 'web.yaml'], { cwd: dir });
    expect(read(dir, 'web.yaml')).toContain('docker.io/istio/proxyv2:1.31.2');
  });

  it('bumping the proxy tag in the config re-injects with no stale fields', async () => {
    const dir = tree({ 'web.yaml': DEPLOYMENT, '.mesh-injectrc.yaml': 'istio:\n  tag: 1.31.2\n' });
    await runCli(['inject', '.'], { cwd: dir });
    const old = read(dir, 'web.yaml');
    writeFileSync(join(dir, '.mesh-injectrc.yaml'), 'istio:\n  tag: 1.32.1\n');
    const run = await runCli(['inject', '.'], { cwd: dir });
    expect(run.stderr).toMatch(/1 re-injected/);
    const upgraded = read(dir, 'web.yaml');
    expect(upgraded).not.toContain('1.31.2');
    // The record's digests cover the document and what was injected, so they differ too.
    const withoutDigest = (text: string) => text.replace(/"d":"[0-9a-f]{16}",/, '').replace(/"o":"[0-9a-f]+",/, '');
    expect(withoutDigest(upgraded)).toBe(withoutDigest(old.replaceAll('1.31.2', '1.32.1')));
    expect(upgraded).not.toBe(old.replaceAll('1.31.2', '1.32.1'));
  });

  it('without paths, takes the YAML files git tracks or would track, honouring .gitignore', async () => {
    const dir = tree({ 'web.yaml': DEPLOYMENT, 'build/out.yaml': DEPLOYMENT, '.gitignore': 'build/\n' });
    execFileSync('git', ['init', '-q'], { cwd: dir });
    const run = await runCli(['inject'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(read(dir, 'web.yaml')).toContain('istio-proxy');
    expect(read(dir, 'build/out.yaml')).toBe(DEPLOYMENT);
  });

  it('reports usage errors with exit 2', async () => {
    const dir = tree({});
    expect((await runCli(['inject', 'missing.yaml'], { cwd: dir })).code).toBe(2);
    expect((await runCli(['frobnicate'], { cwd: dir })).code).toBe(2);
    expect((await runCli(['inject', '--format', 'xml'], { cwd: dir })).code).toBe(2);
  });
});

describe('progress line', () => {
  it('shows a counter on a terminal once a run takes over a second, then clears it', async () => {
    const files = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`app-${i}.yaml`, DEPLOYMENT.replace('name: web   #', `name: web-${i}   #`)]));
    const dir = tree(files);
    let clock = 0;
    let stderr = '';
    const { main } = await import('../../../plugin/cli/main.js');
    const code = await main(['inject', '.'], {
      cwd: dir, env: {}, readStdin: async () => '', stdout: () => undefined, stderr: (t) => { stderr += t; },
      stdoutIsTTY: true, stderrIsTTY: true, now: () => (clock += 400),
    });
    expect(code).toBe(0);
    expect(stderr).toMatch(/\rmesh-inject: \d\/5 files/);
    expect(stderr).toContain('\r\x1b[2K');
  });

  it('stays silent when stderr is not a terminal', async () => {
    const dir = tree({ 'a.yaml': DEPLOYMENT });
    let clock = 0;
    let stderr = '';
    const { main } = await import('../../../plugin/cli/main.js');
    const code = await main(['inject', '.'], {
      cwd: dir, env: {}, readStdin: async () => '', stdout: () => undefined, stderr: (t) => { stderr += t; },
      stdoutIsTTY: false, stderrIsTTY: false, now: () => (clock += 5000),
    });
    expect(code).toBe(0);
    expect(read(dir, 'a.yaml')).toContain('name: istio-proxy');
    expect(stderr).not.toContain('\r');
  });
});
