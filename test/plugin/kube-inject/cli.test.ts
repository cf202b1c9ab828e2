/**
 * `mesh-inject kube-inject` as a command: istioctl's flags, where the cluster inputs come from,
 * stdin/stdout and `-o`, warnings and errors. Inputs are Istio's conformance data, read in place
 * (the tests that read it skip without it).
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';
import { useTempTrees } from '../../helpers/temp-trees.js';
import { CORPUS_DIR, readCorpusFile } from '../../conformance/istio-corpus.js';
import { ISTIO_CORPUS } from '../../helpers/shared-data.js';

const SET = join(CORPUS_DIR, 'configs/default');
const INPUTS = ['--injectConfigFile', join(SET, 'config.yaml'), '--meshConfigFile', join(SET, 'mesh.yaml'), '--valuesFile', join(SET, 'values.json')];
const input = (name: string) => join(CORPUS_DIR, 'inject', name);
const withCorpus = it.skipIf(!ISTIO_CORPUS.found);

const tree = useTempTrees();

describe('mesh-inject kube-inject', () => {
  withCorpus('refuses a file that is not UTF-8 with its position, writing nothing (never U+FFFD)', async () => {
    const dir = tree();
    writeFileSync(join(dir, 'app.yaml'), Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: a, image: b}]}\n')]));
    const run = await runCli(['kube-inject', '-f', 'app.yaml', ...INPUTS], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('app.yaml:1:6');
  });

  // Golden equality (semantic and byte-exact) is test/conformance/istio.test.ts; here the command itself.
  withCorpus('prints the injected stream: Go-style for known kinds, other kinds as they are, --- after each', async () => {
    const service = readCorpusFile('inject/hello-service.yaml');
    const dir = tree({ 'app.yaml': `${service}---\n${readCorpusFile('inject/hello.yaml')}` });
    const run = await runCli(['kube-inject', '-f', 'app.yaml', ...INPUTS], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith(`${service}---\napiVersion: apps/v1\nkind: Deployment\n`)).toBe(true);
    expect(run.stdout).toContain('  strategy: {}\n');
    expect(run.stdout).toContain('        name: istio-proxy\n');
    expect(run.stdout.endsWith('status: {}\n---\n')).toBe(true);
  });

  withCorpus('ignores ProxyConfig CRs in the stream, as istioctl does (istio/istio#37801), and prints them as they are', async () => {
    const crs = ['istio-system', 'default'].map((ns) => `apiVersion: networking.istio.io/v1beta1\nkind: ProxyConfig\nmetadata:\n  name: pc\n  namespace: ${ns}\nspec:\n  concurrency: 3\n  image:\n    imageType: distroless\n---\n`).join('');
    const hello = readCorpusFile('inject/hello.yaml');
    const dir = tree({ 'with.yaml': `${crs}${hello}`, 'without.yaml': hello });
    const withCrs = await runCli(['kube-inject', '-f', 'with.yaml', ...INPUTS], { cwd: dir });
    const without = await runCli(['kube-inject', '-f', 'without.yaml', ...INPUTS], { cwd: dir });
    expect(withCrs.code).toBe(0);
    expect(withCrs.stdout).toBe(`${crs}${without.stdout}`);
  });

  withCorpus('reads a stream on stdin with -f -', async () => {
    const fromFile = await runCli(['kube-inject', '-f', input('hello.yaml'), ...INPUTS], { cwd: tree() });
    const fromStdin = await runCli(['kube-inject', '-f', '-', ...INPUTS], { cwd: tree(), stdin: readCorpusFile('inject/hello.yaml') });
    expect(fromStdin.code).toBe(0);
    expect(fromStdin.stdout).toBe(fromFile.stdout);
  });

  withCorpus('defaults to classic sidecars, as istioctl without a cluster does', async () => {
    const classic = await runCli(['kube-inject', '-f', input('hello.yaml'), ...INPUTS], { cwd: tree() });
    expect(classic.code).toBe(0);
    expect(classic.stdout).toContain('name: istio-proxy');
    expect(classic.stdout).not.toContain('restartPolicy: Always');
    const native = await runCli(['kube-inject', '-f', input('hello.yaml'), ...INPUTS, '--native-sidecars', 'true'], { cwd: tree() });
    expect(native.stdout).toContain('restartPolicy: Always');
    const env = await runCli(['kube-inject', '-f', input('hello.yaml'), ...INPUTS, '--env', 'ENABLE_NATIVE_SIDECARS=true'], { cwd: tree() });
    expect(env.stdout).toBe(native.stdout);
  });

  withCorpus('writes -o all at once, creating or replacing the file', async () => {
    const dir = tree({ 'out.yaml': 'old\n' });
    const run = await runCli(['kube-inject', '-f', input('hello.yaml'), ...INPUTS, '-o', 'out.yaml'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(readFileSync(join(dir, 'out.yaml'), 'utf8')).toContain('name: istio-proxy');
    const fresh = await runCli(['kube-inject', '-f', input('hello.yaml'), ...INPUTS, '-o', 'new.yaml'], { cwd: dir });
    expect(fresh.code).toBe(0);
    expect(readFileSync(join(dir, 'new.yaml'), 'utf8')).toBe(readFileSync(join(dir, 'out.yaml'), 'utf8'));
  });

  withCorpus('on an error prints Istio\'s message, writes nothing and exits non-zero', async () => {
    const dir = tree({ 'out.yaml': 'old\n' });
    const before = statSync(join(dir, 'out.yaml')).mtimeMs;
    const run = await runCli(['kube-inject', '-f', input('traffic-annotations-bad-excludeipranges.yaml'), ...INPUTS, '-o', 'out.yaml'], { cwd: dir });
    expect(run.code).not.toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^Error: failed to run injection template: invalid value '\*' for annotation 'traffic\.sidecar\.istio\.io\/excludeOutboundIPRanges'/);
    expect(readFileSync(join(dir, 'out.yaml'), 'utf8')).toBe('old\n');
    expect(statSync(join(dir, 'out.yaml')).mtimeMs).toBe(before);
  });

  withCorpus('prints istioctl\'s skip warnings on stderr after the stream', async () => {
    const run = await runCli(['kube-inject', '-f', input('hello-host-network-with-ns.yaml'), ...INPUTS], { cwd: tree() });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('\n===> Skipping injection because Deployment "sample/hello-host-network" has host networking enabled\n\n');
    // The skipped workload is still printed, without a proxy.
    expect(run.stdout).toContain('name: hello-host-network\n');
    expect(run.stdout).not.toContain('istio-proxy');
  });

  withCorpus('renders --revision, with "default" meaning the default revision', async () => {
    const canary = await runCli(['kube-inject', '-f', input('hello.yaml'), ...INPUTS, '--revision', 'canary'], { cwd: tree() });
    expect(canary.stdout).toContain('istio.io/rev: canary');
    const byName = await runCli(['kube-inject', '-f', input('hello.yaml'), ...INPUTS, '-r', 'default'], { cwd: tree() });
    const unset = await runCli(['kube-inject', '-f', input('hello.yaml'), ...INPUTS], { cwd: tree() });
    expect(byName.stdout).toBe(unset.stdout);
    expect(unset.stdout).toContain('istio.io/rev: default');
  });

  withCorpus('takes the cluster inputs from the nearest .mesh-injectrc when the flags are absent', async () => {
    const rc = `istio:\n  injector: ${join(SET, 'config.yaml')}\n  meshConfig: ${join(SET, 'mesh.yaml')}\n  values: ${join(SET, 'values.json')}\n`;
    const dir = tree({ 'apps/.mesh-injectrc.yaml': rc, 'apps/web.yaml': readCorpusFile('inject/hello.yaml') });
    const run = await runCli(['kube-inject', '-f', 'apps/web.yaml'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe((await runCli(['kube-inject', '-f', input('hello.yaml'), ...INPUTS], { cwd: dir })).stdout);
  });

  withCorpus('writes volumes the template leaves without a source as istioctl does; inject writes emptyDir: {}', async () => {
    const rc = `istio:\n  injector: ${join(SET, 'config.yaml')}\n  meshConfig: ${join(SET, 'mesh.yaml')}\n  values: ${join(SET, 'values.json')}\n`;
    const dir = tree({ '.mesh-injectrc.yaml': rc, 'web.yaml': readCorpusFile('inject/hello.yaml') });
    const kube = await runCli(['kube-inject', '-f', 'web.yaml'], { cwd: dir });
    expect(kube.code).toBe(0);
    expect(kube.stdout).toContain('      volumes:\n      - name: workload-socket\n      - name: credential-socket\n      - name: workload-certs\n      - emptyDir:\n');
    const inject = await runCli(['inject', 'web.yaml'], { cwd: dir });
    expect(inject.code).toBe(0);
    const deployment = parse(readFileSync(join(dir, 'web.yaml'), 'utf8')) as { spec: { template: { spec: { volumes: { name: string }[] } } } };
    const volumes = deployment.spec.template.spec.volumes;
    for (const name of ['workload-socket', 'credential-socket', 'workload-certs']) expect(volumes.find((v) => v.name === name)).toEqual({ name, emptyDir: {} });
  });

  const injector = ['--injectConfigFile', join(SET, 'config.yaml')];
  const mesh = ['--meshConfigFile', join(SET, 'mesh.yaml')];
  it.each([
    ['no -f', [], 'Error: filename not specified (see --filename or -f)'],
    ['a missing input file', ['-f', 'missing.yaml', ...INPUTS], 'Error: open '],
    ['no injector config', ['-f', input('hello.yaml')], 'pass --injectConfigFile FILE'],
    ['an --env entry without =', ['-f', input('hello.yaml'), ...INPUTS, '--env', 'COMPLIANCE_POLICY'], 'expected KEY=VALUE'],
    ['a bad ENABLE_NATIVE_SIDECARS', ['-f', input('hello.yaml'), ...INPUTS, '--env', 'ENABLE_NATIVE_SIDECARS=yes'], 'use true, false or auto'],
    ['contradicting native-sidecar settings', ['-f', input('hello.yaml'), ...INPUTS, '--env', 'ENABLE_NATIVE_SIDECARS=true', '--native-sidecars', 'false'], 'contradicts'],
  ])('refuses %s with the fix', async (_, args, message) => {
    const run = await runCli(['kube-inject', ...args], { cwd: tree() });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
  });

  // These read the injector config before they find the next input missing.
  withCorpus.each([
    ['no mesh config', ['-f', input('hello.yaml'), ...injector], 'pass --meshConfigFile FILE'],
    ['no values', ['-f', input('hello.yaml'), ...injector, ...mesh], 'pass --valuesFile FILE'],
  ])('refuses %s with the fix', async (_, args, message) => {
    const run = await runCli(['kube-inject', ...args], { cwd: tree() });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
  });

  withCorpus('never reads the cluster inputs from the environment', async () => {
    const run = await runCli(['kube-inject', '-f', input('hello.yaml'), ...INPUTS], { cwd: tree(), env: { ENABLE_NATIVE_SIDECARS: 'true' } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('name: istio-proxy');
    expect(run.stdout).not.toContain('restartPolicy: Always');
  });

  withCorpus('takes the ConfigMap manifests as kubectl prints them, values included', async () => {
    const configMap = (name: string, data: Record<string, string>) => stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'istio-system' }, data });
    const dir = tree({
      'injector.yaml': configMap('istio-sidecar-injector', { config: readCorpusFile('configs/default/config.yaml'), values: readCorpusFile('configs/default/values.json') }),
      'mesh.yaml': configMap('istio', { mesh: readCorpusFile('configs/default/mesh.yaml') }),
    });
    const run = await runCli(['kube-inject', '-f', input('hello.yaml'), '--injectConfigFile', 'injector.yaml', '--meshConfigFile', 'mesh.yaml'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe((await runCli(['kube-inject', '-f', input('hello.yaml'), ...INPUTS], { cwd: dir })).stdout);
  });

  withCorpus('accepts a raw sidecar template as --injectConfigFile, as istioctl does', async () => {
    const dir = tree();
    writeFileSync(join(dir, 'sidecar.tmpl'), 'spec:\n  containers:\n  - name: istio-proxy\n    image: {{ .ProxyImage }}\n    env:\n    - name: FROM_ENV\n      value: {{ env "FOO" "unset" }}\n');
    const args = ['kube-inject', '-f', input('hello.yaml'), '--injectConfigFile', 'sidecar.tmpl', '--meshConfigFile', join(SET, 'mesh.yaml'), '--valuesFile', join(SET, 'values.json'), '--env', 'FOO=bar'];
    const run = await runCli(args, { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('      - env:\n        - name: FROM_ENV\n          value: bar\n        image: registry.istio.io/testing/proxyv2:latest\n        name: istio-proxy\n');
    expect(run.stdout).not.toContain('istio-init');
  });
});
