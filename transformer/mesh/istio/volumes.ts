/**
 * Pod volumes the sidecar needs and the proxy's mounts of them, plus the user's
 * `sidecar.istio.io/userVolume` / `userVolumeMount` JSON maps (name -> volume / mount), added in
 * name order. Istio renders `workload-socket`, `credential-socket` and `workload-certs` with
 * `emptyDir: null`, which the API server stores as `emptyDir: {}`; we write the latter.
 */
import type { Volume, VolumeMount } from '../../kube/objects.js';
import { isObject } from '../../kube/objects.js';
import type { RenderContext } from './context.js';
import { CA_CRL_CONFIGMAP, CA_ROOT_CERT_CONFIGMAP, TOKEN_AUDIENCE, TOKEN_EXPIRATION_SECONDS } from './defaults.js';
import { ANN } from './names.js';

export function proxyVolumeMounts(ctx: RenderContext): VolumeMount[] {
  const mounts: VolumeMount[] = [
    { name: 'workload-socket', mountPath: '/var/run/secrets/workload-spiffe-uds' },
    { name: 'credential-socket', mountPath: '/var/run/secrets/credential-uds' },
    { name: 'workload-certs', mountPath: '/var/run/secrets/workload-spiffe-credentials' },
    { name: 'istiod-ca-cert', mountPath: '/var/run/secrets/istio' },
    { name: 'istio-ca-crl', mountPath: '/var/run/secrets/istio/crl' },
    { name: 'istio-data', mountPath: '/var/lib/istio/data' },
  ];
  if (ANN.bootstrapOverride in ctx.annotations) {
    mounts.push({ name: 'custom-bootstrap-volume', mountPath: '/etc/istio/custom-bootstrap' });
  }
  mounts.push(
    { name: 'istio-envoy', mountPath: '/etc/istio/proxy' },
    { name: 'istio-token', mountPath: '/var/run/secrets/tokens' },
    { name: 'istio-podinfo', mountPath: '/etc/istio/pod' },
  );
  for (const [name, mount] of userEntries(ctx.annotations[ANN.userVolumeMount])) {
    mounts.push({ name, ...mount } as VolumeMount);
  }
  return mounts;
}

export function sidecarVolumes(ctx: RenderContext): Volume[] {
  const volumes: Volume[] = [
    { name: 'workload-socket', emptyDir: {} },
    { name: 'credential-socket', emptyDir: {} },
    { name: 'workload-certs', emptyDir: {} },
  ];
  const bootstrap = ctx.annotations[ANN.bootstrapOverride];
  if (bootstrap !== undefined) volumes.push({ name: 'custom-bootstrap-volume', configMap: { name: bootstrap } });
  volumes.push(
    { name: 'istio-envoy', emptyDir: { medium: 'Memory' } },
    { name: 'istio-data', emptyDir: {} },
    {
      name: 'istio-podinfo',
      downwardAPI: {
        items: [
          { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } },
          { path: 'annotations', fieldRef: { fieldPath: 'metadata.annotations' } },
        ],
      },
    },
    {
      name: 'istio-token',
      projected: {
        sources: [
          {
            serviceAccountToken: {
              path: 'istio-token',
              expirationSeconds: TOKEN_EXPIRATION_SECONDS,
              audience: TOKEN_AUDIENCE,
            },
          },
        ],
      },
    },
    { name: 'istiod-ca-cert', configMap: { name: CA_ROOT_CERT_CONFIGMAP } },
    { name: 'istio-ca-crl', configMap: { name: CA_CRL_CONFIGMAP, optional: true } },
  );
  for (const [name, volume] of userEntries(ctx.annotations[ANN.userVolume])) {
    volumes.push({ name, ...volume } as Volume);
  }
  return volumes;
}

/**
 * Entries of a `userVolume`/`userVolumeMount` annotation, sorted by name. Validation rejects
 * anything but a JSON object of objects, so other input yields nothing here.
 */
function userEntries(text: string | undefined): Array<[string, Record<string, unknown>]> {
  if (text === undefined) return [];
  const parsed = parseUserJson(text);
  if (!parsed) return [];
  return Object.keys(parsed)
    .sort()
    .map((name) => {
      const { name: _ignored, ...rest } = parsed[name] as Record<string, unknown>;
      return [name, rest];
    });
}

/** A JSON object whose values are all objects, else undefined. */
export function parseUserJson(text: string): Record<string, Record<string, unknown>> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(parsed) || !Object.values(parsed).every(isObject)) return undefined;
  return parsed as Record<string, Record<string, unknown>>;
}
