/**
 * Every name a Linkerd injection may add to a pod, under any values or annotations: what an undo
 * record may claim was added. (`linkerd.io/proxy-<kind>` labels are listed for every owner kind;
 * the config annotations are those a pod inherits from its namespace or gets from CLI flags.)
 */
import type { Footprint } from '../types.js';
import { ANN, CONFIG_ANN, NAMESPACE_INHERITED, DEBUG_CONTAINER, INIT_CONTAINER, LABEL, OWNER_LABEL_KINDS, PROXY_CONTAINER, VALIDATOR_CONTAINER, VOLUME } from './names.js';

export const LINKERD_FOOTPRINT: Footprint = {
  containers: new Set([PROXY_CONTAINER, INIT_CONTAINER, VALIDATOR_CONTAINER, DEBUG_CONTAINER]),
  volumes: new Set([VOLUME.identity, VOLUME.token, VOLUME.xtablesLock, VOLUME.podinfo]),
  labels: new Set([LABEL.controlPlaneNs, LABEL.workloadNs, ...[...OWNER_LABEL_KINDS].map((kind) => `linkerd.io/proxy-${kind}`)]),
  annotations: new Set([ANN.createdBy, ANN.proxyVersion, ANN.trustRootSha256, ...NAMESPACE_INHERITED, CONFIG_ANN.closeWaitTimeout, CONFIG_ANN.debugImage, CONFIG_ANN.debugImageVersion]),
};
