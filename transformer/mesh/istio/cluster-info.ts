/**
 * Cluster and network identity of the proxy. A configured cluster name and a network (the pod's
 * `topology.istio.io/network` label, else the configured one) replace ISTIO_META_CLUSTER_ID /
 * ISTIO_META_NETWORK and move them to the end of the proxy's env, sorted, as Istio's
 * `updateClusterEnvs` does; a network also becomes the pod label.
 */
import type { Container, EnvVar } from '../../kube/objects.js';
import type { RenderContext } from './context.js';

export function clusterEnvs(ctx: RenderContext): Record<string, string> {
  const envs: Record<string, string> = {};
  if (ctx.istio.clusterName !== '') envs.ISTIO_META_CLUSTER_ID = ctx.istio.clusterName;
  if (ctx.network !== '') envs.ISTIO_META_NETWORK = ctx.network;
  return envs;
}

export function withClusterEnvs(proxy: Container, envs: Readonly<Record<string, string>>): Container {
  const names = Object.keys(envs).sort();
  if (names.length === 0) return proxy;
  const kept = (proxy.env ?? []).filter((e) => !(e.name in envs));
  const added: EnvVar[] = names.map((name) => ({ name, value: envs[name]! }));
  return { ...proxy, env: [...kept, ...added] };
}
