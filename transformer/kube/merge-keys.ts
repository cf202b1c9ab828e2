/**
 * The keys by which mesh-inject's text edits, undo records and trust checks name the items of the
 * pod template's lists (`x-kubernetes-patch-merge-key` in the Pod OpenAPI schema): containers by
 * name, volumeMounts by mountPath... A list not named here is edited as one node (re-rendered in
 * place). This is not the strategic merge's table (`strategic-merge/schema.ts`, which also has
 * set-like lists such as finalizers); the two should become one table.
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
