/**
 * Patch metadata of `corev1.Pod` (and of `PodTemplateSpec`, which shares its `metadata`/`spec`):
 * the fields that carry `x-kubernetes-patch-strategy` / `x-kubernetes-patch-merge-key` in the
 * Kubernetes OpenAPI (struct tags in k8s.io/api `core/v1/types.go`, k8s.io/apimachinery
 * `meta/v1/types.go`), plus the fields that lead to them.
 *
 * Every field left out behaves as Kubernetes treats a field without tags: maps merge key by key
 * (labels, annotations, nodeSelector, resources, securityContext...), lists are replaced as a
 * whole (args, command, tolerations, envFrom, readinessGates, capabilities.add...), scalars are
 * replaced. So the table only has to name fields with tags and the types on the way to them.
 *
 * `retainKeys` does not change how a patch is applied: it tells patch *generators* to send a
 * `$retainKeys` directive (Volume is a union of sources). Applying honours that directive wherever
 * it appears.
 */
import type { PatchSchema, TypePatchMeta } from './schema-types.js';

/** Container and EphemeralContainerCommon carry the same four tags. */
const CONTAINER: TypePatchMeta = {
  ports: { patchStrategy: 'merge', patchMergeKey: 'containerPort' },
  env: { patchStrategy: 'merge', patchMergeKey: 'name' },
  volumeMounts: { patchStrategy: 'merge', patchMergeKey: 'mountPath' },
  volumeDevices: { patchStrategy: 'merge', patchMergeKey: 'devicePath' },
  // no tags, listed for the record: replaced as a whole
  args: {},
  command: {},
};

const POD_TYPES: PatchSchema['types'] = {
  Pod: {
    metadata: { type: 'ObjectMeta' },
    spec: { type: 'PodSpec' },
    status: { type: 'PodStatus' },
  },
  PodTemplateSpec: {
    metadata: { type: 'ObjectMeta' },
    spec: { type: 'PodSpec' },
  },
  ObjectMeta: {
    // labels and annotations are plain string maps: merged key by key, `key: null` deletes.
    labels: {},
    annotations: {},
    finalizers: { patchStrategy: 'merge' },
    ownerReferences: { patchStrategy: 'merge', patchMergeKey: 'uid' },
  },
  PodSpec: {
    volumes: { patchStrategy: 'merge,retainKeys', patchMergeKey: 'name' },
    initContainers: { patchStrategy: 'merge', patchMergeKey: 'name', type: 'Container' },
    containers: { patchStrategy: 'merge', patchMergeKey: 'name', type: 'Container' },
    ephemeralContainers: { patchStrategy: 'merge', patchMergeKey: 'name', type: 'EphemeralContainer' },
    imagePullSecrets: { patchStrategy: 'merge', patchMergeKey: 'name' },
    hostAliases: { patchStrategy: 'merge', patchMergeKey: 'ip' },
    topologySpreadConstraints: { patchStrategy: 'merge', patchMergeKey: 'topologyKey' },
    schedulingGates: { patchStrategy: 'merge', patchMergeKey: 'name' },
    resourceClaims: { patchStrategy: 'merge,retainKeys', patchMergeKey: 'name' },
    // alpha in current Kubernetes (PodSpec.evictionResponders)
    evictionResponders: { patchStrategy: 'merge', patchMergeKey: 'name' },
    // no tags, listed for the record: replaced as a whole
    tolerations: {},
  },
  Container: CONTAINER,
  EphemeralContainer: CONTAINER,
  PodStatus: {
    conditions: { patchStrategy: 'merge', patchMergeKey: 'type' },
    hostIPs: { patchStrategy: 'merge', patchMergeKey: 'ip' },
    podIPs: { patchStrategy: 'merge', patchMergeKey: 'ip' },
    resourceClaimStatuses: { patchStrategy: 'merge,retainKeys', patchMergeKey: 'name' },
    nodeAllocatableResourceClaimStatuses: {
      patchStrategy: 'merge',
      patchMergeKey: 'resourceClaimName',
      type: 'NodeAllocatableResourceClaimStatus',
    },
    // containerStatuses, initContainerStatuses, ephemeralContainerStatuses: no tags (replaced)
  },
  NodeAllocatableResourceClaimStatus: {
    mapping: { patchStrategy: 'merge', patchMergeKey: 'name' },
    overhead: { patchStrategy: 'merge', patchMergeKey: 'name' },
  },
};

/** A whole Pod, as Istio's webhook merges its templates (`corev1.Pod`). */
export const POD_SCHEMA: PatchSchema = { name: 'Pod', root: 'Pod', types: POD_TYPES };

/** A pod template (`spec.template` of a workload): `{ metadata, spec }`. */
export const POD_TEMPLATE_SCHEMA: PatchSchema = { name: 'PodTemplateSpec', root: 'PodTemplateSpec', types: POD_TYPES };

/** One container (`corev1.Container`), for merging a container onto another. */
export const CONTAINER_SCHEMA: PatchSchema = { name: 'Container', root: 'Container', types: POD_TYPES };

/** No metadata at all: maps merge, every list is replaced (JSON merge patch plus directives). */
export const UNTYPED_SCHEMA: PatchSchema = { name: 'untyped', root: '', types: {} };
