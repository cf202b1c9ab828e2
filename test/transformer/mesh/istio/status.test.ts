import { describe, expect, it } from 'vitest';
import { statusAnnotation } from '../../../../transformer/mesh/istio/status.js';
import { inject, podOf } from './fixtures.js';

const VOLUMES = ['workload-socket', 'credential-socket', 'workload-certs', 'istio-envoy', 'istio-data', 'istio-podinfo', 'istio-token', 'istiod-ca-cert', 'istio-ca-crl'];

describe('sidecar.istio.io/status', () => {
  it('is written in Istio\'s key order with null for empty lists', () => {
    expect(statusAnnotation({ initContainers: ['istio-init'], containers: [], volumes: ['v'], imagePullSecrets: [], revision: '' })).toBe(
      '{"initContainers":["istio-init"],"containers":null,"volumes":["v"],"imagePullSecrets":null,"revision":"default"}',
    );
  });

  it('lists what was injected, native', () => {
    const pod = inject(podOf(), { istio: { nativeSidecars: true } });
    expect(pod.metadata.annotations!['sidecar.istio.io/status']).toBe(
      `{"initContainers":["istio-init","istio-proxy"],"containers":null,"volumes":${JSON.stringify(VOLUMES)},"imagePullSecrets":null,"revision":"default"}`,
    );
  });

  it('lists what was injected, classic, with pull secrets and a revision', () => {
    const pod = inject(podOf({ spec: { imagePullSecrets: [{ name: 'mine' }] } }), {
      istio: { nativeSidecars: false, imagePullSecrets: ['istio-pull'], revision: 'canary' },
    });
    expect(JSON.parse(pod.metadata.annotations!['sidecar.istio.io/status']!)).toEqual({
      initContainers: ['istio-init'], containers: ['istio-proxy'], volumes: VOLUMES, imagePullSecrets: ['istio-pull'], revision: 'canary',
    });
    expect(pod.spec.imagePullSecrets).toEqual([{ name: 'istio-pull' }, { name: 'mine' }]);
  });

  it('lists user volumes from sidecar.istio.io/userVolume', () => {
    const pod = inject(podOf({
      annotations: {
        'sidecar.istio.io/userVolume': '{"b-vol":{"emptyDir":{}},"a-vol":{"secret":{"secretName":"s"}}}',
        'sidecar.istio.io/userVolumeMount': '{"a-vol":{"mountPath":"/a","readOnly":true}}',
      },
    }));
    const status = JSON.parse(pod.metadata.annotations!['sidecar.istio.io/status']!) as { volumes: string[] };
    expect(status.volumes.slice(-2)).toEqual(['a-vol', 'b-vol']);
    expect(pod.spec.volumes).toContainEqual({ name: 'a-vol', secret: { secretName: 's' } });
  });
});
