import { describe, expect, it } from 'vitest';
import { container, inject, names, podOf } from './fixtures.js';

const HOLD = { postStart: { exec: { command: ['pilot-agent', 'wait'] } } };

describe('holdApplicationUntilProxyStarts', () => {
  it('puts a classic proxy first with a pilot-agent wait postStart (config)', () => {
    const pod = inject(podOf(), { istio: { nativeSidecars: false, holdApplicationUntilProxyStarts: true } });
    expect(names(pod.spec.containers)).toEqual(['istio-proxy', 'app']);
    expect(container(pod, 'istio-proxy').lifecycle).toEqual(HOLD);
  });

  it('does the same from proxy.istio.io/config, which also shows in PROXY_CONFIG', () => {
    const pod = inject(podOf({ annotations: { 'proxy.istio.io/config': '{"holdApplicationUntilProxyStarts": true}' } }), { istio: { nativeSidecars: false } });
    expect(names(pod.spec.containers)).toEqual(['istio-proxy', 'app']);
    expect(container(pod, 'istio-proxy').env!.find((e) => e.name === 'PROXY_CONFIG')!.value).toBe('{"holdApplicationUntilProxyStarts":true}\n');
  });

  it('cannot be turned off per pod when the config holds', () => {
    const pod = inject(podOf({ annotations: { 'proxy.istio.io/config': '{"holdApplicationUntilProxyStarts": false}' } }), {
      istio: { nativeSidecars: false, holdApplicationUntilProxyStarts: true },
    });
    expect(names(pod.spec.containers)).toEqual(['istio-proxy', 'app']);
  });

  it('is implicit for native sidecars: no postStart hook', () => {
    const pod = inject(podOf(), { istio: { nativeSidecars: true, holdApplicationUntilProxyStarts: true } });
    expect(container(pod, 'istio-proxy').lifecycle).not.toHaveProperty('postStart');
  });
});
