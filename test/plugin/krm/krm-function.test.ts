import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';

const KUSTOMIZE_LIST = `apiVersion: config.kubernetes.io/v1
kind: ResourceList
items:
- apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
    namespace: demo
    annotations:
      config.kubernetes.io/index: '0'
      internal.config.kubernetes.io/index: '0'
      internal.config.kubernetes.io/id: '1'
      config.k8s.io/id: '1'
      kustomize.config.k8s.io/id: |
        group: apps
        kind: Deployment
        name: web
        namespace: demo
        version: v1
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
        - name: web
          image: nginx:1.27
- apiVersion: v1
  kind: Service
  metadata:
    name: web
    namespace: demo
    annotations:
      config.kubernetes.io/index: '1'
      internal.config.kubernetes.io/id: '2'
  spec:
    ports:
    - port: 80
functionConfig:
  apiVersion: mesh-inject.dev/v1alpha1
  kind: MeshInject
  metadata:
    name: mesh-inject
    annotations:
      config.kubernetes.io/local-config: 'true'
  spec:
    istio:
      tag: 1.32.3
`;

async function fn(stdin: string, env: Record<string, string> = {}) {
  const run = await runCli(['fn'], { cwd: process.cwd(), stdin, env });
  return { ...run, list: parse(run.stdout, { version: '1.1' }) };
}

describe('mesh-inject fn (KRM function)', () => {
  it('injects workloads, keeps every item and orchestrator annotation, and uses functionConfig', async () => {
    const { code, list, stdout } = await fn(KUSTOMIZE_LIST);
    expect(code).toBe(0);
    expect(list.kind).toBe('ResourceList');
    expect(list.items).toHaveLength(2);
    const [deployment, service] = list.items;
    const input = parse(KUSTOMIZE_LIST);
    expect(deployment.metadata).toEqual(input.items[0].metadata);
    expect(service).toEqual(input.items[1]);
    const proxy = deployment.spec.template.spec.initContainers.find((c: { name: string }) => c.name === 'istio-proxy');
    expect(proxy.image).toBe('docker.io/istio/proxyv2:1.32.3');
    expect(proxy.env).toContainEqual({ name: 'ISTIO_META_OWNER', value: 'kubernetes://apis/apps/v1/namespaces/demo/deployments/web' });
    expect(stdout.startsWith(KUSTOMIZE_LIST.slice(0, KUSTOMIZE_LIST.indexOf('    template:')))).toBe(true);
  });

  it('is idempotent on its own output', async () => {
    const first = await fn(KUSTOMIZE_LIST);
    const second = await fn(first.stdout);
    expect(second.list.items).toEqual(first.list.items);
  });

  it('accepts kpt ConfigMap functionConfig with dotted keys', async () => {
    const list = KUSTOMIZE_LIST.replace(/functionConfig:[\s\S]*$/, `functionConfig:
  apiVersion: v1
  kind: ConfigMap
  metadata:
    name: function-input
  data:
    istio.tag: 1.30.9
    istio.nativeSidecars: "false"
`);
    const { code, list: out } = await fn(list);
    expect(code).toBe(0);
    const pod = out.items[0].spec.template.spec;
    expect(pod.containers.map((c: { name: string }) => c.name)).toEqual(['web', 'istio-proxy']);
    expect(pod.containers[1].image).toBe('docker.io/istio/proxyv2:1.30.9');
  });

  it('on an invalid annotation: unchanged items, an error result, a message on stderr, exit 1', async () => {
    const bad = KUSTOMIZE_LIST.replace('        labels:\n          app: web\n', '        labels:\n          app: web\n        annotations:\n          traffic.sidecar.istio.io/excludeInboundPorts: "*"\n');
    const { code, list, stderr } = await fn(bad);
    expect(code).toBe(1);
    expect(list.items).toEqual(parse(bad).items);
    expect(list.results).toEqual([
      expect.objectContaining({ severity: 'error', code: 'invalid-annotation', resourceRef: expect.objectContaining({ kind: 'Deployment', name: 'web', namespace: 'demo' }) }),
    ]);
    expect(stderr).toMatch(/excludeInboundPorts/);
  });

  it('on an invalid functionConfig: unchanged items and a config error', async () => {
    const bad = KUSTOMIZE_LIST.replace('tag: 1.32.3', 'tagg: 1.32.3');
    const { code, list, stderr } = await fn(bad);
    expect(code).toBe(1);
    expect(list.items).toEqual(parse(bad).items);
    expect(list.results[0]).toMatchObject({ severity: 'error', code: 'config-invalid' });
    expect(stderr).toMatch(/tagg/);
  });

  it('appends to results already in the list', async () => {
    const withResults = KUSTOMIZE_LIST + 'results:\n- message: from an earlier function\n  severity: info\n';
    const bad = withResults.replace('tag: 1.32.3', 'nativeSidecars: maybe');
    const { list } = await fn(bad);
    expect(list.results[0]).toEqual({ message: 'from an earlier function', severity: 'info' });
    expect(list.results[1]).toMatchObject({ severity: 'error', code: 'config-invalid' });
  });

  it('never prints an empty stream: a non-ResourceList input gets an error ResourceList and exit 1', async () => {
    const { code, list } = await fn('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n');
    expect(code).toBe(1);
    expect(list).toMatchObject({ kind: 'ResourceList', items: [], results: [{ severity: 'error' }] });
  });

  it('uninject mode removes the injection', async () => {
    const injected = await fn(KUSTOMIZE_LIST);
    const run = await runCli(['fn', '--uninject'], { cwd: process.cwd(), stdin: injected.stdout });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(KUSTOMIZE_LIST);
  });
});
