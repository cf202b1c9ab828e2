/**
 * The whole Linkerd cycle on the example repository (examples/gitops-repo-linkerd): inject →
 * check → upgrade by bumping `linkerd.version` → uninject gives back every byte, through the CLI,
 * `kpt fn eval --exec` and the kustomize exec plugin under `kubectl kustomize`.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { runCli } from '../helpers/run-cli.js';
import { KUSTOMIZE_PLUGIN_HOME, MESH_INJECT_BIN, REPO, missingTool, readTree, run, tempDir, writeTree } from './kustomize-tools.js';

type Obj = any; // parsed YAML, checked field by field

const EXAMPLE = join(REPO, 'examples/gitops-repo-linkerd');
const TRUST_ANCHORS = readFileSync(join(EXAMPLE, 'linkerd/ca.crt'), 'utf8');

function podSpec(object: Obj): Obj {
  return object.spec.template.spec;
}

function container(object: Obj, name: string): Obj {
  const pod = podSpec(object);
  return [...(pod.initContainers ?? []), ...pod.containers].find((c: Obj) => c.name === name);
}

function env(c: Obj, name: string): string | undefined {
  return c?.env?.find((e: Obj) => e.name === name)?.value;
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

describe('Linkerd cycle through the CLI on the example repository', () => {
  const tmp = tempDir('linkerd-cli');
  afterAll(tmp.cleanup);
  const repo = join(tmp.dir, 'repo');
  cpSync(EXAMPLE, repo, { recursive: true });
  const original = readTree(repo);
  const cli = (...args: string[]) => runCli(args, { cwd: repo });

  it('check fails before inject, inject adds only lines, re-running and check are no-ops', async () => {
    expect((await cli('inject', '--check', '.')).code).toBe(1);
    const injected = await cli('inject', '.');
    expect(injected.code, injected.stderr).toBe(0);
    const after = readTree(repo);
    expect(onlyAddedLines(original['apps/shop/deployment.yaml']!, after['apps/shop/deployment.yaml']!)).toBe(true);
    // A flow map the injection adds to (`labels: {app: ledger}`) becomes a block map; its comment stays.
    expect(after['apps/payments/statefulset.yaml']).toContain("# CockroachDB's SQL port is server-speaks-first");
    expect(after['apps/payments/statefulset.yaml']).not.toBe(original['apps/payments/statefulset.yaml']);
    // Not selected: a Service, and a Deployment whose Namespace is annotated linkerd.io/inject: disabled.
    expect(after['apps/shop/service.yaml']).toBe(original['apps/shop/service.yaml']);
    expect(after['legacy/deployment.yaml']).toBe(original['legacy/deployment.yaml']);
    expect((await cli('inject', '--check', '.')).code).toBe(0);
    expect((await cli('inject', '.')).code).toBe(0);
    expect(readTree(repo)).toEqual(after);
  });

  it('injects what Linkerd would: native proxy after linkerd-init, trust anchors, namespace and pod settings', () => {
    const storefront = parse(readFileSync(join(repo, 'apps/shop/deployment.yaml'), 'utf8'));
    const names = podSpec(storefront).initContainers.map((c: Obj) => c.name);
    expect(names).toEqual(['linkerd-init', 'linkerd-proxy']);
    const proxy = container(storefront, 'linkerd-proxy');
    expect(proxy.restartPolicy).toBe('Always');
    expect(proxy.image).toBe('cr.l5d.io/linkerd/proxy:edge-26.8.3');
    expect(env(proxy, 'LINKERD2_PROXY_IDENTITY_TRUST_ANCHORS')).toBe(TRUST_ANCHORS);
    expect(storefront.spec.template.metadata.labels['linkerd.io/proxy-deployment']).toBe('storefront');
    expect(storefront.spec.template.metadata.annotations['linkerd.io/trust-root-sha256']).toMatch(/^[0-9a-f]{64}$/);
    const ledger = parse(readFileSync(join(repo, 'apps/payments/statefulset.yaml'), 'utf8'));
    const ledgerProxy = container(ledger, 'linkerd-proxy');
    expect(ledgerProxy.resources.requests).toEqual({ cpu: '50m', memory: '32Mi' });
    expect(env(ledgerProxy, 'LINKERD2_PROXY_INBOUND_PORTS_DISABLE_PROTOCOL_DETECTION')).toContain('26257');
  });

  it('explains each decision with its reason code', async () => {
    const explained = await cli('explain', '--format', 'json', '.');
    expect(explained.code, explained.stderr).toBe(0);
    const text = explained.stdout;
    expect(text).toContain('skipped-namespace-label-disabled');
    expect(text).toContain('linkerd.io/inject');
  });

  it('upgrades every manifest when the config names another version', async () => {
    const rc = join(repo, '.mesh-injectrc.yaml');
    writeFileSync(rc, readFileSync(rc, 'utf8').replace('version: edge-26.8.3', 'version: edge-26.9.1'));
    expect((await cli('inject', '--check', '.')).code).toBe(1);
    expect((await cli('inject', '.')).code).toBe(0);
    const storefront = parse(readFileSync(join(repo, 'apps/shop/deployment.yaml'), 'utf8'));
    expect(container(storefront, 'linkerd-proxy').image).toBe('cr.l5d.io/linkerd/proxy:edge-26.9.1');
    expect(storefront.spec.template.metadata.annotations['linkerd.io/proxy-version']).toBe('edge-26.9.1');
  });

  it('uninject gives back every byte', async () => {
    const result = await cli('uninject', '.');
    expect(result.code, result.stderr).toBe(0);
    const now = readTree(repo);
    delete now['.mesh-injectrc.yaml'];
    const expected = { ...original };
    delete expected['.mesh-injectrc.yaml'];
    expect(now).toEqual(expected);
  });

  it('names the missing trust anchors instead of injecting a proxy that cannot start', async () => {
    const bare = tempDir('linkerd-bare');
    try {
      writeTree(bare.dir, { '.mesh-injectrc.yaml': 'mesh: linkerd\n', 'app.yaml': readFileSync(join(EXAMPLE, 'apps/shop/deployment.yaml'), 'utf8') });
      const before = readTree(bare.dir);
      const result = await runCli(['inject', '.'], { cwd: bare.dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/linkerd\.identityTrustAnchors/);
      expect(readTree(bare.dir)).toEqual(before);
    } finally {
      bare.cleanup();
    }
  });
});

const FUNCTION_CONFIG = `apiVersion: mesh-inject.dev/v1alpha1
kind: MeshInject
metadata:
  name: mesh-inject
spec:
  mesh: linkerd
  linkerd:
    identityTrustAnchorsPEM: |
${TRUST_ANCHORS.trimEnd().split('\n').map((l) => `      ${l}`).join('\n')}
`;

describe.skipIf(missingTool('kpt'))('Linkerd cycle under kpt fn eval --exec', () => {
  const tmp = tempDir('linkerd-kpt');
  afterAll(tmp.cleanup);

  it('injects, re-runs as a no-op, upgrades by config, and uninjects to the original bytes', () => {
    const pkg = join(tmp.dir, 'pkg');
    cpSync(join(EXAMPLE, 'apps/shop'), pkg, { recursive: true });
    cpSync(join(EXAMPLE, 'namespaces.yaml'), join(pkg, 'namespaces.yaml'));
    writeFileSync(join(tmp.dir, 'fn-config.yaml'), FUNCTION_CONFIG);
    const evalFn = (extra: string[] = []) => run('kpt', ['fn', 'eval', 'pkg', '--exec', `${MESH_INJECT_BIN} fn`, '--fn-config', 'fn-config.yaml', ...extra], { cwd: tmp.dir });
    const uninject = () => run('kpt', ['fn', 'eval', 'pkg', '--exec', `${MESH_INJECT_BIN} fn --uninject`, '--fn-config', 'fn-config.yaml'], { cwd: tmp.dir });
    // kpt's own round trip re-spaces comments: the baseline is the package after one pass through kpt.
    expect(uninject().code).toBe(0);
    const original = readTree(pkg);
    const first = evalFn();
    expect(first.code, first.stderr).toBe(0);
    const injected = readTree(pkg);
    expect(container(parse(injected['deployment.yaml']!), 'linkerd-proxy')).toBeDefined();
    expect(evalFn().code).toBe(0);
    expect(readTree(pkg)).toEqual(injected);
    writeFileSync(join(tmp.dir, 'fn-config.yaml'), FUNCTION_CONFIG.replace('  linkerd:\n', '  linkerd:\n    version: edge-26.9.1\n'));
    expect(evalFn().code).toBe(0);
    expect(container(parse(readTree(pkg)['deployment.yaml']!), 'linkerd-proxy').image).toBe('cr.l5d.io/linkerd/proxy:edge-26.9.1');
    const undone = uninject();
    expect(undone.code, undone.stderr).toBe(0);
    expect(readTree(pkg)).toEqual(original);
  });
});

describe.skipIf(missingTool('kubectl'))('Linkerd under kubectl kustomize with the exec plugin', () => {
  const tmp = tempDir('linkerd-kustomize');
  afterAll(tmp.cleanup);

  it('injects the base, builds the same bytes again, and re-injecting its output changes nothing', () => {
    writeTree(tmp.dir, {
      'base/kustomization.yaml': 'resources:\n- deployment.yaml\n- service.yaml\ntransformers:\n- mesh-inject.yaml\n',
      'base/deployment.yaml': readFileSync(join(EXAMPLE, 'apps/shop/deployment.yaml'), 'utf8'),
      'base/service.yaml': readFileSync(join(EXAMPLE, 'apps/shop/service.yaml'), 'utf8'),
      'base/mesh-inject.yaml': FUNCTION_CONFIG,
    });
    const build = (dir: string) => run('kubectl', ['kustomize', '--enable-alpha-plugins', dir], { cwd: tmp.dir, env: { KUSTOMIZE_PLUGIN_HOME } });
    const first = build('base');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const objects = parseAllDocuments(first.stdout).map((d) => d.toJS());
    const deployment = objects.find((o: Obj) => o.kind === 'Deployment');
    expect(container(deployment, 'linkerd-proxy').restartPolicy).toBe('Always');
    expect(container(deployment, 'linkerd-init')).toBeDefined();
    expect(build('base').stdout).toBe(first.stdout);
    writeTree(tmp.dir, {
      'again/kustomization.yaml': 'resources:\n- injected.yaml\ntransformers:\n- mesh-inject.yaml\n',
      'again/injected.yaml': first.stdout,
      'again/mesh-inject.yaml': FUNCTION_CONFIG,
    });
    expect(build('again').stdout).toBe(first.stdout);
  });
});
