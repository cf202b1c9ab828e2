import { describe, expect, it } from 'vitest';
import { reorderContainers } from '../../../../transformer/mesh/istio/ordering.js';
import type { PodTemplate } from '../../../../transformer/mesh/types.js';
import { inject, names, podOf } from './fixtures.js';

const c = (name: string) => ({ name, image: name });

function pod(containers: string[], initContainers: string[]): PodTemplate {
  return { metadata: {}, spec: { containers: containers.map(c), initContainers: initContainers.map(c) } };
}

describe('container ordering', () => {
  it('native: istio-init, istio-validation, istio-proxy, enable-core-dump, then user init containers', () => {
    const out = reorderContainers(pod(['app'], ['user1', 'istio-proxy', 'enable-core-dump', 'istio-init', 'user2']), false);
    expect(names(out.spec.initContainers)).toEqual(['istio-init', 'istio-proxy', 'enable-core-dump', 'user1', 'user2']);
  });

  it('classic: istio-validation first, istio-init and enable-core-dump last', () => {
    const out = reorderContainers(pod(['istio-proxy', 'app'], ['istio-init', 'user1', 'istio-validation', 'enable-core-dump', 'user2']), false);
    expect(names(out.spec.initContainers)).toEqual(['istio-validation', 'user1', 'user2', 'istio-init', 'enable-core-dump']);
    expect(names(out.spec.containers)).toEqual(['app', 'istio-proxy']);
  });

  it('classic with hold: proxy first', () => {
    expect(names(reorderContainers(pod(['app', 'istio-proxy'], []), true).spec.containers)).toEqual(['istio-proxy', 'app']);
  });

  it('native proxy starts before user init containers in a rendered pod', () => {
    const out = inject(podOf({ initContainers: [c('migrate')] }), { istio: { nativeSidecars: true } });
    expect(names(out.spec.initContainers)).toEqual(['istio-init', 'istio-proxy', 'migrate']);
  });

  it('classic iptables setup runs after user init containers in a rendered pod', () => {
    const out = inject(podOf({ initContainers: [c('migrate')] }), { istio: { nativeSidecars: false } });
    expect(names(out.spec.initContainers)).toEqual(['migrate', 'istio-init']);
  });

  it('puts injected volumes before the user volumes', () => {
    const out = inject(podOf({ spec: { volumes: [{ name: 'data', emptyDir: {} }] } }));
    expect(names(out.spec.volumes).at(0)).toBe('workload-socket');
    expect(names(out.spec.volumes).at(-1)).toBe('data');
  });
});
