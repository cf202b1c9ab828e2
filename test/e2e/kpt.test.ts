/**
 * mesh-inject under the real kpt (1.0.0-beta.56 here), with the package and commands of
 * docs/kpt.md: `kpt fn eval --exec` in place (comments kept by kpt's round trip, results shown,
 * re-run a no-op), `kpt fn render --allow-exec` with a Kptfile pipeline, the function image
 * through the `docker` stand-in (`--image` and a pipeline `image:`), and failures that change no file.
 */
import { mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SHIM_DIR, ensureFunctionImage, imageUnavailable, type FunctionImage } from './container-image.js';
import { DocSnippets } from './kustomize-doc-snippets.js';
import { MESH_INJECT_BIN, missingTool, readTree, run, tempDir, writeTree } from './kustomize-tools.js';

type Obj = any; // parsed YAML, checked field by field

function containerNames(object: Obj): string[] {
  const pod = object.spec.template.spec;
  return [...(pod.initContainers ?? []), ...pod.containers].map((c: Obj) => c.name);
}

/** Every line of `before` is still in `after`, in order: the edit only added lines. */
function onlyAddedLines(before: string, after: string): boolean {
  const lines = after.split('\n');
  let at = 0;
  for (const line of before.split('\n')) {
    at = lines.indexOf(line, at);
    if (at === -1) return false;
    at++;
  }
  return true;
}

const kptMissing = missingTool('kpt');

describe.skipIf(kptMissing)('mesh-inject under kpt', () => {
  const docs = new DocSnippets('docs/kpt.md');
  const tmp = tempDir('kpt');
  /** PATH with `mesh-inject` on it, as `npm install -g mesh-inject` gives. */
  const bin = join(tmp.dir, 'bin');
  const env = { PATH: `${bin}:${process.env.PATH}` };
  let evalResult: Record<string, string> = {};

  beforeAll(() => {
    mkdirSync(bin, { recursive: true });
    symlinkSync(MESH_INJECT_BIN, join(bin, 'mesh-inject'));
  });
  afterAll(tmp.cleanup);

  /** A fresh copy of the documented package (plus `extra` files) in its own directory. */
  function packageDir(name: string, extra: Record<string, string> = {}): string {
    const dir = join(tmp.dir, name);
    rmSync(dir, { recursive: true, force: true });
    writeTree(dir, { ...docs.files('kpt-package'), ...extra });
    return dir;
  }

  function sh(command: string, cwd: string, extraEnv: Record<string, string> = {}) {
    return run('bash', ['--norc', '-euo', 'pipefail', '-c', command], { cwd, env: { ...env, ...extraEnv } });
  }

  it('kpt fn eval --exec injects in place, keeps every comment, shows the results; a re-run changes nothing', () => {
    const dir = packageDir('eval');
    const before = readTree(join(dir, 'shop'));
    const command = docs.run('kpt-eval').text;
    const result = sh(command, dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout + result.stderr).toContain(docs.expected('kpt-eval'));
    const after = readTree(join(dir, 'shop'));
    expect(Object.keys(after)).toEqual(Object.keys(before));
    expect(after.Kptfile).toBe(before.Kptfile);
    expect(after['job.yaml']).toBe(before['job.yaml']);
    expect(onlyAddedLines(before['deployment.yaml']!, after['deployment.yaml']!)).toBe(true);
    for (const comment of ['# The storefront', '# public entry point', '# the HPA takes over', '# the application itself']) {
      expect(after['deployment.yaml']!.split(comment)).toHaveLength(2);
    }
    const deployment = parse(after['deployment.yaml']!);
    expect(containerNames(deployment)).toEqual(['istio-init', 'istio-proxy', 'web']);
    expect(deployment.spec.template.spec.initContainers[1].image).toBe('docker.io/istio/proxyv2:1.32.1');
    evalResult = after;

    const again = sh(command, dir);
    expect(again.code).toBe(0);
    expect(readTree(join(dir, 'shop'))).toEqual(after);
  });

  it('kpt fn eval --fn-config reads a MeshInject file and leaves it alone', () => {
    const dir = packageDir('eval-config', docs.files('kpt-eval-config'));
    const before = readTree(join(dir, 'shop'));
    const result = sh(docs.run('kpt-eval-config').text, dir);
    expect(result.code, result.stderr).toBe(0);
    const after = readTree(join(dir, 'shop'));
    expect(after['mesh-inject.yaml']).toBe(before['mesh-inject.yaml']);
    expect(after['deployment.yaml']).toBe(evalResult['deployment.yaml']);
  });

  it('kpt fn render --allow-exec runs the Kptfile pipeline; a re-render changes nothing', () => {
    const dir = packageDir('render-exec', { ...docs.files('kpt-eval-config'), ...docs.files('kpt-render-exec') });
    const before = readTree(join(dir, 'shop'));
    const command = docs.run('kpt-render-exec').text;
    expect(sh(command.replace(' --allow-exec', ''), dir).stderr).toMatch(/--allow-exec/);
    const result = sh(command, dir);
    expect(result.code, result.stderr).toBe(0);
    const after = readTree(join(dir, 'shop'));
    expect(after.Kptfile).toBe(before.Kptfile);
    expect(after['deployment.yaml']).toBe(evalResult['deployment.yaml']);
    expect(sh(command, dir).code).toBe(0);
    expect(readTree(join(dir, 'shop'))).toEqual(after);
  });

  it('fails with the documented error and changes no file on an invalid config', () => {
    const dir = packageDir('error');
    const before = readTree(join(dir, 'shop'));
    const result = sh('kpt fn eval shop --exec "mesh-inject fn" -- istio.tagg=1.32.1', dir);
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toContain(docs.expected('kpt-error'));
    expect(result.stdout + result.stderr).toContain('[FAIL]');
    expect(readTree(join(dir, 'shop'))).toEqual(before);
  });

  it('fails and changes no file when one workload cannot be injected', () => {
    const dir = packageDir('bad-workload', {
      // Port 15020 belongs to the sidecar: an error for this workload, so no file may change.
      'shop/api.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
        - name: api
          image: registry.example.com/api:2.0.0
          ports:
            - containerPort: 15020
`,
    });
    const before = readTree(join(dir, 'shop'));
    const result = sh('kpt fn eval shop --exec "mesh-inject fn"', dir);
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toMatch(/port 15020, which is reserved for the Istio sidecar/);
    expect(readTree(join(dir, 'shop'))).toEqual(before);
  });

  describe('with the function image', () => {
    const reason = imageUnavailable();
    if (reason) console.log(`skipped: ${reason}`);
    let image: FunctionImage;
    let shimLog = 0;

    function shimEnv() {
      const log = join(tmp.dir, `kpt-shim-${++shimLog}.log`);
      const calls = () => readFileSync(log, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Obj);
      return { env: { PATH: `${SHIM_DIR}:${env.PATH}`, MESH_INJECT_SHIM_IMAGES: image.imagesDir, MESH_INJECT_SHIM_LOG: log }, calls };
    }

    beforeAll(() => {
      if (!reason) image = ensureFunctionImage();
    }, 20 * 60_000);

    it.skipIf(reason)('kpt fn eval --image runs the image through docker, with the documented arguments', () => {
      const dir = packageDir('eval-image');
      const { env: shim, calls } = shimEnv();
      const result = sh(docs.run('kpt-eval-image').text, dir, shim);
      expect(result.code, result.stderr).toBe(0);
      const [version, call] = calls();
      expect(version.argv).toEqual(['version', '--format', '{{.Client.Version}}']);
      expect(`docker ${call.argv.join(' ')}`).toBe(docs.expected('kpt-eval-image'));
      expect(call.run).toMatchObject({ uid: '65534', command: ['node', '/app/mesh-inject.js', 'fn'], network: 'none' });
      expect(readTree(join(dir, 'shop'))['deployment.yaml']).toBe(evalResult['deployment.yaml']);
    });

    it.skipIf(reason)('kpt fn render runs a pipeline image: step', () => {
      const dir = packageDir('render-image', { ...docs.files('kpt-eval-config'), ...docs.files('kpt-render-image') });
      const { env: shim, calls } = shimEnv();
      const result = sh(docs.run('kpt-render-image').text, dir, shim);
      expect(result.code, result.stderr).toBe(0);
      expect(calls().map((c) => c.argv[0])).toEqual(['version', 'run']);
      expect(readTree(join(dir, 'shop'))['deployment.yaml']).toBe(evalResult['deployment.yaml']);
    });

    it.skipIf(reason)('a bare image name gets kpt\'s gcr.io/kpt-fn/ prefix, fails, and changes no file', () => {
      const dir = packageDir('bare-image');
      const before = readTree(join(dir, 'shop'));
      const { env: shim, calls } = shimEnv();
      const result = sh('kpt fn eval shop --image mesh-inject:dev -- istio.tag=1.32.1', dir, shim);
      expect(result.code).not.toBe(0);
      expect(calls().find((c) => c.argv[0] === 'run').argv.at(-1)).toBe('gcr.io/kpt-fn/mesh-inject:dev');
      expect(readTree(join(dir, 'shop'))).toEqual(before);
    });
  });

  it('exercises every snippet of docs/kpt.md', () => {
    const skippedGroups = imageUnavailable() ? /kpt-(eval|render)-image / : /$^/;
    expect(docs.unexercised().filter((s) => !skippedGroups.test(s))).toEqual([]);
    expect(docs.unmarked()).toEqual([]);
  });
});
