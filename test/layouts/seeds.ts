/**
 * Manifests written for this test: shapes the corpora lack where a layout decides which text an
 * edit touches. Istio rewrites every probe handler to `httpGet` on the agent's port, so a probe
 * whose handler is the last key of the probe, and the probe the last key of its container, puts
 * a replaced node at the end of a block; the same with a second container after it, a grpc probe,
 * and probe handlers in flow style.
 */
import type { CorpusDocument } from './corpus.js';

function deployment(name: string, containers: unknown[]): unknown {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'shop' },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers } },
    },
  };
}

export const SEEDS: CorpusDocument[] = [
  {
    id: 'seed/tcp-probe-last',
    data: deployment('tcp-last', [{ name: 'web', image: 'nginx:1.27', readinessProbe: { periodSeconds: 10, tcpSocket: { port: 8080 } } }]),
  },
  {
    id: 'seed/grpc-probe-last',
    data: deployment('grpc-last', [{ name: 'api', image: 'api:1', ports: [{ containerPort: 9090, name: 'grpc' }], livenessProbe: { grpc: { port: 9090 } } }]),
  },
  {
    id: 'seed/probes-then-container',
    data: deployment('two', [
      { name: 'web', image: 'nginx:1.27', livenessProbe: { httpGet: { path: '/live', port: 8080 } }, startupProbe: { failureThreshold: 30, tcpSocket: { port: 8080 } } },
      { name: 'metrics', image: 'exporter:2', readinessProbe: { grpc: { port: 9100, service: 'health' } } },
    ]),
  },
  {
    id: 'seed/pod-probe-handler-only',
    data: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'solo', namespace: 'shop' },
      spec: { containers: [{ image: 'solo:1', name: 'solo', livenessProbe: { tcpSocket: { port: 7000 } }, readinessProbe: { httpGet: { port: 7001 } } }] },
    },
  },
];
