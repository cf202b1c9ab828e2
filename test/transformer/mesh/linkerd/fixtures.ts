/** A minimal pod and values for the Linkerd preset's unit tests. */
import { defaultLinkerdValues, injectLinkerdPod, type LinkerdPodInput, type LinkerdValues } from '../../../../transformer/mesh/linkerd/index.js';
import type { Container, PodSpec } from '../../../../transformer/kube/objects.js';
import type { PodTemplate } from '../../../../transformer/mesh/types.js';

export const PEM = '-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n';

export function values(change: (v: LinkerdValues) => void = () => {}): LinkerdValues {
  const v = defaultLinkerdValues({ version: 'edge-test', identityTrustAnchorsPEM: PEM });
  change(v);
  return v;
}

export function pod(annotations: Record<string, string> = {}, spec: Partial<PodSpec> = {}): PodTemplate {
  return {
    metadata: { labels: { app: 'web' }, ...(Object.keys(annotations).length ? { annotations } : {}) },
    spec: { containers: [{ name: 'web', image: 'web:1', ports: [{ containerPort: 8080, name: 'http' }] }], ...spec },
  };
}

export function inject(p: PodTemplate, v: LinkerdValues = values(), extra: Partial<LinkerdPodInput> = {}) {
  return injectLinkerdPod({ pod: p, owner: { kind: 'Deployment', name: 'web', namespace: 'shop' }, values: v, createdBy: 'mesh-inject test', ...extra });
}

/** The injected pod (fails the test when there is none). */
export function injected(p: PodTemplate, v: LinkerdValues = values(), extra: Partial<LinkerdPodInput> = {}): PodTemplate {
  const out = inject(p, v, extra);
  if (!out.pod) throw new Error(`not injected: ${JSON.stringify(out.results)}`);
  return out.pod;
}

export function proxyOf(p: PodTemplate): Container {
  const proxy = [...(p.spec.initContainers ?? []), ...p.spec.containers].find((c) => c.name === 'linkerd-proxy');
  if (!proxy) throw new Error('no proxy');
  return proxy;
}

export function envOf(p: PodTemplate, name: string): string | undefined {
  const entry = proxyOf(p).env?.find((e) => e.name === name);
  return entry ? (entry.value ?? '') : undefined;
}

export function initOf(p: PodTemplate): Container | undefined {
  return p.spec.initContainers?.find((c) => c.name === 'linkerd-init');
}
