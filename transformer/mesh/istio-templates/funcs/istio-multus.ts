/**
 * Istio's `appendMultusNetwork existing network`: adds the Istio CNI network to a pod's
 * `k8s.v1.cni.cncf.io/networks` annotation, whether it is a comma list (`a, b`) or a JSON list
 * (`[{"name": "a"}]`), unless already present. Unparseable JSON is returned unchanged.
 */

/** `k8s.io/utils/strings.SplitQualifiedName`: `ns/name` or just `name`. */
function splitQualifiedName(s: string): [string, string] {
  const parts = s.split('/');
  if (parts.length < 2) return ['', s];
  return [parts[0]!, parts[1]!];
}

export function appendMultusNetwork(existing: string, network: string): string {
  if (existing === '') return network;
  const i = existing.lastIndexOf(']');
  if (i !== -1) {
    let networks: unknown;
    try {
      networks = JSON.parse(existing) as unknown;
    } catch {
      return existing;
    }
    if (!Array.isArray(networks) || networks.some((n) => n !== null && (typeof n !== 'object' || Array.isArray(n)))) return existing;
    const [ns, name] = splitQualifiedName(network);
    for (const net of networks as (Record<string, unknown> | null)[]) {
      if (net?.name === name && (net.namespace ?? '') === ns) return existing;
    }
    const entry = ns === '' ? `, {"name": "${name}"}` : `, {"name": "${name}", "namespace": "${ns}"}`;
    return existing.slice(0, i) + entry + existing.slice(i);
  }
  for (const net of existing.split(',')) if (net.trim() === network) return existing;
  return existing + ', ' + network;
}
