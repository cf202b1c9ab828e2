/**
 * The pod's `config.linkerd.io/*` annotations laid over the values, as Linkerd's
 * `ApplyAnnotationOverrides` does: a value Linkerd cannot parse leaves the setting as it was, with
 * Linkerd's warning as a warning result.
 */
import type { EnvVar } from '../../kube/objects.js';
import type { Result } from '../../results.js';
import { goSeconds, parseGoBool, parseGoFloat, parseGoInt, parseQuantity, wholeCpuCores } from './go-parse.js';
import { parseGoDuration } from '../../gotemplate/go-duration.js';
import { CONFIG_ANN as A, DEFAULT_INBOUND_POLICIES, INJECT, ANN } from './names.js';
import { parseOpaquePorts } from './port-ranges.js';
import type { LinkerdValues } from './values.js';

type Annotations = Readonly<Record<string, string>>;

interface OverrideContext {
  /** Named container ports of the pod (init containers first), for `opaque-ports`. */
  namedPorts: ReadonlyMap<string, number>;
}

/** Applies the annotations to `values` in place; returns the warnings. */
export function applyAnnotationOverrides(values: LinkerdValues, annotations: Annotations, ctx: OverrideContext): Result[] {
  const warnings: Result[] = [];
  const warn = (name: string, message: string) =>
    warnings.push({ severity: 'warning', code: 'unknown-annotation-value', field: { path: `metadata.annotations.${name}` }, message: `${message}; the value is ignored, as Linkerd ignores it` });
  const has = (name: string) => Object.hasOwn(annotations, name);
  const get = (name: string) => annotations[name]!;
  const proxy = values.proxy;

  if (has(ANN.inject) && get(ANN.inject) === INJECT.ingress) proxy.isIngress = true;
  if (has(A.image)) proxy.image.name = get(A.image);
  if (has(A.version)) proxy.image.version = get(A.version);
  if (has(A.imagePullPolicy)) proxy.image.pullPolicy = get(A.imagePullPolicy);

  for (const [name, port] of [[A.controlPort, 'control'], [A.inboundPort, 'inbound'], [A.adminPort, 'admin'], [A.outboundPort, 'outbound']] as const) {
    if (!has(name)) continue;
    const value = parseGoInt(get(name), 32);
    if (value === undefined) warn(name, `invalid value "${get(name)}" for the ${name} annotation: a port number is expected`);
    else proxy.ports[port] = value;
  }
  // pod-inbound-ports is read by Linkerd and then replaced by the ports the pod declares: no effect.
  if (has(A.adminShutdown)) {
    const v = get(A.adminShutdown);
    if (v === INJECT.enabled || v === INJECT.disabled) proxy.enableShutdownEndpoint = v === INJECT.enabled;
    else warn(A.adminShutdown, `unrecognized value used for the ${A.adminShutdown} annotation, valid values are: [enabled, disabled]`);
  }
  if (has(A.logLevel)) proxy.logLevel = get(A.logLevel);
  if (has(A.logHttpHeaders)) proxy.logHTTPHeaders = get(A.logHttpHeaders);
  if (has(A.logFormat)) proxy.logFormat = get(A.logFormat);
  if (has(A.requireIdentityInboundPorts)) proxy.requireIdentityOnInboundPorts = get(A.requireIdentityInboundPorts);
  if (has(A.hostnameLabels)) {
    const v = parseGoBool(get(A.hostnameLabels));
    if (v === undefined) warn(A.hostnameLabels, boolMessage(A.hostnameLabels, get(A.hostnameLabels)));
    else proxy.metrics.hostnameLabels = v;
  }

  const durationMs = (name: string, label: string, set: (ms: string) => void) => {
    if (!has(name)) return;
    const d = parseGoDuration(get(name));
    if ('error' in d) warn(name, `unrecognized ${label} duration value found on pod annotation: ${d.error}`);
    else set(`${Math.trunc(goSeconds(d.nanos) * 1000)}ms`);
  };
  const durationS = (name: string, set: (s: string) => void) => {
    if (!has(name)) return;
    const d = parseGoDuration(get(name));
    if ('error' in d) warn(name, `unrecognized duration value used on pod annotation ${name}: ${d.error}`);
    else set(`${Math.trunc(goSeconds(d.nanos))}s`);
  };
  durationMs(A.outboundConnectTimeout, 'proxy-outbound-connect-timeout', (v) => (proxy.outboundConnectTimeout = v));
  durationMs(A.inboundConnectTimeout, 'proxy-inbound-connect-timeout', (v) => (proxy.inboundConnectTimeout = v));
  durationS(A.outboundDiscoveryCacheUnusedTimeout, (v) => (proxy.outboundDiscoveryCacheUnusedTimeout = v));
  durationS(A.inboundDiscoveryCacheUnusedTimeout, (v) => (proxy.inboundDiscoveryCacheUnusedTimeout = v));
  for (const [name, key] of [[A.disableOutboundProtocolDetectTimeout, 'disableOutboundProtocolDetectTimeout'], [A.disableInboundProtocolDetectTimeout, 'disableInboundProtocolDetectTimeout']] as const) {
    if (!has(name)) continue;
    const v = parseGoBool(get(name));
    if (v === undefined) warn(name, `unrecognised value used on pod annotation ${name}: ${boolError(get(name))}`);
    else proxy[key] = v;
  }
  durationMs(A.shutdownGracePeriod, 'proxy-shutdown-grace-period', (v) => (proxy.shutdownGracePeriod = v));
  if (has(A.enableGateway)) {
    const v = parseGoBool(get(A.enableGateway));
    if (v === undefined) warn(A.enableGateway, boolMessage(A.enableGateway, get(A.enableGateway)));
    else proxy.isGateway = v;
  }
  if (has(A.waitBeforeExitSeconds)) {
    const v = parseGoInt(get(A.waitBeforeExitSeconds), 64, true);
    if (v === undefined) warn(A.waitBeforeExitSeconds, `unrecognized value used for the ${A.waitBeforeExitSeconds} annotation, uint64 is expected: ${get(A.waitBeforeExitSeconds)}`);
    else proxy.waitBeforeExitSeconds = v;
  }
  // The GA name wins over beta, beta over alpha; an unparsable value of the winner changes nothing.
  const nativeName = [A.nativeSidecar, A.nativeSidecarBeta, A.nativeSidecarAlpha].find(has);
  if (nativeName) {
    const v = parseGoBool(get(nativeName));
    if (v === undefined) warn(nativeName, boolMessage(nativeName, get(nativeName)));
    else proxy.nativeSidecar = v;
  }

  applyResourceOverrides(values, annotations, warn);

  if (has(A.uid)) {
    const v = parseGoInt(get(A.uid), 64);
    if (v === undefined) warn(A.uid, `invalid value "${get(A.uid)}" for the ${A.uid} annotation: an integer is expected`);
    else proxy.uid = v;
  }
  if (has(A.gid)) {
    const v = parseGoInt(get(A.gid), 64);
    if (v === undefined) warn(A.gid, `invalid value "${get(A.gid)}" for the ${A.gid} annotation: an integer is expected`);
    else proxy.gid = v;
  }
  if (has(A.enableExternalProfiles)) {
    const v = parseGoBool(get(A.enableExternalProfiles));
    if (v === undefined) warn(A.enableExternalProfiles, boolMessage(A.enableExternalProfiles, get(A.enableExternalProfiles)));
    else proxy.enableExternalProfiles = v;
  }
  if (has(A.skipInboundPorts)) values.proxyInit.ignoreInboundPorts = get(A.skipInboundPorts);
  if (has(A.skipOutboundPorts)) values.proxyInit.ignoreOutboundPorts = get(A.skipOutboundPorts);
  if (has(A.opaquePorts)) {
    const parsed = parseOpaquePorts(get(A.opaquePorts), ctx.namedPorts);
    for (const problem of parsed.problems) warn(A.opaquePorts, problem);
    proxy.opaquePorts = parsed.ranges.join(',');
  }
  if (has(A.debugImage)) values.debugContainer.image.name = get(A.debugImage);
  if (has(A.debugImageVersion)) values.debugContainer.image.version = get(A.debugImageVersion);
  if (has(A.debugImagePullPolicy)) values.debugContainer.image.pullPolicy = get(A.debugImagePullPolicy);
  if (has(A.await)) {
    const v = get(A.await);
    if (v === INJECT.enabled || v === INJECT.disabled) proxy.await = v === INJECT.enabled;
    else warn(A.await, `unrecognized value used for the ${A.await} annotation, valid values are: [enabled, disabled]`);
  }
  if (has(A.defaultInboundPolicy)) {
    const v = get(A.defaultInboundPolicy);
    if (DEFAULT_INBOUND_POLICIES.includes(v)) proxy.defaultInboundPolicy = v;
    else warn(A.defaultInboundPolicy, `unrecognized value used for the ${A.defaultInboundPolicy} annotation, valid values are: [${DEFAULT_INBOUND_POLICIES.join(', ')}]`);
  }
  if (has(A.skipSubnets)) values.proxyInit.skipSubnets = get(A.skipSubnets);
  if (has(A.accessLog)) proxy.accessLog = get(A.accessLog);
  return warnings;
}

function applyResourceOverrides(values: LinkerdValues, annotations: Annotations, warn: (name: string, message: string) => void): void {
  const proxy = values.proxy;
  const quantity = (name: string, set: (text: string, canonical: string) => void) => {
    const text = annotations[name];
    if (text === undefined) return;
    const q = parseQuantity(text);
    if ('error' in q) warn(name, `${q.error} (${name})`);
    else set(text, q.canonical);
  };
  quantity(A.cpuRequest, (text, canonical) => {
    proxy.resources.cpu.request = text;
    proxy.runtime.workers.minimum = wholeCpuCores(canonical);
  });
  quantity(A.cpuLimit, (text, canonical) => {
    proxy.resources.cpu.limit = text;
    proxy.runtime.workers.maximum = wholeCpuCores(canonical);
  });
  const ratioText = annotations[A.cpuRatioLimit];
  if (ratioText !== undefined) {
    const ratio = parseGoFloat(ratioText);
    if (ratio === undefined) warn(A.cpuRatioLimit, `strconv.ParseFloat: parsing ${JSON.stringify(ratioText)}: invalid syntax (${A.cpuRatioLimit})`);
    else if (!(ratio > 0 && ratio < 1)) warn(A.cpuRatioLimit, `invalid value used for the ${A.cpuRatioLimit} annotation, valid values are between 0.0 and 1.0`);
    else proxy.runtime.workers.maximumCPURatio = ratio;
  }
  quantity(A.memoryRequest, (text) => (proxy.resources.memory.request = text));
  quantity(A.memoryLimit, (text) => (proxy.resources.memory.limit = text));
  quantity(A.ephemeralStorageRequest, (text) => (proxy.resources['ephemeral-storage'].request = text));
  quantity(A.ephemeralStorageLimit, (text) => (proxy.resources['ephemeral-storage'].limit = text));
}

function boolError(text: string): string {
  return `strconv.ParseBool: parsing ${JSON.stringify(text)}: invalid syntax`;
}

function boolMessage(name: string, text: string): string {
  return `invalid value "${text}" for the ${name} annotation: ${boolError(text)}`;
}

/**
 * `config.linkerd.io/proxy-additional-env` of the namespace, then of the workload, merged by
 * name into `proxy.additionalEnv` (a later layer replaces an entry of the same name).
 */
export function mergeAdditionalEnv(values: LinkerdValues, layers: readonly (Annotations | undefined)[]): Result[] {
  const warnings: Result[] = [];
  for (const annotations of layers) {
    const text = annotations?.[A.additionalEnv];
    if (!text) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      warnings.push(additionalEnvWarning((err as Error).message));
      continue;
    }
    if (!Array.isArray(parsed) || !parsed.every((e) => typeof e === 'object' && e !== null && typeof (e as EnvVar).name === 'string')) {
      warnings.push(additionalEnvWarning('expected a JSON list of env vars ({"name": ..., "value": ...})'));
      continue;
    }
    const merged = [...(values.proxy.additionalEnv ?? [])];
    for (const env of parsed as EnvVar[]) {
      const at = merged.findIndex((e) => e.name === env.name);
      if (at >= 0) merged[at] = env;
      else merged.push(env);
    }
    values.proxy.additionalEnv = merged;
  }
  return warnings;
}

function additionalEnvWarning(detail: string): Result {
  return {
    severity: 'warning',
    code: 'unknown-annotation-value',
    field: { path: `metadata.annotations.${A.additionalEnv}` },
    message: `invalid JSON in ${A.additionalEnv} annotation: ${detail}; the annotation is ignored, as Linkerd ignores it`,
  };
}
