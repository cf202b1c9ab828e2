import { describe, expect, it } from 'vitest';
import type { WorkloadInfo } from '../../../../transformer/mesh/types.js';
import { container, envValue, inject, podOf } from './fixtures.js';

const names = (env: { name: string }[] | undefined) => (env ?? []).map((e) => e.name);

describe('istio-proxy env', () => {
  it('identifies the workload and the mesh', () => {
    const proxy = container(inject(podOf()), 'istio-proxy');
    expect(envValue(proxy, 'ISTIO_META_OWNER')).toBe('kubernetes://apis/apps/v1/namespaces/shop/deployments/web');
    expect(envValue(proxy, 'ISTIO_META_WORKLOAD_NAME')).toBe('web');
    expect(envValue(proxy, 'ISTIO_META_CLUSTER_ID')).toBe('Kubernetes');
    expect(envValue(proxy, 'ISTIO_META_MESH_ID')).toBe('cluster.local');
    expect(envValue(proxy, 'TRUST_DOMAIN')).toBe('cluster.local');
    expect(envValue(proxy, 'CA_ADDR')).toBe('istiod.istio-system.svc:15012');
    expect(envValue(proxy, 'ISTIO_META_APP_CONTAINERS')).toBe('app');
    expect(envValue(proxy, 'PROXY_CONFIG')).toBe('{}\n');
  });

  it('lists every container port, one JSON object per line', () => {
    const pod = podOf({
      containers: [
        { name: 'a', image: 'a', ports: [{ name: 'http', containerPort: 80 }, { containerPort: 81, protocol: 'UDP' }] },
        { name: 'b', image: 'b', ports: [{ containerPort: 90 }] },
      ],
    });
    const proxy = container(inject(pod), 'istio-proxy');
    expect(envValue(proxy, 'ISTIO_META_POD_PORTS')).toBe(
      '[\n    {"name":"http","containerPort":80}\n    ,{"containerPort":81,"protocol":"UDP"}\n    ,{"containerPort":90}\n]',
    );
    expect(envValue(proxy, 'ISTIO_META_APP_CONTAINERS')).toBe('a,b');
  });

  it('uses the revision in CA_ADDR and istio.io/rev', () => {
    const pod = inject(podOf(), { istio: { revision: 'canary', istioNamespace: 'mesh' } });
    expect(envValue(container(pod, 'istio-proxy'), 'CA_ADDR')).toBe('istiod-canary.mesh.svc:15012');
    expect(pod.metadata.annotations!['istio.io/rev']).toBe('canary');
  });

  it('prefers the workload-name label and the configured mesh id', () => {
    const pod = inject(podOf({ labels: { 'service.istio.io/workload-name': 'named' } }), { istio: { meshId: 'mesh-a', trustDomain: 'td' } });
    const proxy = container(pod, 'istio-proxy');
    expect(envValue(proxy, 'ISTIO_META_WORKLOAD_NAME')).toBe('named');
    expect(envValue(proxy, 'ISTIO_META_MESH_ID')).toBe('mesh-a');
    expect(envValue(proxy, 'TRUST_DOMAIN')).toBe('td');
  });

  it('moves a configured cluster name and network to the end and labels the network', () => {
    const pod = inject(podOf(), { istio: { clusterName: 'east', network: 'net1' } });
    const env = names(container(pod, 'istio-proxy').env);
    expect(env.slice(-2)).toEqual(['ISTIO_META_CLUSTER_ID', 'ISTIO_META_NETWORK']);
    expect(envValue(container(pod, 'istio-proxy'), 'ISTIO_META_CLUSTER_ID')).toBe('east');
    expect(pod.metadata.labels!['topology.istio.io/network']).toBe('net1');
  });

  it('lets the pod network label win over the configured network', () => {
    const pod = inject(podOf({ labels: { 'topology.istio.io/network': 'mine' } }), { istio: { network: 'net1' } });
    expect(envValue(container(pod, 'istio-proxy'), 'ISTIO_META_NETWORK')).toBe('mine');
    expect(pod.metadata.labels!['topology.istio.io/network']).toBe('mine');
  });

  it('names a bare Pod after its controller', () => {
    const workload: WorkloadInfo = { apiVersion: 'v1', kind: 'Pod', name: 'web-7d4-abcde', namespace: 'shop', labels: {} };
    const pod = podOf({ labels: { 'pod-template-hash': '7d4' } });
    pod.metadata.generateName = 'web-7d4-';
    pod.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d4', uid: 'u', controller: true }];
    const proxy = container(inject(pod, {}, workload), 'istio-proxy');
    expect(envValue(proxy, 'ISTIO_META_OWNER')).toBe('kubernetes://apis/apps/v1/namespaces/shop/deployments/web');
  });

  it('appends the ProxyConfig proxyMetadata after the fixed variables', () => {
    const pod = inject(podOf({ annotations: { 'proxy.istio.io/config': 'proxyMetadata: {FOO: bar}' } }));
    const env = names(container(pod, 'istio-proxy').env);
    expect(env.indexOf('FOO')).toBe(env.indexOf('TRUST_DOMAIN') + 1);
  });

  it('mounts a custom bootstrap from sidecar.istio.io/bootstrapOverride', () => {
    const pod = inject(podOf({ annotations: { 'sidecar.istio.io/bootstrapOverride': 'my-bootstrap' } }));
    const proxy = container(pod, 'istio-proxy');
    expect(envValue(proxy, 'ISTIO_BOOTSTRAP_OVERRIDE')).toBe('/etc/istio/custom-bootstrap/custom_bootstrap.json');
    expect(pod.spec.volumes).toContainEqual({ name: 'custom-bootstrap-volume', configMap: { name: 'my-bootstrap' } });
  });
});
