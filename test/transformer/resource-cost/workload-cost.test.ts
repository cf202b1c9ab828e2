import { describe, expect, it } from 'vitest';
import { costInputsFromText } from '../../../transformer/resource-cost/cost-inputs.js';
import { collectHpaTargets } from '../../../transformer/resource-cost/hpa-targets.js';
import { workloadResources, workloadScale } from '../../../transformer/resource-cost/pod-resources.js';
import { hpaFor, replicasOf, workloadCost } from '../../../transformer/resource-cost/workload-cost.js';
import { costTotals } from '../../../transformer/resource-cost/cost-totals.js';

const app = { name: 'app', resources: { requests: { cpu: '500m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } } };
const proxy = { name: 'istio-proxy', resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '2', memory: '1Gi' } } };
const init = { name: 'istio-init', resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '2', memory: '1Gi' } } };
const template = (containers: unknown[], initContainers: unknown[] = []) => ({ spec: { containers, ...(initContainers.length ? { initContainers } : {}) } });
const deployment = (spec: Record<string, unknown> = {}) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec });
const ref = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'shop' };

describe('workloadScale and replicas', () => {
  it.each([
    [{ kind: 'Deployment', spec: { replicas: 3 } }, 3],
    [{ kind: 'Deployment', spec: {} }, 1],
    [{ kind: 'StatefulSet', spec: { replicas: 0 } }, 0],
    [{ kind: 'ReplicaSet', spec: { replicas: 4 } }, 4],
    [{ kind: 'ReplicationController', spec: { replicas: 2 } }, 2],
    [{ kind: 'Job', spec: { parallelism: 5, replicas: 9 } }, 5],
    [{ kind: 'Job', spec: {} }, 1],
    [{ kind: 'CronJob', spec: { jobTemplate: { spec: { parallelism: 3 } } } }, 3],
    [{ kind: 'CronJob', spec: { jobTemplate: { spec: {} } } }, 1],
    [{ kind: 'Pod', spec: { replicas: 7 } }, 1],
    [{ kind: 'Deployment', spec: { replicas: '${REPLICAS}' } }, 1],
  ])('%j runs %i pod(s)', (object, count) => {
    expect(replicasOf(workloadScale(object), undefined).count).toBe(count);
  });

  it('flags a DaemonSet as per node', () => {
    expect(replicasOf(workloadScale({ kind: 'DaemonSet', spec: {} }), undefined)).toEqual({ count: 1, perNode: true });
  });

  it('flags a workload an HPA of the same namespace targets, with its bounds', () => {
    const hpas = collectHpaTargets([
      { kind: 'HorizontalPodAutoscaler', metadata: { name: 'other-ns', namespace: 'prod' }, spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' } } },
      { kind: 'HorizontalPodAutoscaler', metadata: { name: 'other-kind', namespace: 'shop' }, spec: { scaleTargetRef: { kind: 'StatefulSet', name: 'web' } } },
      { kind: 'List', items: [{ kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'shop' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 10 } }] },
    ]);
    const hpa = hpaFor(ref, hpas, 'default');
    expect(hpa?.name).toBe('web');
    expect(replicasOf(workloadScale(deployment({ replicas: 3 })), hpa)).toEqual({ count: 3, scales: { hpa: 'web', minReplicas: 2, maxReplicas: 10 } });
    expect(hpaFor({ ...ref, namespace: 'elsewhere' }, hpas, 'default')).toBeUndefined();
  });

  it('matches an HPA without a namespace in the default namespace', () => {
    const { hpas } = costInputsFromText('apiVersion: v1\nkind: ConfigMap\n---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\nspec:\n  scaleTargetRef:\n    kind: Deployment\n    name: web\n  maxReplicas: 4\n');
    expect(hpas).toEqual([{ name: 'h', kind: 'Deployment', targetName: 'web', maxReplicas: 4 }]);
    expect(hpaFor({ ...ref, namespace: 'default' }, hpas, 'default')?.name).toBe('h');
    expect(hpaFor(ref, hpas, 'default')).toBeUndefined();
  });
});

describe('workloadCost', () => {
  it('counts a container the manifest declared under the proxy\'s name that the injection filled in', () => {
    const declared = { name: 'istio-proxy', image: 'auto' };
    const cost = workloadCost(ref, workloadResources(deployment(), template([app, declared]), template([app, proxy])));
    expect(cost.containers.map((c) => c.name)).toEqual(['istio-proxy']);
    expect(cost.perPod.requests).toEqual({ cpu: 100n, memory: 128n * 1024n ** 2n });
    // the manifest's own container with the same resources is not the injection's
    expect(workloadCost(ref, workloadResources(deployment(), template([app]), template([app]))).containers).toEqual([]);
  });

  it('adds the proxy and lets the classic init container hide under the app, times the replicas', () => {
    const cost = workloadCost(ref, workloadResources(deployment({ replicas: 3 }), template([app]), template([app, proxy], [init])));
    expect(cost.containers.map((c) => [c.name, c.role])).toEqual([['istio-init', 'init'], ['istio-proxy', 'container']]);
    expect(cost.containers[0]!.limits).toEqual({ cpu: 2000n, memory: 1024n ** 3n });
    expect(cost.perPod).toEqual({ requests: { cpu: 100n, memory: 128n * 1024n ** 2n }, limits: { cpu: 2000n, memory: 1024n ** 3n } });
    expect(cost.total).toEqual({ requests: { cpu: 300n, memory: 384n * 1024n ** 2n }, limits: { cpu: 6000n, memory: 3n * 1024n ** 3n } });
  });

  it('counts an init container larger than the injected pod only by what it adds to the peak', () => {
    const big = { name: 'istio-init', resources: { requests: { cpu: '2', memory: '64Mi' } } };
    const cost = workloadCost(ref, workloadResources(deployment(), template([app]), template([app, proxy], [big])));
    // cpu: max(500+100, 2000) - 500; memory: 256+128 - 256.
    expect(cost.perPod.requests).toEqual({ cpu: 1500n, memory: 128n * 1024n ** 2n });
    expect(cost.perPod.limits).toEqual({ cpu: 'unbounded', memory: 'unbounded' });
  });

  it('counts a native sidecar proxy with the app containers', () => {
    const native = { ...proxy, restartPolicy: 'Always' };
    const cost = workloadCost(ref, workloadResources(deployment({ replicas: 2 }), template([app]), template([app], [init, native])));
    expect(cost.containers.map((c) => c.role)).toEqual(['init', 'sidecar']);
    expect(cost.total.requests).toEqual({ cpu: 200n, memory: 256n * 1024n ** 2n });
  });

  it('totals per namespace and overall, counting DaemonSets and scaled workloads', () => {
    const resources = workloadResources(deployment({ replicas: 2 }), template([app]), template([app, proxy]));
    const ds = workloadResources({ kind: 'DaemonSet', spec: {} }, template([app]), template([app, proxy]));
    const costs = [
      workloadCost(ref, resources),
      workloadCost({ ...ref, kind: 'DaemonSet', name: 'agent', namespace: 'infra' }, ds),
      workloadCost({ ...ref, name: 'api' }, resources, { name: 'api', kind: 'Deployment', targetName: 'api', minReplicas: 1 }),
    ];
    const { namespaces, all } = costTotals(costs);
    expect([...namespaces.keys()]).toEqual(['infra', 'shop']);
    expect(namespaces.get('shop')).toMatchObject({ workloads: 2, requests: { cpu: 400n }, perNode: 0, scales: 1 });
    expect(all).toMatchObject({ workloads: 3, requests: { cpu: 500n, memory: 5n * 128n * 1024n ** 2n }, limits: { cpu: 10000n }, perNode: 1, scales: 1 });
  });
});
