import { describe, expect, it } from 'vitest';
import { costInputsFromText } from '../../../transformer/resource-cost/cost-inputs.js';
import { collectLimitRanges, limitRangesFor } from '../../../transformer/resource-cost/limit-ranges.js';
import { workloadResources } from '../../../transformer/resource-cost/pod-resources.js';
import { workloadCost } from '../../../transformer/resource-cost/workload-cost.js';

const MI = 1024n ** 2n;
const limitRange = (name: string, namespace: string | undefined, ...limits: Record<string, unknown>[]) => ({
  apiVersion: 'v1',
  kind: 'LimitRange',
  metadata: { name, ...(namespace ? { namespace } : {}) },
  spec: { limits },
});
const app = { name: 'app', resources: { requests: { cpu: '500m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } } };
const bareProxy = { name: 'linkerd-proxy', restartPolicy: 'Always' };
const bareInit = { name: 'linkerd-init' };
const template = (containers: unknown[], initContainers: unknown[] = []) => ({ spec: { containers, ...(initContainers.length ? { initContainers } : {}) } });
const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { replicas: 2 } };
const ref = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'shop' };
const resources = workloadResources(deployment, template([app]), template([app], [bareInit, bareProxy]));

describe('LimitRange container defaults', () => {
  it('reads them as the API server stores them: default from max, defaultRequest from default, then min', () => {
    const [explicit, fromMax, fromMin] = collectLimitRanges([
      limitRange('explicit', 'shop', { type: 'Container', default: { cpu: '1', memory: '1Gi' }, defaultRequest: { cpu: '100m' } }),
      limitRange('from-max', 'shop', { type: 'Container', max: { cpu: '2' } }),
      limitRange('from-min', 'shop', { type: 'Container', min: { memory: '32Mi' } }, { type: 'Pod', max: { cpu: '8' } }),
    ]);
    expect(explicit).toEqual({ name: 'explicit', namespace: 'shop', limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '100m', memory: '1Gi' } });
    expect(fromMax).toMatchObject({ limits: { cpu: '2' }, requests: { cpu: '2' } });
    expect(fromMin).toMatchObject({ limits: {}, requests: { memory: '32Mi' } });
  });

  it('leaves out LimitRanges without container defaults, and other kinds', () => {
    expect(collectLimitRanges([limitRange('pods-only', 'shop', { type: 'Pod', max: { cpu: '8' } }), { kind: 'ConfigMap' }])).toEqual([]);
  });

  it('gives a proxy without resources the namespace defaults, so it costs what they say', () => {
    const ranges = collectLimitRanges([limitRange('defaults', 'shop', { type: 'Container', default: { cpu: '200m', memory: '128Mi' }, defaultRequest: { cpu: '50m', memory: '64Mi' } })]);
    const without = workloadCost(ref, resources);
    expect(without.perPod.requests).toEqual({ cpu: 0n, memory: 0n });
    const cost = workloadCost(ref, resources, undefined, limitRangesFor('shop', ranges, 'default'));
    expect(cost.containers.find((c) => c.name === 'linkerd-proxy')).toMatchObject({ requests: { cpu: 50n, memory: 64n * MI }, limits: { cpu: 200n, memory: 128n * MI } });
    // linkerd-init (a classic init container) runs beside nothing; the proxy runs beside the app
    expect(cost.perPod).toEqual({ requests: { cpu: 50n, memory: 64n * MI }, limits: { cpu: 200n, memory: 128n * MI } });
    expect(cost.total.requests).toEqual({ cpu: 100n, memory: 128n * MI });
    expect(cost.limitRanges).toEqual(['defaults']);
  });

  it('keeps what a container sets: its own limit is its request before any default', () => {
    const own = workloadResources(deployment, template([app]), template([app, { name: 'proxy', resources: { limits: { cpu: '300m' } } }]));
    const ranges = collectLimitRanges([limitRange('defaults', 'shop', { type: 'Container', default: { cpu: '1', memory: '256Mi' }, defaultRequest: { cpu: '10m', memory: '16Mi' } })]);
    const cost = workloadCost(ref, own, undefined, ranges);
    expect(cost.containers[0]).toMatchObject({ requests: { cpu: 300n, memory: 16n * MI }, limits: { cpu: 300n, memory: 256n * MI } });
  });

  it('takes, per resource, the first LimitRange of the namespace that has a default', () => {
    const ranges = collectLimitRanges([
      limitRange('cpu-only', 'shop', { type: 'Container', defaultRequest: { cpu: '25m' } }),
      limitRange('both', 'shop', { type: 'Container', defaultRequest: { cpu: '75m', memory: '48Mi' } }),
    ]);
    const cost = workloadCost(ref, resources, undefined, ranges);
    expect(cost.containers.find((c) => c.name === 'linkerd-proxy')!.requests).toEqual({ cpu: 25n, memory: 48n * MI });
  });

  it('applies a LimitRange to its own namespace only (without one: the default namespace)', () => {
    const { limitRanges } = costInputsFromText(
      ['apiVersion: v1\nkind: LimitRange\nmetadata: {name: here, namespace: shop}\nspec:\n  limits:\n  - type: Container\n    defaultRequest: {cpu: 10m}\n', 'apiVersion: v1\nkind: LimitRange\nmetadata: {name: nowhere}\nspec:\n  limits:\n  - {type: Container, defaultRequest: {cpu: 20m}}\n'].join('---\n'),
    );
    expect(limitRangesFor('shop', limitRanges, 'default').map((r) => r.name)).toEqual(['here']);
    expect(limitRangesFor(undefined, limitRanges, 'default').map((r) => r.name)).toEqual(['nowhere']);
    expect(limitRangesFor('default', limitRanges, 'default').map((r) => r.name)).toEqual(['nowhere']);
  });
});
