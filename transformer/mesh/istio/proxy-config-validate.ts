/** Checks of an effective ProxyConfig that a pod's `proxy.istio.io/config` annotation can break. */
import { durationNanos } from './durations.js';
import type { ProxyConfig } from './proxy-config.js';

/**
 * The subset of Istio's `ValidateMeshConfigProxyConfig` that a pod annotation can break:
 * run on Go's defaults merged with the annotation, as Istio's annotation validation does.
 */
export function validateProxyConfig(pc: ProxyConfig): string[] {
  const errors: string[] = [];
  const drain = pc.drainDuration;
  if (typeof drain === 'string') {
    const nanos = durationNanos(drain);
    if (nanos === undefined || nanos < 1_000_000n) errors.push('invalid drain duration: duration must be greater than 1ms');
    else if (nanos % 1_000_000_000n !== 0n) errors.push('drain time only supports durations to seconds precision');
  }
  const address = pc.discoveryAddress;
  if (typeof address !== 'string' || address === '') {
    errors.push('discovery address must be set to the proxy discovery service');
  } else {
    const problem = proxyAddressProblem(address);
    if (problem) errors.push(`invalid discovery address: ${problem}`);
  }
  return errors;
}

function proxyAddressProblem(address: string): string | undefined {
  const m = /^(?:\[([^\]]+)\]|([^:]*)):([^:]+)$/.exec(address);
  if (!m) return `unable to split "${address}" into host and port`;
  const port = Number(m[3]);
  if (!/^[0-9]+$/.test(m[3]!) || port < 1 || port > 65535) return `port (${m[3]}) must be a number in 1..65535`;
  const host = m[1] ?? m[2] ?? '';
  if (host === '') return `"${host}" is not a valid hostname or an IP address`;
  return undefined;
}
