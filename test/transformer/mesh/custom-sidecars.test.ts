import { describe, expect, it } from 'vitest';
import { presetFor, transformText } from '../../../transformer/index.js';
import { applySidecars } from '../../../transformer/mesh/custom-sidecars.js';
import type { PodTemplate, WorkloadInfo } from '../../../transformer/mesh/types.js';
import { sidecarsOnlyConfig } from '../../helpers/configs.js';

const WORKLOAD: WorkloadInfo = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'shop', labels: {} };

function podWith(containers: unknown[]): PodTemplate {
  return { metadata: {}, spec: { containers } } as PodTemplate;
}

function inject(pod: PodTemplate): PodTemplate {
  return applySidecars(pod, WORKLOAD, sidecarsOnlyConfig(), new Set());
}

/** A user container named like a configured sidecar (fluent-bit: args, env FLB_LOG_LEVEL, a mount). */
describe('custom sidecars: the user\'s fields win, in the user\'s position', () => {
  it('merges the sidecar under the user\'s container, which keeps its place and fields', () => {
    const user = { name: 'fluent-bit', image: 'mine:1', env: [{ name: 'FLB_LOG_LEVEL', value: 'debug' }] };
    const out = inject(podWith([{ name: 'app', image: 'app:1' }, user]));
    expect(out.spec.containers.map((c) => c.name)).toEqual(['app', 'fluent-bit']);
    expect(out.spec.containers[1]).toEqual({
      name: 'fluent-bit',
      image: 'mine:1',
      args: ['-c', '/fluent-bit/etc/fluent-bit.conf'],
      env: [{ name: 'FLB_LOG_LEVEL', value: 'debug' }],
      volumeMounts: [{ name: 'varlog', mountPath: '/var/log' }],
    });
  });

  it('keeps the user\'s keyed items in the user\'s order', () => {
    const user = { name: 'fluent-bit', env: [{ name: 'MINE', value: '1' }, { name: 'FLB_LOG_LEVEL', value: 'debug' }] };
    const out = inject(podWith([{ name: 'app' }, user]));
    expect(out.spec.containers[1]!.env!.map((e) => e.name)).toEqual(['MINE', 'FLB_LOG_LEVEL']);
  });

  it('keeps a field the user left empty empty', () => {
    const out = inject(podWith([{ name: 'app' }, { name: 'fluent-bit', args: null }]));
    expect(out.spec.containers[1]!.args).toBeNull();
  });

  it('injects around a user container with its own env order without reordering the user\'s lines', () => {
    const text = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: web}',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: app',
      '          image: app:1',
      '        - name: fluent-bit',
      '          env:',
      '            - name: MINE',
      '              value: "1"',
      '            - name: FLB_LOG_LEVEL',
      '              value: debug',
      '',
    ].join('\n');
    const config = sidecarsOnlyConfig();
    const out = transformText(text, { mode: 'inject', config, preset: presetFor(config), path: 'deploy.yaml', verify: true });
    expect(out.results.filter((r) => r.severity === 'error')).toEqual([]);
    expect(out.text).toContain('            - name: MINE\n              value: "1"\n            - name: FLB_LOG_LEVEL\n              value: debug\n');
  });
});
