/**
 * Integration figures for `npm run bench`, run after bench/run.ts and printed the same way
 * (`name: value` lines, never asserted in tests):
 *
 * - `kustomize_meshinject_vs_builtin_patch_ratio`: `kubectl kustomize` of BENCH_KUSTOMIZE_DEPLOYMENTS
 *   (1,000) Deployments with the mesh-inject kustomize plugin, divided by the same build with a
 *   builtin strategic-merge `patches:` entry that adds an equivalent sidecar (mesh-inject's own
 *   injection of a sample Deployment, as a patch). Medians of BENCH_KUSTOMIZE_RUNS runs. Target ≤ 1.5.
 * - `container_fn_startup_ms`: one call of the function image (`docker run ... mesh-inject:dev`) on a
 *   one-item ResourceList, median of BENCH_CONTAINER_RUNS; with a Docker or Podman engine when one
 *   works, else through the unshare/chroot stand-in the end-to-end tests use. Builds the image first
 *   (`npm run image`, a no-op when it is up to date).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { defaultConfig, presetFor, transformText } from './library.js';
import { ensureFunctionImage, imageUnavailable, SHIM_DIR } from '../test/e2e/container-image.js';

const DEPLOYMENTS = Number(process.env.BENCH_KUSTOMIZE_DEPLOYMENTS ?? 1000);
const KUSTOMIZE_RUNS = Number(process.env.BENCH_KUSTOMIZE_RUNS ?? 3);
const CONTAINER_RUNS = Number(process.env.BENCH_CONTAINER_RUNS ?? 10);
const repo = new URL('..', import.meta.url).pathname;

function deployment(i: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: svc-${i}
  labels:
    app: svc-${i}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: svc-${i}
  template:
    metadata:
      labels:
        app: svc-${i}
    spec:
      containers:
      - name: app
        image: registry.example.com/svc-${i}:1.${i % 40}.0
        ports:
        - containerPort: 8080
        readinessProbe:
          httpGet:
            path: /ready
            port: 8080
`;
}

/** What mesh-inject adds to a sample Deployment, as a strategic-merge patch for every Deployment. */
function equivalentSidecarPatch(): string {
  const config = defaultConfig();
  const injected = parse(transformText(deployment(0), { mode: 'inject', config, preset: presetFor(config) }).text);
  const template = injected.spec.template;
  return stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'any' },
    spec: {
      template: {
        metadata: { labels: template.metadata.labels, annotations: template.metadata.annotations },
        spec: { initContainers: template.spec.initContainers, containers: template.spec.containers, volumes: template.spec.volumes },
      },
    },
  });
}

function injectedCount(stream: string): number {
  return parseAllDocuments(stream).filter((doc) => {
    const pod = doc.toJS()?.spec?.template?.spec;
    return [...(pod?.initContainers ?? []), ...(pod?.containers ?? [])].some((c: { name?: string }) => c.name === 'istio-proxy');
  }).length;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timed(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; input?: string } = {}): { ms: number; stdout: string } {
  const start = performance.now();
  const run = spawnSync(command, args, { env: options.env ?? process.env, input: options.input ?? '', encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = performance.now() - start;
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${run.status}): ${run.stderr}`);
  return { ms, stdout: run.stdout };
}

function print(name: string, value: number | string, digits = 2): void {
  console.log(`${name}: ${typeof value === 'number' ? value.toFixed(digits) : value}`);
}

function kustomizeBench(dir: string): void {
  if (spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status !== 0) {
    print('kustomize_meshinject_vs_builtin_patch_ratio', 'skipped (kubectl not found)');
    return;
  }
  const files: Record<string, string> = {
    'base/kustomization.yaml': 'resources:\n- deployments.yaml\n',
    'base/deployments.yaml': Array.from({ length: DEPLOYMENTS }, (_, i) => deployment(i)).join('---\n'),
    'plugin/kustomization.yaml': 'namespace: shop\nresources:\n- ../base\ntransformers:\n- mesh-inject.yaml\n',
    'plugin/mesh-inject.yaml': 'apiVersion: mesh-inject.dev/v1alpha1\nkind: MeshInject\nmetadata:\n  name: mesh-inject\nspec:\n  istio:\n    tag: 1.32.0\n',
    'patch/kustomization.yaml': 'namespace: shop\nresources:\n- ../base\npatches:\n- path: sidecar.yaml\n  target:\n    kind: Deployment\n',
    'patch/sidecar.yaml': equivalentSidecarPatch(),
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const env = { ...process.env, KUSTOMIZE_PLUGIN_HOME: join(repo, 'plugin/kustomize') };
  const build = (variant: string) => timed('kubectl', ['kustomize', '--enable-alpha-plugins', join(dir, variant)], { env });
  const plugin: number[] = [];
  const patch: number[] = [];
  for (let i = 0; i < KUSTOMIZE_RUNS; i++) {
    for (const [variant, samples] of [['plugin', plugin], ['patch', patch]] as const) {
      const { ms, stdout } = build(variant);
      // Both outputs must carry a sidecar in every Deployment, or the comparison means nothing.
      if (i === 0 && injectedCount(stdout) !== DEPLOYMENTS) throw new Error(`${variant}: ${injectedCount(stdout)} Deployments with istio-proxy, expected ${DEPLOYMENTS}`);
      samples.push(ms);
    }
  }
  print('kustomize_deployments', DEPLOYMENTS, 0);
  print('kustomize_meshinject_plugin_ms', median(plugin), 0);
  print('kustomize_builtin_patch_ms', median(patch), 0);
  print('kustomize_meshinject_vs_builtin_patch_ratio', median(plugin) / median(patch));
}

const ONE_ITEM_LIST = `apiVersion: config.kubernetes.io/v1
kind: ResourceList
items:
- ${deployment(1).trimEnd().replaceAll('\n', '\n  ')}
functionConfig:
  apiVersion: mesh-inject.dev/v1alpha1
  kind: MeshInject
  metadata:
    name: mesh-inject
  spec: {}
`;

function containerBench(): void {
  const engine = ['docker', 'podman'].find((e) => spawnSync(e, ['info'], { stdio: 'ignore', timeout: 20_000 }).status === 0);
  let env: NodeJS.ProcessEnv = process.env;
  const runtime = engine ?? 'unshare/chroot stand-in (test/e2e/fixtures/image-docker-shim)';
  if (!engine) {
    const reason = imageUnavailable();
    if (reason) {
      print('container_fn_startup_ms', `skipped (${reason})`);
      return;
    }
    const image = ensureFunctionImage();
    env = { ...process.env, PATH: `${SHIM_DIR}:${process.env.PATH}`, MESH_INJECT_SHIM_IMAGES: image.imagesDir };
  } else if (spawnSync('npm', ['run', '--silent', 'image', '--', '--engine', engine], { cwd: repo, stdio: 'ignore' }).status !== 0) {
    print('container_fn_startup_ms', `skipped (npm run image failed with ${engine})`);
    return;
  }
  const docker = engine ?? 'docker';
  const args = ['run', '--rm', '-i', '--network', 'none', '--user', 'nobody', '--security-opt=no-new-privileges', 'mesh-inject:dev'];
  const first = timed(docker, args, { env, input: ONE_ITEM_LIST });
  if (!first.stdout.includes('istio-proxy')) throw new Error('the function image did not inject the sample Deployment');
  const samples = Array.from({ length: CONTAINER_RUNS }, () => timed(docker, args, { env, input: ONE_ITEM_LIST }).ms);
  const direct = Array.from({ length: CONTAINER_RUNS }, () => timed(process.execPath, [join(repo, 'bin/mesh-inject.js'), 'fn'], { input: ONE_ITEM_LIST }).ms);
  print('container_fn_runtime', runtime);
  print('container_fn_startup_ms', median(samples), 0);
  print('host_fn_startup_ms', median(direct), 0);
}

process.env = { ...process.env };
const dir = mkdtempSync(join(tmpdir(), 'mesh-inject-bench-integrations-'));
try {
  kustomizeBench(dir);
  containerBench();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
