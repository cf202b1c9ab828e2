/**
 * App probe rewrite: with mTLS the kubelet cannot reach the app's probes, so every httpGet,
 * tcpSocket and gRPC readiness/liveness/startup probe and httpGet/tcpSocket preStop/postStart
 * hook of the app's containers and init containers becomes an httpGet on the agent's status port
 * (`/app-health/<container>/<readyz|livez|startupz>`, `/app-lifecycle/<container>/<prestopz|poststartz>`;
 * HTTPS becomes HTTP). The originals, named ports resolved, go into the proxy's
 * ISTIO_KUBE_APP_PROBERS (JSON object, keys sorted) for the agent to call. exec probes are untouched.
 *
 * On when `sidecar.istio.io/rewriteAppHTTPProbers` parses as true, or is absent/unparsable and
 * config `rewriteAppHTTPProbe` is true.
 */
import type { Container, EnvVar, HTTPGetAction, LifecycleHandler, Probe } from '../../kube/objects.js';
import { isObject } from '../../kube/objects.js';
import type { PodTemplate } from '../types.js';
import { parseGoBool, parseGoInt } from './go-compat.js';
import { goJsonStringify } from '../../go/go-json-text.js';
import { proberJson } from './recorded-json.js';
import { ANN, PROXY_CONTAINER } from './names.js';
import { findProxy, mapProxy } from './pod-access.js';

export const PROBERS_ENV = 'ISTIO_KUBE_APP_PROBERS';

const PROBES = [
  ['readinessProbe', 'readyz'],
  ['livenessProbe', 'livez'],
  ['startupProbe', 'startupz'],
] as const;
const HOOKS = [
  ['preStop', 'prestopz'],
  ['postStart', 'poststartz'],
] as const;

interface ProbeRewriteSettings {
  /** `sidecarInjectorWebhook.rewriteAppHTTPProbe` (the pod's `sidecar.istio.io/rewriteAppHTTPProbers` wins). */
  rewriteAppHTTPProbe: boolean;
  /** ProxyConfig `statusPort`, unless the pod's `status.sidecar.istio.io/port` says otherwise. */
  statusPort: number;
  /** Re-injection: merge with the proxy's existing ISTIO_KUBE_APP_PROBERS (old entries win) instead of appending. */
  previouslyInjected?: boolean;
}

/**
 * Rewrite the injected pod's probes when enabled, recording the originals on the proxy. Like
 * Istio's `applyRewrite`, a pod without an `istio-proxy` (a custom template) is left alone.
 */
export function applyProbeRewrite(pod: PodTemplate, settings: ProbeRewriteSettings): PodTemplate {
  const annotations = pod.metadata.annotations ?? {};
  if (!findProxy(pod) || !shouldRewriteProbes(annotations, settings.rewriteAppHTTPProbe)) return pod;
  const probers = dumpAppProbers(pod, settings.statusPort);
  const withProbers = probers === undefined
    ? pod
    : mapProxy(pod, (proxy) => ({ ...proxy, env: settings.previouslyInjected ? mergeProbers(proxy.env ?? [], probers) : [...(proxy.env ?? []), { name: PROBERS_ENV, value: probers }] }));
  // Validated as a port number; Istio falls back to 0 if it were not.
  const annotated = annotations[ANN.statusPort];
  const statusPort = annotated === undefined ? settings.statusPort : (parseGoInt(String(annotated)) ?? 0);
  return rewriteAppProbes(withProbers, statusPort);
}

/** Istio's `mergeOrAppendProbers` on re-injection: old and new probers merged (old win), keys sorted. */
function mergeProbers(env: readonly EnvVar[], probers: string): EnvVar[] {
  const at = env.findIndex((e) => e.name === PROBERS_ENV);
  if (at < 0) return [...env, { name: PROBERS_ENV, value: probers }];
  let merged: Record<string, unknown>;
  try {
    merged = { ...(JSON.parse(probers) as Record<string, unknown>), ...(JSON.parse(env[at]!.value ?? '') as Record<string, unknown>) };
  } catch {
    return [...env];
  }
  const value = `{${Object.keys(merged).sort().map((k) => `${goJsonStringify(k)}:${proberJson(merged[k])}`).join(',')}}`;
  return env.map((e, i) => (i === at ? { name: PROBERS_ENV, value } : e));
}

function shouldRewriteProbes(annotations: Readonly<Record<string, string>>, configSetting: boolean): boolean {
  const value = annotations[ANN.rewriteAppHTTPProbers];
  return (value === undefined ? undefined : parseGoBool(value)) ?? configSetting;
}

function appHealthPath(container: string, kind: string): string {
  return `/app-health/${container}/${kind}`;
}

function appLifecyclePath(container: string, kind: string): string {
  return `/app-lifecycle/${container}/${kind}`;
}

type Prober = Record<string, unknown>;

/**
 * The ISTIO_KUBE_APP_PROBERS value for the pod's current probes, or undefined when there is none.
 * `targetPort` is the agent's port: a probe already pointing there was rewritten before.
 */
export function dumpAppProbers(pod: PodTemplate, targetPort: number): string | undefined {
  const out: Record<string, Prober> = {};
  for (const c of appContainers(pod)) {
    const named = new Map<string, number>();
    for (const p of c.ports ?? []) if (p.name) named.set(p.name, p.containerPort);
    for (const [field, kind] of PROBES) {
      const prober = resolvePort(proberOf(c[field]), named, targetPort);
      if (prober) out[appHealthPath(c.name, kind)] = prober;
    }
    for (const [field, kind] of HOOKS) {
      const prober = resolvePort(proberOf(c.lifecycle?.[field], false), named, targetPort);
      if (prober) out[appLifecyclePath(c.name, kind)] = prober;
    }
  }
  const keys = Object.keys(out).sort();
  if (keys.length === 0) return undefined;
  return `{${keys.map((k) => `${goJsonStringify(k)}:${proberJson(out[k])}`).join(',')}}`;
}

/** Point every rewritable probe and hook of the app's containers at the agent on `statusPort`. */
function rewriteAppProbes(pod: PodTemplate, statusPort: number): PodTemplate {
  const rewrite = (c: Container): Container => (c.name === PROXY_CONTAINER ? c : rewriteContainer(c, statusPort));
  return {
    ...pod,
    spec: {
      ...pod.spec,
      ...(pod.spec.containers ? { containers: pod.spec.containers.map(rewrite) } : {}),
      ...(pod.spec.initContainers ? { initContainers: pod.spec.initContainers.map(rewrite) } : {}),
    },
  };
}

function rewriteContainer(c: Container, statusPort: number): Container {
  const out: Container = { ...c };
  for (const [field, kind] of PROBES) {
    const probe = c[field];
    if (probe && hasRewritableAction(probe, true)) out[field] = toAgentGet(probe, appHealthPath(c.name, kind), statusPort);
  }
  if (c.lifecycle) {
    const lifecycle = { ...c.lifecycle };
    for (const [field, kind] of HOOKS) {
      const hook = c.lifecycle[field];
      if (hook && hasRewritableAction(hook, false)) lifecycle[field] = toAgentGet(hook, appLifecyclePath(c.name, kind), statusPort);
    }
    out.lifecycle = lifecycle;
  }
  return out;
}

function hasRewritableAction(action: Probe | LifecycleHandler, grpc: boolean): boolean {
  return isObject(action.httpGet) || isObject(action.tcpSocket) || (grpc && isObject((action as Probe).grpc));
}

/** Same probe with its action (httpGet, else tcpSocket, else grpc) replaced in place by an httpGet. */
function toAgentGet<T extends Probe | LifecycleHandler>(action: T, path: string, port: number): T {
  const out: Record<string, unknown> = {};
  const replaced = isObject(action.httpGet) ? 'httpGet' : isObject(action.tcpSocket) ? 'tcpSocket' : 'grpc';
  for (const [key, value] of Object.entries(action)) {
    if (key !== replaced) out[key] = value;
    else if (replaced === 'httpGet') out.httpGet = agentGet({ ...(value as HTTPGetAction) }, path, port);
    else out.httpGet = agentGet({ port }, path, port);
  }
  return out as T;
}

function agentGet(get: HTTPGetAction, path: string, port: number): HTTPGetAction {
  get.port = port;
  get.path = path;
  if (get.scheme === 'HTTPS') get.scheme = 'HTTP';
  return get;
}

function appContainers(pod: PodTemplate): Container[] {
  return [...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? [])].filter((c) => c.name !== PROXY_CONTAINER);
}

/** Istio's prober record: the action and (for probes) the timeout. */
function proberOf(action: Probe | LifecycleHandler | undefined, isProbe = true): Prober | undefined {
  if (!action) return undefined;
  const timeout = isProbe ? (action as Probe).timeoutSeconds : undefined;
  const withTimeout = (p: Prober): Prober => (timeout ? { ...p, timeoutSeconds: timeout } : p);
  if (isObject(action.httpGet)) return withTimeout({ httpGet: dropEmpty({ ...action.httpGet }) });
  if (isObject(action.tcpSocket)) return withTimeout({ tcpSocket: dropEmpty({ ...action.tcpSocket }) });
  const grpc = isProbe ? (action as Probe).grpc : undefined;
  if (isObject(grpc)) return withTimeout({ grpc: { port: grpc.port, service: grpc.service ?? null } });
  return undefined;
}

/** Resolve a named port; drop probers whose name does not resolve or that were already rewritten. */
function resolvePort(prober: Prober | undefined, named: ReadonlyMap<string, number>, targetPort: number): Prober | undefined {
  if (!prober || prober.grpc) return prober;
  const action = (prober.httpGet ?? prober.tcpSocket) as { port?: unknown };
  if (typeof action.port === 'string') {
    const resolved = named.get(action.port);
    if (resolved === undefined) return undefined;
    action.port = resolved;
  } else if (action.port === targetPort) {
    return undefined;
  }
  return prober;
}

/** Go omits empty strings and lists of `omitempty` fields. */
function dropEmpty<T extends object>(value: T): T {
  for (const [k, v] of Object.entries(value)) {
    if (v === '' || v === null || (Array.isArray(v) && v.length === 0)) delete (value as Record<string, unknown>)[k];
  }
  return value;
}
