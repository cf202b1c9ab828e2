/** Namespaces of the cluster itself, which no mesh's webhook injects (Istio's ignoredNamespaces, Linkerd's webhook selector). */
export const SYSTEM_NAMESPACES: ReadonlySet<string> = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage']);
