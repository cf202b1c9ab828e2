/**
 * The annotations `linkerd inject` writes for the values its flags changed (cli/cmd/inject.go
 * `getOverrideAnnotations`): each value that differs from the values the flags started from becomes
 * its `config.linkerd.io/*` annotation (ingress mode: `linkerd.io/inject: ingress`).
 */
import { valueAt } from './values-path.js';

/** [values key, annotation, how the value is written] in Linkerd's order. */
const OVERRIDES: readonly [string, string, ((v: unknown) => string)?][] = [
  ['proxy.image.version', 'config.linkerd.io/proxy-version'],
  ['proxyInit.ignoreInboundPorts', 'config.linkerd.io/skip-inbound-ports'],
  ['proxyInit.ignoreOutboundPorts', 'config.linkerd.io/skip-outbound-ports'],
  ['proxy.ports.admin', 'config.linkerd.io/admin-port'],
  ['proxy.ports.control', 'config.linkerd.io/control-port'],
  ['proxy.ports.inbound', 'config.linkerd.io/inbound-port'],
  ['proxy.ports.outbound', 'config.linkerd.io/outbound-port'],
  ['proxy.opaquePorts', 'config.linkerd.io/opaque-ports'],
  ['proxy.image.name', 'config.linkerd.io/proxy-image'],
  ['debugContainer.image.name', 'config.linkerd.io/debug-image'],
  ['debugContainer.image.version', 'config.linkerd.io/debug-image-version'],
  ['proxy.image.pullPolicy', 'config.linkerd.io/image-pull-policy'],
  ['proxy.uid', 'config.linkerd.io/proxy-uid'],
  // proxy.gid: below (only a set group id counts)
  ['proxy.logLevel', 'config.linkerd.io/proxy-log-level'],
  ['proxy.logFormat', 'config.linkerd.io/proxy-log-format'],
  ['proxy.requireIdentityOnInboundPorts', 'config.linkerd.io/proxy-require-identity-inbound-ports'],
  ['proxy.enableExternalProfiles', 'config.linkerd.io/enable-external-profiles'],
  ['proxy.metrics.hostnameLabels', 'config.linkerd.io/proxy-metrics-hostname-labels'],
  ['proxy.isIngress', 'linkerd.io/inject', () => 'ingress'],
  ['proxy.resources.cpu.request', 'config.linkerd.io/proxy-cpu-request'],
  ['proxy.resources.cpu.limit', 'config.linkerd.io/proxy-cpu-limit'],
  ['proxy.resources.memory.request', 'config.linkerd.io/proxy-memory-request'],
  ['proxy.resources.memory.limit', 'config.linkerd.io/proxy-memory-limit'],
  ['proxy.waitBeforeExitSeconds', 'config.alpha.linkerd.io/proxy-wait-before-exit-seconds'],
  ['proxy.await', 'config.linkerd.io/proxy-await', (v) => (v === true ? 'enabled' : 'disabled')],
  ['proxy.defaultInboundPolicy', 'config.linkerd.io/default-inbound-policy'],
  ['proxy.accessLog', 'config.linkerd.io/access-log'],
  ['proxy.shutdownGracePeriod', 'config.linkerd.io/shutdown-grace-period'],
  ['proxy.nativeSidecar', 'config.linkerd.io/proxy-enable-native-sidecar'],
];

/** Go's `%v` of a scalar value as Helm values hold it. */
function goText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return String(value);
}

export function overrideAnnotations(values: unknown, base: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, annotation, write] of OVERRIDES) {
    const value = valueAt(values, path);
    if (!sameValue(value, valueAt(base, path))) out[annotation] = (write ?? goText)(value);
  }
  const gid = Number(valueAt(values, 'proxy.gid') ?? -1);
  const baseGid = Number(valueAt(base, 'proxy.gid') ?? -1);
  if (gid >= 0 && (baseGid < 0 || gid !== baseGid)) out['config.linkerd.io/proxy-gid'] = String(gid);
  return out;
}

/** Go compares the typed fields: absent and zero are the same value. */
function sameValue(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'bigint' ? v.toString() : String(v));
  return norm(a) === norm(b);
}
