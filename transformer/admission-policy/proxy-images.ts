/**
 * The images the mesh's containers must run, asked of the preset itself: a minimal pod is
 * rendered through it (with the run's ProxyConfig CRs, as `inject` would) and the images of the
 * containers the mesh added are read back, so the policy can never disagree with what `inject`
 * writes (hub, tag, image type, Linkerd's values, template mode's values).
 *
 * Istio ProxyConfig CRs can set the image per namespace and per workload: a probe pod is rendered
 * in each namespace that has CRs, and with each workload CR's labels, and where the images differ
 * from the mesh-wide ones they are kept as exceptions, in the order the webhook picks CRs.
 */
import type { InjectConfig } from '../inject-config.js';
import type { Container } from '../kube/objects.js';
import type { ProxyConfigResource } from '../mesh/istio/proxy-config-crs.js';
import type { MeshPreset } from '../mesh/types.js';
import type { Result } from '../results.js';

/** A namespace no config selects or skips by name; only mesh-wide settings reach it. */
const PROBE_NAMESPACE = 'mesh-inject-policy-probe';

/** Container name → image. */
export type ImageMap = ReadonlyMap<string, string>;

export interface WorkloadImages {
  namespace: string;
  /** The CR's selector: a pod with all these labels. */
  matchLabels: Readonly<Record<string, string>>;
  images: ImageMap;
}

export interface ExpectedImages {
  /** Mesh-wide. */
  images: ImageMap;
  /** Namespaces whose ProxyConfig CR gives other images. */
  byNamespace: ReadonlyMap<string, ImageMap>;
  /** Workload CRs of the namespaces where one gives other images, in input order (the first match wins). */
  byWorkload: readonly WorkloadImages[];
}

export type ProxyImages = ExpectedImages | { results: Result[] };

type Probe = { images: Map<string, string> } | { results: Result[] };

function probe(preset: MeshPreset, config: InjectConfig, proxyConfigs: readonly ProxyConfigResource[], namespace: string, labels: Record<string, string>): Probe {
  const rendered = preset.render({
    pod: { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'app' }] } },
    workload: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'probe', namespace, labels: {} },
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

function sameImages(a: ImageMap, b: ImageMap): boolean {
  return a.size === b.size && [...a].every(([name, image]) => b.get(name) === image);
}

export function proxyImages(preset: MeshPreset, config: InjectConfig, proxyConfigs: readonly ProxyConfigResource[] = []): ProxyImages {
  const meshWide = probe(preset, config, proxyConfigs, PROBE_NAMESPACE, {});
  if ('results' in meshWide) return meshWide;
  const byNamespace = new Map<string, ImageMap>();
  const byWorkload: WorkloadImages[] = [];
  const namespaceOf = (cr: ProxyConfigResource) => cr.namespace ?? config.defaultNamespace;
  for (const namespace of [...new Set(proxyConfigs.map(namespaceOf))].sort()) {
    const inNamespace = probe(preset, config, proxyConfigs, namespace, {});
    if ('results' in inNamespace) return inNamespace;
    const base = inNamespace.images;
    if (!sameImages(base, meshWide.images)) byNamespace.set(namespace, base);
    const workloads: WorkloadImages[] = [];
    for (const cr of proxyConfigs) {
      // a selector without labels selects no pod
      if (namespaceOf(cr) !== namespace || !cr.valid || cr.matchLabels === undefined || Object.keys(cr.matchLabels).length === 0) continue;
      const selected = probe(preset, config, proxyConfigs, namespace, { ...cr.matchLabels });
      if ('results' in selected) return selected;
      workloads.push({ namespace, matchLabels: cr.matchLabels, images: selected.images });
    }
    if (workloads.some((w) => !sameImages(w.images, base))) byWorkload.push(...workloads);
  }
  return { images: meshWide.images, byNamespace, byWorkload };
}
