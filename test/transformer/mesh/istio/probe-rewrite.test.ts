import { describe, expect, it } from 'vitest';
import type { Container } from 'kubernetes-types/core/v1.js';
import { container, envValue, inject, podOf } from './fixtures.js';

const probed: Container = {
  name: 'app',
  image: 'app',
  ports: [{ name: 'http', containerPort: 8080 }],
  readinessProbe: { httpGet: { path: '/ready', port: 'http', scheme: 'HTTPS' }, timeoutSeconds: 2 },
  livenessProbe: { tcpSocket: { port: 9000 }, periodSeconds: 5 },
  startupProbe: { grpc: { port: 9090 } },
  lifecycle: { preStop: { httpGet: { path: '/stop', port: 8080 } }, postStart: { exec: { command: ['true'] } } },
};

describe('app probe rewrite', () => {
  it('points httpGet, tcpSocket and grpc probes at the agent', () => {
    const app = container(inject(podOf({ containers: [probed] })), 'app');
    expect(app.readinessProbe).toEqual({ httpGet: { path: '/app-health/app/readyz', port: 15020, scheme: 'HTTP' }, timeoutSeconds: 2 });
    expect(app.livenessProbe).toEqual({ httpGet: { path: '/app-health/app/livez', port: 15020 }, periodSeconds: 5 });
    expect(app.startupProbe).toEqual({ httpGet: { path: '/app-health/app/startupz', port: 15020 } });
    expect(app.lifecycle).toEqual({
      preStop: { httpGet: { path: '/app-lifecycle/app/prestopz', port: 15020 } },
      postStart: { exec: { command: ['true'] } },
    });
  });

  it('records the originals in ISTIO_KUBE_APP_PROBERS with sorted keys and named ports resolved', () => {
    const proxy = container(inject(podOf({ containers: [probed] })), 'istio-proxy');
    expect(envValue(proxy, 'ISTIO_KUBE_APP_PROBERS')).toBe(
      '{"/app-health/app/livez":{"tcpSocket":{"port":9000}},' +
        '"/app-health/app/readyz":{"httpGet":{"path":"/ready","port":8080,"scheme":"HTTPS"},"timeoutSeconds":2},' +
        '"/app-health/app/startupz":{"grpc":{"port":9090,"service":null}},' +
        '"/app-lifecycle/app/prestopz":{"httpGet":{"path":"/stop","port":8080}}}',
    );
  });

  it('escapes like Go encoding/json', () => {
    const app: Container = { name: 'app', image: 'a', readinessProbe: { httpGet: { path: '/r?a=1&b=<2>', port: 80 } } };
    const proxy = container(inject(podOf({ containers: [app] })), 'istio-proxy');
    expect(envValue(proxy, 'ISTIO_KUBE_APP_PROBERS')).toBe('{"/app-health/app/readyz":{"httpGet":{"path":"/r?a=1\\u0026b=\\u003c2\\u003e","port":80}}}');
  });

  it('leaves exec probes alone and adds no env without rewritable probes', () => {
    const app: Container = { name: 'app', image: 'a', livenessProbe: { exec: { command: ['ok'] } } };
    const pod = inject(podOf({ containers: [app] }));
    expect(container(pod, 'app').livenessProbe).toEqual({ exec: { command: ['ok'] } });
    expect(envValue(container(pod, 'istio-proxy'), 'ISTIO_KUBE_APP_PROBERS')).toBeUndefined();
  });

  it('rewrites probes of user native sidecars (init containers) too', () => {
    const sidecar: Container = { name: 'helper', image: 'h', restartPolicy: 'Always', readinessProbe: { httpGet: { port: 3333 } } };
    const pod = inject(podOf({ initContainers: [sidecar] }));
    expect(container(pod, 'helper').readinessProbe).toEqual({ httpGet: { port: 15020, path: '/app-health/helper/readyz' } });
  });

  it('uses status.sidecar.istio.io/port for the rewritten probes', () => {
    const pod = inject(podOf({ containers: [probed], annotations: { 'status.sidecar.istio.io/port': '15999' } }));
    expect(container(pod, 'app').readinessProbe!.httpGet!.port).toBe(15999);
  });

  it.each([
    ['annotation false', { 'sidecar.istio.io/rewriteAppHTTPProbers': 'false' }, true],
    ['config off', {}, false],
  ])('is off with %s', (_, annotations, configSetting) => {
    const pod = inject(podOf({ containers: [probed], annotations }), { istio: { rewriteAppHTTPProbe: configSetting } });
    expect(container(pod, 'app').readinessProbe).toEqual(probed.readinessProbe);
    expect(envValue(container(pod, 'istio-proxy'), 'ISTIO_KUBE_APP_PROBERS')).toBeUndefined();
  });

  it('is on with annotation true even when the config is off', () => {
    const pod = inject(podOf({ containers: [probed], annotations: { 'sidecar.istio.io/rewriteAppHTTPProbers': 'true' } }), {
      istio: { rewriteAppHTTPProbe: false },
    });
    expect(container(pod, 'app').readinessProbe!.httpGet!.path).toBe('/app-health/app/readyz');
  });

  it('does not touch the input pod', () => {
    const input = podOf({ containers: [probed] });
    const before = structuredClone(input);
    inject(input);
    expect(input).toEqual(before);
  });
});
