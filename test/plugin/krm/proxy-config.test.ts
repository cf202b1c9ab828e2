/** ProxyConfig CRs among a ResourceList's items configure the workloads next to them. */
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';

const LIST = `apiVersion: config.kubernetes.io/v1
kind: ResourceList
items:
- apiVersion: networking.istio.io/v1beta1
  kind: ProxyConfig
  metadata:
    name: demo-wide
    namespace: demo
    annotations:
      config.kubernetes.io/path: mesh/proxyconfig.yaml
      config.kubernetes.io/index: '0'
  spec:
    concurrency: 4
    environmentVariables:
      TRACE: "on"
- apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
    namespace: demo
    annotations:
      config.kubernetes.io/path: apps/web.yaml
      config.kubernetes.io/index: '0'
  spec:
    template:
      metadata:
        labels:
          app: web
      spec:
        containers:
        - name: web
          image: nginx:1.27
functionConfig:
  apiVersion: mesh-inject.dev/v1alpha1
  kind: MeshInject
  metadata:
    name: mesh-inject
  spec:
    kubernetesVersion: "1.28"
`;

interface Item {
  kind: string;
  spec: { template: { spec: { containers: { name: string; env?: { name: string; value?: string }[] }[] } } };
}

async function fn(stdin: string) {
  const run = await runCli(['fn'], { cwd: process.cwd(), stdin });
  return { ...run, list: parse(run.stdout, { version: '1.1' }) as { items: Item[]; results?: unknown[] } };
}

describe('mesh-inject fn with ProxyConfig CRs', () => {
  it('applies a ProxyConfig item to the workload items of its namespace and keeps the CR as it is', async () => {
    const { code, list } = await fn(LIST);
    expect(code).toBe(0);
    expect(list.items[0]).toEqual(parse(LIST).items[0]);
    const proxy = list.items[1]!.spec.template.spec.containers.find((c) => c.name === 'istio-proxy')!;
    expect(proxy.env).toContainEqual({ name: 'PROXY_CONFIG', value: '{"concurrency":4,"proxyMetadata":{"TRACE":"on"}}\n' });
    expect(proxy.env).toContainEqual({ name: 'TRACE', value: 'on' });
  });

  it('an invalid ProxyConfig item: unchanged items, errors naming its file, exit 1', async () => {
    // YAML 1.1, as Kubernetes reads it: an unquoted `on` is true, not a string.
    const bad = LIST.replace('TRACE: "on"', 'TRACE: on');
    const { code, list } = await fn(bad);
    expect(code).toBe(1);
    expect(list.items).toEqual(parse(bad, { version: '1.1' }).items);
    expect(list.results).toEqual([
      expect.objectContaining({ severity: 'error', code: 'invalid-proxyconfig', resourceRef: expect.objectContaining({ kind: 'ProxyConfig', name: 'demo-wide' }), field: { path: 'spec.environmentVariables.TRACE' }, file: { path: 'mesh/proxyconfig.yaml', index: 0 } }),
      expect.objectContaining({ severity: 'error', code: 'invalid-proxyconfig', resourceRef: expect.objectContaining({ kind: 'Deployment', name: 'web' }), file: { path: 'apps/web.yaml', index: 0 } }),
    ]);
  });
});
