import { describe, expect, it } from 'vitest';
import { difference, effectiveLimits, effectiveRequests, quantityAmount } from '../../../transformer/resource-cost/effective-resources.js';
import type { ContainerResources, PodResources } from '../../../transformer/resource-cost/pod-resources.js';

const c = (name: string, cpu: string | undefined, memory: string | undefined, extra: Partial<ContainerResources> = {}): ContainerResources => ({
  name,
  ...(cpu !== undefined || memory !== undefined ? { requests: { ...(cpu ? { cpu } : {}), ...(memory ? { memory } : {}) } } : {}),
  ...extra,
});
const sidecar = (name: string, cpu: string, memory: string): ContainerResources => c(name, cpu, memory, { restartPolicy: 'Always' });
const pod = (initContainers: ContainerResources[], containers: ContainerResources[]): PodResources => ({ initContainers, containers });

describe('quantityAmount', () => {
  it.each([
    ['100m', 'cpu', 100n],
    ['2', 'cpu', 2000n],
    ['0.5', 'cpu', 500n],
    ['5e-1', 'cpu', 500n],
    ['1u', 'cpu', 1n], // rounded up to a millicore, as ScaledValue does
    [1, 'cpu', 1000n],
    ['128Mi', 'memory', 134217728n],
    ['1Gi', 'memory', 1073741824n],
    ['1.5Gi', 'memory', 1610612736n],
    ['1k', 'memory', 1000n],
    ['1Ki', 'memory', 1024n],
    ['100M', 'memory', 100000000n],
    ['1G', 'memory', 1000000000n],
    ['12e6', 'memory', 12000000n],
    ['1E2', 'memory', 100n],
  ] as const)('reads %s as %s', (text, resource, expected) => {
    expect(quantityAmount(text, resource)).toBe(expected);
  });

  it('reads nothing from text the API server refuses', () => {
    expect(quantityAmount('lots', 'cpu')).toBeUndefined();
    expect(quantityAmount('1Xi', 'memory')).toBeUndefined();
    expect(quantityAmount(undefined, 'memory')).toBeUndefined();
  });
});

describe('effective pod requests', () => {
  it('sums app containers and native sidecars', () => {
    expect(effectiveRequests(pod([sidecar('proxy', '100m', '128Mi')], [c('app', '250m', '256Mi'), c('b', '50m', undefined)]))).toEqual({ cpu: 400n, memory: 384n * 1024n * 1024n });
  });

  it('takes a classic init container bigger than the app containers', () => {
    expect(effectiveRequests(pod([c('migrate', '2', '1Gi')], [c('app', '100m', '64Mi')]))).toEqual({ cpu: 2000n, memory: 1024n ** 3n });
  });

  it('adds the native sidecars started before a classic init container to it, not those after', () => {
    // init1 runs beside s1 (1000+300); init2 runs beside s1 and s2 (200+300+400); apps+sidecars: 100+700.
    const before = pod([sidecar('s1', '300m', '0'), c('init1', '1', '0'), sidecar('s2', '400m', '0'), c('init2', '200m', '0')], [c('app', '100m', '0')]);
    expect(effectiveRequests(before).cpu).toBe(1300n);
    const after = pod([c('init1', '1', '0'), sidecar('s1', '300m', '0'), sidecar('s2', '400m', '0')], [c('app', '100m', '0')]);
    expect(effectiveRequests(after).cpu).toBe(1000n);
  });

  it('takes a request that is not set from the limit, as the API server defaults it', () => {
    expect(effectiveRequests(pod([], [{ name: 'app', limits: { cpu: '1', memory: '1Gi' } }]))).toEqual({ cpu: 1000n, memory: 1024n ** 3n });
  });
});

describe('effective pod limits', () => {
  it('is unbounded when a container has no limit', () => {
    const limited = (name: string, cpu: string, memory: string, extra: Partial<ContainerResources> = {}) => ({ name, limits: { cpu, memory }, ...extra });
    expect(effectiveLimits(pod([], [limited('app', '1', '1Gi')]))).toEqual({ cpu: 1000n, memory: 1024n ** 3n });
    expect(effectiveLimits(pod([], [limited('app', '1', '1Gi'), c('free', '1', '1Gi')]))).toEqual({ cpu: 'unbounded', memory: 'unbounded' });
    expect(effectiveLimits(pod([c('init', '1', '1Gi')], [limited('app', '1', '1Gi')]))).toEqual({ cpu: 'unbounded', memory: 'unbounded' });
    expect(effectiveLimits(pod([limited('init', '3', '1Gi')], [limited('app', '1', '2Gi')]))).toEqual({ cpu: 3000n, memory: 2n * 1024n ** 3n });
  });

  it('differs by unbounded when either pod is unbounded', () => {
    expect(difference(3000n, 1000n)).toBe(2000n);
    expect(difference('unbounded', 1000n)).toBe('unbounded');
    expect(difference('unbounded', 'unbounded')).toBe('unbounded');
  });
});

describe('pod-level resources (spec.resources)', () => {
  it('is the pod amount for each resource it sets, whatever the containers add', () => {
    const app = [c('app', '250m', '256Mi', { limits: { cpu: '1' } })];
    const withSidecar = pod([sidecar('proxy', '100m', '128Mi')], app);
    const level = { requests: { cpu: '2' }, limits: { cpu: '4', memory: '2Gi' } };
    expect(effectiveRequests({ ...withSidecar, pod: level })).toEqual({ cpu: 2000n, memory: 384n * 1024n * 1024n });
    expect(effectiveLimits({ ...withSidecar, pod: level })).toEqual({ cpu: 4000n, memory: 2n * 1024n ** 3n });
    // so injecting a sidecar into such a pod adds nothing to what it sets
    expect(effectiveRequests({ ...pod([], app), pod: level }).cpu).toBe(effectiveRequests({ ...withSidecar, pod: level }).cpu);
  });
});
