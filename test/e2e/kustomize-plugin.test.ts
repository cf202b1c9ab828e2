/**
 * The kustomize exec plugin (plugin/kustomize/.../MeshInject) under the real `kubectl kustomize`
 * (kustomize v5.5.0 here), with the setup docs/kustomize.md shows; and the launcher's KRM mode
 * under a real orchestrator (kpt). In-process tests of the mode handling come first: they need
 * no tool.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { runCli } from '../helpers/run-cli.js';
import { DocSnippets } from './kustomize-doc-snippets.js';
import { KUSTOMIZE_PLUGIN_HOME, REPO, installMeshInject, missingTool, readTree, run, tempDir, writeTree } from './kustomize-tools.js';

const LAUNCHER = join(KUSTOMIZE_PLUGIN_HOME, 'mesh-inject.dev/v1alpha1/meshinject/MeshInject');
const CONFIG = 'apiVersion: mesh-inject.dev/v1alpha1\nkind: MeshInject\nmetadata:\n  name: mesh-inject\nspec:\n  istio:\n    tag: 1.32.1\n';
const STREAM = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - image: nginx:1.27
        name: web
`;

type Obj = any; // parsed YAML, checked field by field

function objects(stream: string): Obj[] {
  return parseAllDocuments(stream, { version: '1.1' }).map((d) => d.toJS());
}

function podSpec(object: Obj): Obj {
  return object.spec.template.spec;
}

function containerNames(object: Obj): string[] {
  const pod = podSpec(object);
  return [...(pod.initContainers ?? []), ...pod.containers].map((c: Obj) => c.name);
}

function proxyEnv(object: Obj, name: string): string | undefined {
  const pod = podSpec(object);
  const proxy = [...(pod.initContainers ?? []), ...pod.containers].find((c: Obj) => c.name === 'istio-proxy');
  return proxy?.env?.find((e: Obj) => e.name === name)?.value;
}

describe('mesh-inject plugin kustomize (in-process)', () => {
  const tmp = tempDir('kustomize-inproc');
  afterAll(tmp.cleanup);

  it('legacy mode: reads the config file named by argv[1] and prints the transformed stream', async () => {
    writeFileSync(join(tmp.dir, 'config.yaml'), CONFIG);
    const result = await runCli(['plugin', 'kustomize', join(tmp.dir, 'config.yaml')], { cwd: tmp.dir, stdin: STREAM, env: { KUSTOMIZE_PLUGIN_CONFIG_ROOT: tmp.dir } });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const [deployment] = objects(result.stdout);
    expect(containerNames(deployment)).toEqual(['istio-init', 'istio-proxy', 'web']);
    expect(proxyEnv(deployment, 'ISTIO_META_OWNER')).toBe('kubernetes://apis/apps/v1/namespaces/shop/deployments/web');
  });

  it('legacy mode: falls back to $KUSTOMIZE_PLUGIN_CONFIG_STRING', async () => {
    const result = await runCli(['plugin', 'kustomize'], { cwd: tmp.dir, stdin: STREAM, env: { KUSTOMIZE_PLUGIN_CONFIG_STRING: CONFIG } });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('docker.io/istio/proxyv2:1.32.1');
  });

  it('legacy mode without any config is a usage error with nothing on stdout', async () => {
    const result = await runCli(['plugin', 'kustomize'], { cwd: tmp.dir, stdin: STREAM, env: {} });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/no transformer config/);
  });

  it('KRM mode: a ResourceList on stdin is answered with the complete ResourceList', async () => {
    const list = `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- ${STREAM.trimEnd().replaceAll('\n', '\n  ')}\nfunctionConfig:\n  ${CONFIG.trimEnd().replaceAll('\n', '\n  ')}\n`;
    const result = await runCli(['plugin', 'kustomize'], { cwd: tmp.dir, stdin: list, env: {} });
    expect(result.code).toBe(0);
    const out = parse(result.stdout);
    expect(out.kind).toBe('ResourceList');
    expect(containerNames(out.items[0])).toEqual(['istio-init', 'istio-proxy', 'web']);
    const withArgument = await runCli(['plugin', 'kustomize', 'config.yaml'], { cwd: tmp.dir, stdin: list, env: {} });
    expect(withArgument.code).toBe(2);
    expect(withArgument.stdout).toBe('');
  });

  it('keeps {{ }} text and a Flux Kustomization in the stream from blocking injection', async () => {
    const stream = `${STREAM}        args: ["--format={{.Host}} {{ .Path }}"]
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: apps
spec:
  path: ./apps
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: alerts
data:
  summary: '{{ $labels.instance }} is down'
`;
    const result = await runCli(['plugin', 'kustomize'], { cwd: tmp.dir, stdin: stream, env: { KUSTOMIZE_PLUGIN_CONFIG_STRING: CONFIG } });
    expect(result.code).toBe(0);
    const [deployment, flux, configMap] = objects(result.stdout);
    expect(containerNames(deployment)).toContain('istio-proxy');
    expect(podSpec(deployment).containers.find((c: Obj) => c.name === 'web').args).toEqual(['--format={{.Host}} {{ .Path }}']);
    expect(flux).toEqual(objects(stream)[1]);
    expect(configMap.data.summary).toBe('{{ $labels.instance }} is down');
    expect(result.stdout.slice(result.stdout.indexOf('---'))).toBe(stream.slice(stream.indexOf('---')));
  });
});

const kubectlMissing = missingTool('kubectl');

describe.skipIf(kubectlMissing)('kustomize exec plugin under kubectl kustomize', () => {
  const docs = new DocSnippets('docs/kustomize.md');
  const tmp = tempDir('kustomize-plugin');
  let first = '';

  beforeAll(() => {
    writeTree(tmp.dir, docs.files('kustomize-overlay'));
    installMeshInject(tmp.dir);
  });
  afterAll(tmp.cleanup);

  function build(dir = tmp.dir) {
    return run('bash', ['--norc', '-euo', 'pipefail', '-c', docs.run('kustomize-overlay').text], { cwd: dir });
  }

  it('injects the documented overlay, with the overlay namespace in ISTIO_META_OWNER', () => {
    const result = build();
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    first = result.stdout;
    const [service, deployment] = objects(first);
    expect(service.kind).toBe('Service');
    expect(service.metadata).toEqual({ name: 'web', namespace: 'shop-prod' });
    expect(deployment.metadata.namespace).toBe('shop-prod');
    expect(containerNames(deployment)).toEqual(['istio-init', 'istio-proxy', 'web']);
    expect(proxyEnv(deployment, 'ISTIO_META_OWNER')).toBe('kubernetes://apis/apps/v1/namespaces/shop-prod/deployments/web');
    expect(proxyEnv(deployment, 'ISTIO_META_WORKLOAD_NAME')).toBe('web');
    const proxy = podSpec(deployment).initContainers.find((c: Obj) => c.name === 'istio-proxy');
    expect(proxy.image).toBe('docker.io/istio/proxyv2:1.32.1');
    expect(proxy.restartPolicy).toBe('Always');
    // Istio's probe rewrite, and the undo record, show the real preset ran.
    expect(podSpec(deployment).containers[0].readinessProbe.httpGet.path).toBe('/app-health/web/readyz');
    expect(deployment.spec.template.metadata.annotations['mesh-inject.dev/injected']).toMatch(/^\{"v":1,/);
    // kustomize matched the plugin's output back to its resources by its bookkeeping annotations,
    // which the plugin kept, and stripped them.
    expect(first).not.toMatch(/kustomize\.config\.k8s\.io|internal\.config\.kubernetes\.io/);
  });

  it('builds the same bytes again, and re-injecting injected output changes nothing', () => {
    expect(first).not.toBe('');
    expect(build().stdout).toBe(first);
    writeTree(tmp.dir, {
      'reinject/kustomization.yaml': 'resources:\n- injected.yaml\ntransformers:\n- mesh-inject.yaml\n',
      'reinject/injected.yaml': first,
    });
    copyFileSync(join(tmp.dir, 'overlays/prod/mesh-inject.yaml'), join(tmp.dir, 'reinject/mesh-inject.yaml'));
    const again = run('kubectl', ['kustomize', '--enable-alpha-plugins', 'reinject'], { cwd: tmp.dir, env: { KUSTOMIZE_PLUGIN_HOME } });
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(first);
  });

  it('fails the build on an invalid config: non-zero exit, the documented message, nothing on stdout', () => {
    const config = join(tmp.dir, 'overlays/prod/mesh-inject.yaml');
    const good = readFileSync(config, 'utf8');
    writeFileSync(config, good.replace('    tag: 1.32.1', '    tagg: 1.32.1'));
    try {
      const result = build();
      expect(result.code).not.toBe(0);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(docs.expected('kustomize-error'));
    } finally {
      writeFileSync(config, good);
    }
  });

  it('fails the build on an invalid workload, printing nothing', () => {
    writeTree(tmp.dir, {
      'broken/kustomization.yaml': 'namespace: shop-prod\nresources:\n- ../base\n- api.yaml\ntransformers:\n- ../overlays/prod/mesh-inject.yaml\n',
      // Port 15001 belongs to the sidecar: an error for this workload, and so for the whole build.
      'broken/api.yaml': STREAM.replaceAll('web', 'api') + '        ports:\n        - containerPort: 15001\n',
    });
    const result = run('kubectl', ['kustomize', '--enable-alpha-plugins', '--load-restrictor', 'LoadRestrictionsNone', 'broken'], { cwd: tmp.dir, env: { KUSTOMIZE_PLUGIN_HOME } });
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/\(reserved-port\)/);
  });

  it('exercises every snippet of its doc groups', () => {
    expect(docs.unexercised().filter((s) => /kustomize-(overlay|error) /.test(s))).toEqual([]);
  });
});

const kptMissing = missingTool('kpt');

describe.skipIf(kptMissing)('the kustomize plugin launcher as a KRM exec function (kpt)', () => {
  it('answers kpt fn eval --exec with the ResourceList protocol', () => {
    const tmp = tempDir('kustomize-launcher-kpt');
    try {
      writeTree(tmp.dir, {
        'pkg/Kptfile': 'apiVersion: kpt.dev/v1\nkind: Kptfile\nmetadata:\n  name: pkg\n  annotations:\n    config.kubernetes.io/local-config: "true"\n',
        'pkg/deployment.yaml': `# web tier
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web # the app
          image: nginx:1.27
`,
      });
      const before = readTree(join(tmp.dir, 'pkg'));
      const result = run('kpt', ['fn', 'eval', 'pkg', '--exec', LAUNCHER, '--', 'istio.tag=1.32.1'], { cwd: tmp.dir });
      expect(result.code, result.stderr).toBe(0);
      const after = readTree(join(tmp.dir, 'pkg'));
      expect(after.Kptfile).toBe(before.Kptfile);
      expect(after['deployment.yaml']).toContain('# web tier');
      expect(after['deployment.yaml']).toContain('- name: web # the app');
      expect(containerNames(parse(after['deployment.yaml']!))).toEqual(['istio-init', 'istio-proxy', 'web']);
    } finally {
      tmp.cleanup();
    }
  });
});
