/** The volumes the injection appends to the pod, in Linkerd's order. */
import type { Volume } from '../../kube/objects.js';
import { VOLUME } from './names.js';
import type { LinkerdValues } from './values.js';

export function injectedVolumes(values: LinkerdValues): Volume[] {
  const volumes: Volume[] = [];
  if (!values.cniEnabled) volumes.push({ emptyDir: {}, name: VOLUME.xtablesLock });
  volumes.push({ emptyDir: { medium: 'Memory' }, name: VOLUME.identity });
  if (values.proxy.tracing?.enabled) {
    volumes.push({ downwardAPI: { items: [{ fieldRef: { fieldPath: 'metadata.labels' }, path: 'labels' }] }, name: VOLUME.podinfo });
  }
  if (values.identity.serviceAccountTokenProjection) {
    volumes.push({
      name: VOLUME.token,
      projected: { sources: [{ serviceAccountToken: { audience: 'identity.l5d.io', expirationSeconds: 86400, path: VOLUME.token } }] },
    });
  }
  return volumes;
}
