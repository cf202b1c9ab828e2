/**
 * Kubernetes strategic-merge keys for the lists inside a pod template
 * (`x-kubernetes-patch-merge-key` in the Pod OpenAPI schema). Lists not named here have no key:
 * they are replaced as a whole.
 */
const MERGE_KEYS: Readonly<Record<string, string>> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  volumes: 'name',
  env: 'name',
  imagePullSecrets: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  ports: 'containerPort',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
  resourceClaims: 'name',
  schedulingGates: 'name',
};

/** The merge key of the list stored under `field`, if it has one. */
export function mergeKeyFor(field: string | undefined): string | undefined {
  return field === undefined ? undefined : MERGE_KEYS[field];
}
