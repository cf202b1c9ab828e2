/**
 * The injector's Helm values (`data.values`): the templates' `.Values` (a Go
 * `map[string]interface{}`, numbers as float64, which JS numbers already are) and the few settings
 * Istio's Go code reads from its typed copy (`opconfig.Values`): image parts, cluster and network,
 * the hold flag and probe rewriting. A missing typed setting is its zero value (false, ""), as
 * with the proto getters Istio uses.
 */
import { sprint } from '../../gotemplate/index.js';
import type { DeepReadonly } from '../../data/deep-readonly.js';
import { isObject } from '../../kube/objects.js';
import type { ValuesImageSettings } from '../istio/images.js';

export type ValuesMap = Record<string, unknown>;

export interface ValuesSettings extends ValuesImageSettings {
  /** `global.proxy.image` (default `proxyv2`). */
  proxyImageName: string;
  /** `global.proxy_init.image` (default `proxyv2`). */
  proxyInitImageName: string;
  /** `global.multiCluster.clusterName`. */
  clusterName: string;
  /** `global.network`. */
  network: string;
  /** `global.proxy.holdApplicationUntilProxyStarts`. */
  holdApplicationUntilProxyStarts: boolean;
  /** `sidecarInjectorWebhook.rewriteAppHTTPProbe`. */
  rewriteAppHTTPProbe: boolean;
}

const DEFAULT_IMAGE = 'proxyv2';

function at(values: DeepReadonly<ValuesMap>, path: string): unknown {
  let node: unknown = values;
  for (const key of path.split('.')) node = isObject(node) ? node[key] : undefined;
  return node;
}

function str(values: DeepReadonly<ValuesMap>, path: string): string {
  const v = at(values, path);
  return typeof v === 'string' ? v : '';
}

export function valuesSettings(values: DeepReadonly<ValuesMap>): ValuesSettings {
  const tag = at(values, 'global.tag');
  return {
    hub: str(values, 'global.hub'),
    // Istio: fmt.Sprintf("%v", tag.AsInterface()): a number tag prints as Go prints a float64.
    tag: tag === undefined || tag === null ? '' : sprint([tag]),
    variant: str(values, 'global.variant'),
    proxyImageName: str(values, 'global.proxy.image') || DEFAULT_IMAGE,
    proxyInitImageName: str(values, 'global.proxy_init.image') || DEFAULT_IMAGE,
    clusterName: str(values, 'global.multiCluster.clusterName'),
    network: str(values, 'global.network'),
    holdApplicationUntilProxyStarts: at(values, 'global.proxy.holdApplicationUntilProxyStarts') === true,
    rewriteAppHTTPProbe: at(values, 'sidecarInjectorWebhook.rewriteAppHTTPProbe') === true,
  };
}
