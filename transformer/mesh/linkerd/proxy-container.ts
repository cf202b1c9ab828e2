/** The `linkerd-proxy` container. */
import type { Container, SecurityContext } from '../../kube/objects.js';
import { PROXY_CONTAINER, VOLUME } from './names.js';
import { proxyEnv } from './proxy-env.js';
import { resourcesOf } from './resources.js';
import { goNumber, sortedDeep, truthy } from './render-values.js';
import type { LinkerdValues } from './values.js';

export function imageOf(image: { name: string; version: string }, linkerdVersion: string): string {
  return `${image.name}:${image.version || linkerdVersion}`;
}

export function pullPolicyOf(image: { pullPolicy: string }, values: LinkerdValues): string {
  return image.pullPolicy || values.imagePullPolicy;
}

export function proxyContainer(values: LinkerdValues, tracingLabels: Readonly<Record<string, string>>): Container {
  const proxy = values.proxy;
  const admin = proxy.ports.admin;
  const probe = (path: string, p: { initialDelaySeconds: number; timeoutSeconds: number }) => ({
    httpGet: { path, port: admin },
    ...nonZero('initialDelaySeconds', p.initialDelaySeconds),
    ...nonZero('timeoutSeconds', p.timeoutSeconds),
  });
  const container: Container = {
    env: proxyEnv(values, tracingLabels),
    image: imageOf(proxy.image, values.linkerdVersion),
    imagePullPolicy: pullPolicyOf(proxy.image, values),
    livenessProbe: probe('/live', proxy.livenessProbe),
    name: PROXY_CONTAINER,
    ports: [
      { containerPort: proxy.ports.inbound, name: 'linkerd-proxy' },
      { containerPort: admin, name: 'linkerd-admin' },
    ],
    readinessProbe: probe('/ready', proxy.readinessProbe),
  };
  if (proxy.nativeSidecar && proxy.await) {
    container.startupProbe = {
      failureThreshold: proxy.startupProbe.failureThreshold,
      httpGet: { path: '/ready', port: admin },
      ...nonZero('initialDelaySeconds', proxy.startupProbe.initialDelaySeconds),
      ...nonZero('periodSeconds', proxy.startupProbe.periodSeconds),
    };
  }
  const resources = resourcesOf(proxy.resources);
  if (resources) container.resources = resources;
  container.securityContext = proxySecurityContext(values);
  container.terminationMessagePolicy = 'FallbackToLogsOnError';
  if (!proxy.nativeSidecar && (proxy.await || truthy(proxy.waitBeforeExitSeconds))) {
    container.lifecycle = {
      ...(proxy.await ? { postStart: { exec: { command: ['/usr/lib/linkerd/linkerd-await', '--timeout=2m', `--port=${goNumber(admin)}`] } } } : {}),
      ...(truthy(proxy.waitBeforeExitSeconds) ? { preStop: { exec: { command: ['/bin/sleep', goNumber(proxy.waitBeforeExitSeconds)] } } } : {}),
    };
  }
  container.volumeMounts = [{ mountPath: '/var/run/linkerd/identity/end-entity', name: VOLUME.identity }];
  if (proxy.tracing?.enabled) container.volumeMounts.push({ mountPath: '/var/run/linkerd/podinfo', name: VOLUME.podinfo });
  if (values.identity.serviceAccountTokenProjection) container.volumeMounts.push({ mountPath: '/var/run/secrets/tokens', name: VOLUME.token });
  if (proxy.saMountPath) container.volumeMounts.push(mountOf(proxy.saMountPath));
  if (proxy.nativeSidecar) container.restartPolicy = 'Always';
  return sortedDeep(container);
}

function proxySecurityContext(values: LinkerdValues): SecurityContext {
  const proxy = values.proxy;
  if (truthy(proxy.securityContext)) return proxy.securityContext as SecurityContext;
  const capabilities = proxy.capabilities;
  const caps = capabilities && (capabilities.add?.length || capabilities.drop?.length)
    ? { ...(capabilities.add?.length ? { add: [...capabilities.add] } : {}), ...(capabilities.drop?.length ? { drop: [...capabilities.drop] } : {}) }
    : undefined;
  return {
    allowPrivilegeEscalation: false,
    ...(caps ? { capabilities: caps } : {}),
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    runAsUser: proxy.uid,
    ...(Math.trunc(proxy.gid) >= 0 ? { runAsGroup: proxy.gid } : {}),
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** A shared mount as the injected containers list it (`readOnly: false` is dropped, as Go drops it). */
export function mountOf(mount: { name: string; mountPath: string; readOnly: boolean }): { mountPath: string; name: string; readOnly?: boolean } {
  return { mountPath: mount.mountPath, name: mount.name, ...(mount.readOnly ? { readOnly: true } : {}) };
}

function nonZero<K extends string>(key: K, value: number): Partial<Record<K, number>> {
  return value ? ({ [key]: value } as Record<K, number>) : {};
}
