import { describe, expect, it } from 'vitest';
import { decideNativeSidecar, kubernetesMinorAtLeast } from '../../../../transformer/mesh/istio/native.js';
import { configOf, container, inject, names, podOf } from './fixtures.js';

describe('native sidecar decision', () => {
  it.each([
    ['config true', undefined, true, '1.28', true],
    ['config false', undefined, false, '1.34', false],
    ['auto on 1.33', undefined, 'auto', '1.33', true],
    ['auto on v1.34.1', undefined, 'auto', 'v1.34.1', true],
    ['auto on 1.32', undefined, 'auto', '1.32', false],
    ['annotation true wins over false', 'true', false, '1.28', true],
    ['annotation false wins over true', 'false', true, '1.34', false],
    ['empty annotation is ignored', '', false, '1.34', false],
    ['any other value means native, as in the template', 'yes', false, '1.28', true],
  ] as const)('%s', (_, annotation, setting, version, expected) => {
    const config = configOf({ kubernetesVersion: version, istio: { nativeSidecars: setting } });
    const annotations: Record<string, string> = annotation === undefined ? {} : { 'sidecar.istio.io/nativeSidecar': annotation };
    expect(decideNativeSidecar(annotations, config)).toBe(expected);
  });

  it('compares versions numerically', () => {
    expect(kubernetesMinorAtLeast('1.100', 33)).toBe(true);
    expect(kubernetesMinorAtLeast('2.0', 33)).toBe(true);
    expect(kubernetesMinorAtLeast('latest', 33)).toBe(false);
  });

  it('injects a native proxy as an init container with restartPolicy Always and a drain preStop', () => {
    const pod = inject(podOf(), { istio: { nativeSidecars: true } });
    expect(names(pod.spec.containers)).toEqual(['app']);
    const proxy = container(pod, 'istio-proxy');
    expect(proxy.restartPolicy).toBe('Always');
    expect(proxy.lifecycle).toEqual({ preStop: { exec: { command: ['pilot-agent', 'request', '--debug-port=15020', 'POST', 'drain'] } } });
  });

  it('injects a classic proxy as the last container without lifecycle', () => {
    const pod = inject(podOf(), { istio: { nativeSidecars: false } });
    expect(names(pod.spec.containers)).toEqual(['app', 'istio-proxy']);
    expect(container(pod, 'istio-proxy').restartPolicy).toBeUndefined();
    expect(container(pod, 'istio-proxy').lifecycle).toBeUndefined();
  });

  it('keeps a lone user istio-proxy a classic container instead of leaving containers empty', () => {
    const pod = inject(podOf({ containers: [{ name: 'istio-proxy', image: 'auto' }] }), { istio: { nativeSidecars: true } });
    expect(names(pod.spec.containers)).toEqual(['istio-proxy']);
    expect(names(pod.spec.initContainers)).toEqual(['istio-init']);
  });
});
