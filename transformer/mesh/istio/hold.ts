/**
 * `holdApplicationUntilProxyStarts`: start the application only once the proxy is ready.
 * Istio ORs the config-level value (Helm `global.proxy.holdApplicationUntilProxyStarts`) with the
 * ProxyConfig value (mesh default + `proxy.istio.io/config`), so an annotation `false` cannot turn
 * off a config-level `true`. A native sidecar already starts first, so it needs neither the
 * `pilot-agent wait` postStart hook nor the reordering.
 */
import type { Lifecycle } from '../../kube/objects.js';
import type { ProxyConfig } from './proxy-config.js';

export function holdRequested(configHold: boolean, pc: ProxyConfig): boolean {
  return configHold || pc.holdApplicationUntilProxyStarts === true;
}

/** The postStart hook that blocks the other containers until the proxy is ready. */
export function holdLifecycle(): Lifecycle {
  return { postStart: { exec: { command: ['pilot-agent', 'wait'] } } };
}
