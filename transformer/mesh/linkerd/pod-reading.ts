/** What the injection reads from the pristine pod: its ports, its service account mount, its capabilities. */
import type { Container, PodSpec, Probe } from '../../kube/objects.js';
import { isObject } from '../../kube/objects.js';
import { SERVICE_ACCOUNT_MOUNT_PATH } from './names.js';
import type { LinkerdCapabilities, LinkerdMountPath } from './values.js';

function allContainers(spec: PodSpec): Container[] {
  return [...(spec.initContainers ?? []), ...(spec.containers ?? [])].filter(isObject) as Container[];
}

/**
 * `LINKERD2_PROXY_INBOUND_PORTS`: every declared container port and every numeric HTTP probe port,
 * deduplicated, sorted as text (Linkerd sorts the strings: `10,8080,9`).
 */
export function podInboundPorts(spec: PodSpec): string {
  const ports = new Set<string>();
  for (const container of allContainers(spec)) {
    for (const port of container.ports ?? []) if (port?.containerPort !== undefined) ports.add(String(port.containerPort));
    for (const probe of [container.readinessProbe, container.livenessProbe]) {
      const port = probePort(probe);
      if (port !== undefined) ports.add(String(port));
    }
  }
  return [...ports].sort().join(',');
}

function probePort(probe: Probe | undefined): number | undefined {
  const port = probe?.httpGet?.port;
  return typeof port === 'number' ? port : undefined;
}

/** Named container ports, init containers first (a later name wins). */
export function namedPorts(spec: PodSpec): Map<string, number> {
  const named = new Map<string, number>();
  for (const container of allContainers(spec)) {
    for (const port of container.ports ?? []) if (port?.name) named.set(port.name, port.containerPort);
  }
  return named;
}

/** The first container's service account token mount, which the proxy shares. */
export function serviceAccountMount(spec: PodSpec): LinkerdMountPath | undefined {
  const first = spec.containers?.[0];
  const mount = first?.volumeMounts?.find((m) => m?.mountPath === SERVICE_ACCOUNT_MOUNT_PATH);
  return mount ? { name: mount.name, mountPath: mount.mountPath, readOnly: mount.readOnly === true } : undefined;
}

/** The first container's capabilities, which the proxy copies (for pod security policies). */
export function firstContainerCapabilities(spec: PodSpec): LinkerdCapabilities | undefined {
  const capabilities = spec.containers?.[0]?.securityContext?.capabilities;
  if (!isObject(capabilities)) return undefined;
  const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);
  return { add: list(capabilities.add), drop: list(capabilities.drop) };
}

/**
 * The proxy injector's opaque-ports annotation for a pod that sets none: the container ports that
 * are in the default list (compared as written, ranges in the list do not count), in container
 * order; '' when there are none.
 */
export function defaultOpaquePortsDeclared(spec: PodSpec, defaults: string): string {
  const list = defaults.split(',');
  const ports: string[] = [];
  for (const container of allContainers(spec)) {
    for (const port of container.ports ?? []) {
      const text = String(port?.containerPort);
      if (list.includes(text)) ports.push(text);
    }
  }
  return ports.join(',');
}
