/**
 * What Istio's `sidecar` injection template produces for a pod: a partial pod (labels,
 * annotations, init container, proxy, volumes, pull secrets) that is then merged onto the pod.
 */
import type { Container } from '../../kube/objects.js';
import type { PodTemplate } from '../types.js';
import type { RenderContext } from './context.js';
import { initContainer } from './init-container.js';
import { sidecarAnnotations, sidecarLabels } from './labels-annotations.js';
import { proxyContainer } from './proxy-container.js';
import { sidecarVolumes } from './volumes.js';

export function renderSidecar(ctx: RenderContext): PodTemplate {
  const proxy = proxyContainer(ctx);
  const init = initContainer(ctx);
  const initContainers: Container[] = [...(init ? [init] : []), ...(ctx.native ? [proxy] : [])];
  const pullSecrets = ctx.istio.imagePullSecrets.map((name) => ({ name }));
  return {
    metadata: { labels: sidecarLabels(ctx), annotations: sidecarAnnotations(ctx) },
    // Empty lists are left out rather than merged, so no `initContainers: []` appears in the pod.
    spec: {
      ...(initContainers.length > 0 ? { initContainers } : {}),
      ...(ctx.native ? {} : { containers: [proxy] }),
      volumes: sidecarVolumes(ctx),
      ...(pullSecrets.length > 0 ? { imagePullSecrets: pullSecrets } : {}),
    } as PodTemplate['spec'],
  };
}
