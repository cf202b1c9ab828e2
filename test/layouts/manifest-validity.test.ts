/** The validity checker the format-variant corpus relies on finds each kind of problem. */
import { describe, expect, it } from 'vitest';
import { manifestProblems, podTemplateProblems } from './manifest-validity.js';

const pod = (spec: Record<string, unknown>) => ({ metadata: {}, spec: { containers: [{ name: 'app', image: 'app' }], ...spec } });

describe('pod template validity', () => {
  it('accepts a valid injected-looking pod', () => {
    const template = pod({
      initContainers: [{ name: 'istio-proxy', restartPolicy: 'Always', ports: [{ name: 'http-envoy-prom', containerPort: 15090 }], readinessProbe: { httpGet: { port: 15021 } }, volumeMounts: [{ name: 'istio-data', mountPath: '/var/lib/istio/data' }] }],
      containers: [{ name: 'app', image: 'app', ports: [{ name: 'http', containerPort: 80 }, { containerPort: 81 }], lifecycle: { postStart: { exec: { command: ['true'] } } } }],
      volumes: [{ name: 'istio-data', emptyDir: {} }],
    });
    expect(podTemplateProblems(template)).toEqual([]);
  });

  it.each([
    ['a container name used twice across initContainers and containers', pod({ initContainers: [{ name: 'app', image: 'x' }] })],
    ['a volume name used twice', pod({ volumes: [{ name: 'v', emptyDir: {} }, { name: 'v', emptyDir: {} }] })],
    ['a mount of a missing volume', pod({ containers: [{ name: 'app', volumeMounts: [{ name: 'nope', mountPath: '/x' }] }] })],
    ['a mount path used twice in a container', pod({ containers: [{ name: 'app', volumeMounts: [{ name: 'v', mountPath: '/x' }, { name: 'v', mountPath: '/x' }] }], volumes: [{ name: 'v' }] })],
    ['a port name used twice in the pod', pod({ containers: [{ name: 'a', ports: [{ name: 'http', containerPort: 1 }] }, { name: 'b', ports: [{ name: 'http', containerPort: 2 }] }] })],
    ['a probe with two handlers (a stale one left behind)', pod({ containers: [{ name: 'app', readinessProbe: { tcpSocket: { port: 1 }, httpGet: { port: 2 } } }] })],
    ['a probe with no handler', pod({ containers: [{ name: 'app', livenessProbe: { periodSeconds: 5 } }] })],
    ['a lifecycle hook with two handlers', pod({ containers: [{ name: 'app', lifecycle: { preStop: { exec: { command: ['x'] }, sleep: { seconds: 1 } } } }] })],
    ['no containers', pod({ containers: [] })],
  ])('reports %s', (_, template) => {
    expect(podTemplateProblems(template)).toHaveLength(1);
  });

  it('finds pod templates in workloads and List items, and reports text that does not parse', () => {
    const deployment = 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers: [{name: a}, {name: a}]\n';
    expect(manifestProblems(deployment)).toHaveLength(1);
    const list = `apiVersion: v1\nkind: List\nitems:\n- ${JSON.stringify({ apiVersion: 'v1', kind: 'Pod', spec: { containers: [{ name: 'a' }], volumes: [{ name: 'v' }, { name: 'v' }] } })}\n`;
    expect(manifestProblems(list)).toHaveLength(1);
    expect(manifestProblems('{"kind": "Pod", "spec": {template:\n  spec: {}}}\n')[0]).toMatch(/does not parse/);
    expect(manifestProblems('apiVersion: v1\nkind: Service\nspec: {}\n')).toEqual([]);
  });
});
