/**
 * `mesh-inject argocd generate` never hands Argo CD a broken or wrong stream: what kustomize prints
 * must be UTF-8 and parse, an app that renders no object (an empty List included) is refused like
 * any empty render, and what is printed is written once, after it was parsed back.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { CONFIG_MAP, DEPLOYMENT, KUSTOMIZATION, sandbox, type PluginRun, type Sandbox } from './cmp-sandbox.js';

let box: Sandbox;
beforeEach(() => {
  box = sandbox();
  box.write('app/kustomization.yaml', KUSTOMIZATION);
});
afterEach(() => box.cleanup());

function expectRefused(run: PluginRun, code?: string): void {
  expect(run.stdoutWrites).toEqual([]);
  expect(run.code).toBe(2);
  if (code) expect(run.stderr).toContain(`(${code})`);
}

/** An empty render is refused, and the same app passes (printing nothing) with allow-empty=true. */
async function expectEmptyGuard(appPath: string): Promise<void> {
  expectRefused(await box.generate(appPath));
  const allowed = await box.generate(appPath, { ARGOCD_APP_PARAMETERS: '[{"name":"allow-empty","string":"true"}]', PARAM_ALLOW_EMPTY: 'true' });
  expect(allowed).toMatchObject({ code: 0, stdoutWrites: [] });
}

describe('kustomize output', () => {
  it('is injected and printed once when it is a valid stream', async () => {
    box.kustomizePrints(`${CONFIG_MAP}---\n${DEPLOYMENT}`);
    const run = await box.generate('app');
    expect(run.code).toBe(0);
    expect(run.stdoutWrites).toHaveLength(1);
    const objects = parseAllDocuments(run.stdout).map((d) => d.toJS() as { kind: string });
    expect(objects.map((o) => o.kind)).toEqual(['ConfigMap', 'Deployment']);
    expect(run.stdout).toContain('istio-proxy');
  });

  it('that is not valid YAML is refused with its line:col in the rendered stream', async () => {
    // A Service is not a workload: before, only workloads were parsed and this went out as it was.
    box.kustomizePrints(`${DEPLOYMENT}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: "web\nspec: {}\n`);
    const run = await box.generate('app');
    expectRefused(run, 'yaml-syntax');
    const streamLine = DEPLOYMENT.split('\n').length + 4;
    expect(run.stderr).toMatch(new RegExp(`kustomize build \\. \\(app\\):${streamLine}:\\d+: \\[error\\]`));
  });

  it('names the source of a broken document when kustomize recorded its origin', async () => {
    const broken = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  annotations:\n    config.kubernetes.io/origin: |\n      path: ../base/service.yaml\nspec:\n  ports: [80\n';
    box.kustomizePrints(broken);
    const run = await box.generate('app');
    expectRefused(run, 'yaml-syntax');
    expect(run.stderr).toContain('../base/service.yaml');
    expect(run.stderr).toContain('Service/web');
  });

  it('with a duplicate key in a non-workload document is refused', async () => {
    box.kustomizePrints(`${CONFIG_MAP}data:\n  other: x\n`);
    expectRefused(await box.generate('app'), 'yaml-duplicate-key');
  });

  it('that is not UTF-8 is refused with the byte offset, never replaced by U+FFFD', async () => {
    const head = Buffer.from(`${DEPLOYMENT}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: caf`);
    box.kustomizePrints(Buffer.concat([head, Buffer.from([0xe9]), Buffer.from('\n')]));
    const run = await box.generate('app');
    expectRefused(run, 'invalid-encoding');
    expect(run.stderr).toContain(`byte offset ${head.length}`);
    expect(run.stderr).not.toContain('\uFFFD');
  });

  it('with a NUL byte is refused', async () => {
    box.kustomizePrints(Buffer.concat([Buffer.from(CONFIG_MAP), Buffer.from([0]), Buffer.from('\n')]));
    expectRefused(await box.generate('app'), 'invalid-encoding');
  });

  it('with a document that is not a Kubernetes object is refused (Argo CD cannot apply it)', async () => {
    box.kustomizePrints(`${CONFIG_MAP}---\nreplicas: 3\n`);
    expectRefused(await box.generate('app'), 'yaml-unsupported');
  });

  it('with YAML directives is refused (they cannot be joined into one stream)', async () => {
    box.kustomizePrints(`%YAML 1.1\n---\n${CONFIG_MAP}`);
    expectRefused(await box.generate('app'), 'yaml-unsupported');
  });
});

describe('an app that renders no object', () => {
  it('kustomize printing a List without items counts as empty', async () => {
    box.kustomizePrints('apiVersion: v1\nkind: List\nitems: []\n');
    await expectEmptyGuard('app');
  });

  it('a List with items: null, or no items at all, counts as empty', async () => {
    box.kustomizePrints('apiVersion: v1\nkind: ConfigMapList\nitems: null\n---\napiVersion: v1\nkind: List\n');
    await expectEmptyGuard('app');
  });

  it('a stream of only empty documents, comments and nulls counts as empty', async () => {
    box.kustomizePrints('---\n# kind: Deployment\n---\nnull\n---\n~\n---\n');
    await expectEmptyGuard('app');
  });

  it('a directory app whose only manifest is an empty List counts as empty', async () => {
    box.write('plain/list.yaml', 'apiVersion: v1\nkind: List\nitems: []\n');
    await expectEmptyGuard('plain');
  });

  it('a List with items counts its items and is injected', async () => {
    const item = DEPLOYMENT.replace(/^/gm, '    ').replace(/^ {4}apiVersion/, '  - apiVersion');
    box.write('plain/list.yaml', `apiVersion: v1\nkind: List\nitems:\n${item}`);
    const run = await box.generate('plain');
    expect(run.code).toBe(0);
    expect(run.stdoutWrites).toHaveLength(1);
    expect(run.stdout).toContain('istio-proxy');
  });
});

describe('directory app manifests', () => {
  it('a file that is not UTF-8 is refused, naming the file and the byte offset', async () => {
    box.write('plain/deployment.yaml', DEPLOYMENT);
    const head = Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: caf');
    box.write('plain/configmap.yaml', Buffer.concat([head, Buffer.from([0xff]), Buffer.from('\n')]));
    const run = await box.generate('plain');
    expectRefused(run, 'invalid-encoding');
    expect(run.stderr).toMatch(/plain\/configmap\.yaml:6:\d+: \[error\]/);
    expect(run.stderr).toContain(`byte offset ${head.length}`);
  });

  it('a file mixing an object with a document that is not one is refused', async () => {
    box.write('plain/mixed.yaml', `${CONFIG_MAP}---\nreplicas: 3\n`);
    expectRefused(await box.generate('plain'), 'yaml-unsupported');
  });

  it('files without any object are still left out (values files, CI config)', async () => {
    box.write('plain/deployment.yaml', DEPLOYMENT);
    box.write('plain/values.yaml', 'replicas: 3\n');
    const run = await box.generate('plain');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('kind: Deployment');
    expect(run.stdout).not.toContain('replicas: 3');
  });
});
