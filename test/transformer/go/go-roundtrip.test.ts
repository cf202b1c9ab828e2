import { describe, expect, it } from 'vitest';
import { goRoundTrip } from '../../../transformer/go/go-roundtrip.js';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

const user = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'web:1', args: [], unknownField: 1 }] } };

describe("template mode's Go round trip", () => {
  it("drops what Go's decode and omitempty drop from template content, keeping the user's own fields", () => {
    const merged = deepFreeze({
      metadata: user.metadata,
      spec: {
        containers: [
          user.spec.containers[0],
          { name: 'istio-proxy', image: 'proxyv2', args: [], readinessProbe: { initialDelaySeconds: 0, periodSeconds: 15 }, notAGoField: 'x' },
        ],
        securityContext: { runAsUser: 0 },
      },
    });
    expect(goRoundTrip(merged, 'core.Pod', user)).toEqual({
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [user.spec.containers[0], { name: 'istio-proxy', image: 'proxyv2', readinessProbe: { periodSeconds: 15 } }],
        securityContext: { runAsUser: 0 }, // a pointer keeps its zero
      },
    });
  });

  it('gives back the same objects where there is nothing to drop', () => {
    const proxy = { name: 'istio-proxy', image: 'proxyv2', ports: [{ containerPort: 15090, name: 'http-envoy-prom' }] };
    const merged = deepFreeze({ metadata: user.metadata, spec: { containers: [user.spec.containers[0], proxy] } });
    const out = goRoundTrip(merged, 'core.Pod', user);
    expect(out).toBe(merged);
  });

  it('copies only the path to a change, in the original key order', () => {
    const proxy = { name: 'istio-proxy', image: 'proxyv2', args: [], env: [{ name: 'A', value: '1' }] };
    const merged = deepFreeze({ metadata: user.metadata, spec: { volumes: [{ name: 'v', emptyDir: {} }], containers: [user.spec.containers[0], proxy] } });
    const out = goRoundTrip(merged, 'core.Pod', user) as { spec: { volumes: unknown; containers: Record<string, unknown>[] } };
    expect(Object.keys(out.spec)).toEqual(['volumes', 'containers']);
    expect(out.spec.volumes).toBe(merged.spec.volumes);
    expect(out.spec.containers[1]).toEqual({ name: 'istio-proxy', image: 'proxyv2', env: [{ name: 'A', value: '1' }] });
    expect(out.spec.containers[1]!.env).toBe(proxy.env);
  });
});
