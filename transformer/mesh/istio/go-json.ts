/**
 * JSON in the key order Go's `encoding/json` uses for Kubernetes core types (struct field order),
 * for the values Istio records as JSON text: `proxy.istio.io/overrides` (containers) and
 * `ISTIO_KUBE_APP_PROBERS` (probe actions). Keys not in a table keep their order after the known ones.
 */
import { isObject } from '../../kube/objects.js';

interface Shape {
  keys: readonly string[];
  /** Shape of the value under a key (objects) or of each element (lists). */
  nested?: Readonly<Record<string, Shape>>;
}

const HTTP_GET: Shape = { keys: ['path', 'port', 'host', 'scheme', 'httpHeaders'], nested: { httpHeaders: { keys: ['name', 'value'] } } };
const TCP_SOCKET: Shape = { keys: ['port', 'host'] };
const GRPC: Shape = { keys: ['port', 'service'] };
const EXEC: Shape = { keys: ['command'] };

const HANDLER: Shape = {
  keys: ['exec', 'httpGet', 'tcpSocket', 'sleep'],
  nested: { exec: EXEC, httpGet: HTTP_GET, tcpSocket: TCP_SOCKET },
};

const PROBE: Shape = {
  keys: [
    'exec', 'httpGet', 'tcpSocket', 'grpc', 'initialDelaySeconds', 'timeoutSeconds', 'periodSeconds',
    'successThreshold', 'failureThreshold', 'terminationGracePeriodSeconds',
  ],
  nested: { exec: EXEC, httpGet: HTTP_GET, tcpSocket: TCP_SOCKET, grpc: GRPC },
};

const SECURITY_CONTEXT: Shape = {
  keys: [
    'capabilities', 'privileged', 'seLinuxOptions', 'windowsOptions', 'runAsUser', 'runAsGroup', 'runAsNonRoot',
    'readOnlyRootFilesystem', 'allowPrivilegeEscalation', 'procMount', 'seccompProfile', 'appArmorProfile',
  ],
  nested: { capabilities: { keys: ['add', 'drop'] } },
};

const ENV_VAR: Shape = {
  keys: ['name', 'value', 'valueFrom'],
  nested: {
    valueFrom: {
      keys: ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef', 'fileKeyRef'],
      nested: {
        fieldRef: { keys: ['apiVersion', 'fieldPath'] },
        resourceFieldRef: { keys: ['containerName', 'resource', 'divisor'] },
      },
    },
  },
};

export const CONTAINER_SHAPE: Shape = {
  keys: [
    'name', 'image', 'command', 'args', 'workingDir', 'ports', 'envFrom', 'env', 'resources', 'resizePolicy',
    'restartPolicy', 'restartPolicyRules', 'volumeMounts', 'volumeDevices', 'livenessProbe', 'readinessProbe',
    'startupProbe', 'lifecycle', 'terminationMessagePath', 'terminationMessagePolicy', 'imagePullPolicy',
    'securityContext', 'stdin', 'stdinOnce', 'tty',
  ],
  nested: {
    ports: { keys: ['name', 'hostPort', 'containerPort', 'protocol', 'hostIP'] },
    env: ENV_VAR,
    resources: { keys: ['limits', 'requests', 'claims'] },
    volumeMounts: { keys: ['name', 'readOnly', 'recursiveReadOnly', 'mountPath', 'subPath', 'mountPropagation', 'subPathExpr'] },
    livenessProbe: PROBE,
    readinessProbe: PROBE,
    startupProbe: PROBE,
    lifecycle: { keys: ['postStart', 'preStop', 'stopSignal'], nested: { postStart: HANDLER, preStop: HANDLER } },
    securityContext: SECURITY_CONTEXT,
  },
};

/** Istio's prober record (`status.Prober`). */
export const PROBER_SHAPE: Shape = {
  keys: ['httpGet', 'tcpSocket', 'grpc', 'timeoutSeconds'],
  nested: { httpGet: HTTP_GET, tcpSocket: TCP_SOCKET, grpc: GRPC },
};

/** A copy of `value` with object keys in Go struct order. */
export function goOrdered(value: unknown, shape?: Shape): unknown {
  if (Array.isArray(value)) return value.map((v) => goOrdered(v, shape));
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  const known = shape?.keys ?? [];
  for (const key of known) if (key in value) out[key] = goOrdered(value[key], shape?.nested?.[key]);
  for (const key of Object.keys(value)) if (!known.includes(key)) out[key] = goOrdered(value[key]);
  return out;
}

/** A container as Go marshals `corev1.Container`: `resources` always present. */
export function containerJson(container: object): string {
  const withResources = { resources: {}, ...container };
  return goJsonStringify(goOrdered(withResources, CONTAINER_SHAPE));
}

/** `JSON.stringify` with Go `encoding/json`'s HTML-safe escaping of `<`, `>`, `&`, U+2028, U+2029. */
export function goJsonStringify(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
