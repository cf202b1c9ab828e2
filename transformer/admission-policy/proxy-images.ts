/**
 * The images the mesh's containers must run, asked of the preset itself: a minimal pod is
 * rendered through it (with the run's ProxyConfig CRs, as `inject` would) and the images of the
 * containers the mesh added are read back, so the policy can never disagree with what `inject`
 * writes (hub, tag, image type, Linkerd's values, template mode's values).
 */
import type { InjectConfig } from '../inject-config.js';
import type { ProxyConfigResource } from '../mesh/istio/proxy-config-crs.js';
import type { MeshPreset } from '../mesh/types.js';
import type { Container } from '../kube/objects.js';
import type { Result } from '../results.js';

/** A namespace no config selects or skips by name; only mesh-wide settings reach it. */
const PROBE_NAMESPACE = 'mesh-inject-policy-probe';

export type ProxyImages = { images: Map<string, string> } | { results: Result[] };

export function proxyImages(preset: MeshPreset, config: InjectConfig, proxyConfigs: readonly ProxyConfigResource[] = []): ProxyImages {
  const rendered = preset.render({
    pod: { metadata: { labels: { app: 'probe' } }, spec: { containers: [{ name: 'app', image: 'app' }] } },
    workload: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'probe', namespace: PROBE_NAMESPACE, labels: {} },
    config,
    podPath: 'spec.template',
    proxyConfigs,
  });
  const errors = rendered.results.filter((r) => r.severity === 'error');
  if (!rendered.pod || errors.length > 0) return { results: errors.length > 0 ? errors : rendered.results };
  const images = new Map<string, string>();
  const containers: Container[] = [...(rendered.pod.spec.initContainers ?? []), ...rendered.pod.spec.containers];
  for (const container of containers) {
    if (preset.containers.has(container.name) && typeof container.image === 'string') images.set(container.name, container.image);
  }
  return { images };
}
