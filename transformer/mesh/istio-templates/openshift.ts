/**
 * `ProxyUID` / `ProxyGID` (Istio's `GetProxyIDs`): 1337, or on OpenShift the top of the
 * namespace's pre-allocated ranges (`openshift.io/sa.scc.uid-range` for the uid;
 * `openshift.io/sa.scc.supplemental-groups`, else the uid range, first block for the gid).
 * Blocks are `<start>/<size>` or `<start>-<end>`; an unreadable annotation keeps 1337.
 */
import type { Container } from '../../kube/objects.js';
import { INIT_CONTAINER, PROXY_CONTAINER, VALIDATION_CONTAINER } from '../istio/names.js';
import type { PodTemplate } from '../types.js';

const DEFAULT_PROXY_ID = 1337n;
const UID_RANGE_ANNOTATION = 'openshift.io/sa.scc.uid-range';
const SUPPLEMENTAL_GROUPS_ANNOTATION = 'openshift.io/sa.scc.supplemental-groups';

const MAX_UINT32 = 0xffffffffn;

interface Block {
  start: bigint;
  end: bigint;
}

/** OpenShift's `ParseBlock` (`fmt.Sscanf("%d/%d")` or `("%d-%d")` into uint32s). */
export function parseBlock(text: string): Block | undefined {
  const slash = text.includes('/');
  const m = (slash ? /^\s*\+?(\d+)\s*\/\s*\+?(\d+)/ : /^\s*\+?(\d+)\s*-\s*\+?(\d+)/).exec(text);
  if (!m) return undefined;
  const a = BigInt(m[1]!);
  const b = BigInt(m[2]!);
  if (a > MAX_UINT32 || b > MAX_UINT32) return undefined;
  // Go computes in uint32: start + size - 1 wraps around.
  return slash ? { start: a, end: BigInt.asUintN(32, a + b - 1n) } : { start: a, end: b };
}

export function proxyIDs(openshift: boolean, namespaceAnnotations: Readonly<Record<string, string>>): { uid: bigint; gid: bigint } {
  let uid = DEFAULT_PROXY_ID;
  let gid = DEFAULT_PROXY_ID;
  if (!openshift) return { uid, gid };
  const uidRange = namespaceAnnotations[UID_RANGE_ANNOTATION];
  const uidBlock = uidRange ? parseBlock(uidRange) : undefined;
  if (uidBlock) uid = uidBlock.end;
  const groups = namespaceAnnotations[SUPPLEMENTAL_GROUPS_ANNOTATION] ?? uidRange;
  if (groups) {
    const blocks = groups.split(',').map(parseBlock);
    if (blocks.length > 0 && blocks.every((b) => b !== undefined)) gid = blocks[0]!.end;
  }
  return { uid, gid };
}

/**
 * OpenShift gives every container of a pod the same `runAsUser`; a user `istio-proxy` carrying the
 * application's uid would defeat traffic interception, so Istio's webhook drops `runAsUser` and
 * `runAsGroup` from it when it equals the application's (the last non-Istio container's, 0 when unset).
 */
export function resetProxyUserOnOpenShift(pod: PodTemplate): PodTemplate {
  const all = [...(pod.spec.containers ?? []), ...(pod.spec.initContainers ?? [])];
  const proxy = all.find((c) => c.name === PROXY_CONTAINER);
  if (!proxy?.securityContext) return pod;
  let proxyUser = 0;
  let appUser = 0;
  for (const c of all) {
    const uid = c.securityContext?.runAsUser;
    if (c.name === PROXY_CONTAINER) proxyUser = uid ?? proxyUser;
    else if (c.name !== VALIDATION_CONTAINER && c.name !== INIT_CONTAINER) appUser = uid ?? appUser;
  }
  if (proxyUser !== appUser) return pod;
  const reset = (c: Container): Container => {
    if (c !== proxy) return c;
    const { runAsUser: _user, runAsGroup: _group, ...securityContext } = c.securityContext ?? {};
    return { ...c, securityContext };
  };
  return {
    ...pod,
    spec: {
      ...pod.spec,
      containers: (pod.spec.containers ?? []).map(reset),
      ...(pod.spec.initContainers ? { initContainers: pod.spec.initContainers.map(reset) } : {}),
    },
  };
}
