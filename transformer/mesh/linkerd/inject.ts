/**
 * One pod template → the pod Linkerd's proxy injector (or `linkerd inject --manual`) produces.
 *
 * 1. the namespace's config annotations the pod does not set itself are inherited;
 * 2. the pod's config annotations are laid over the values (warnings for values Linkerd ignores);
 * 3. the proxy, its init container (or the CNI network validator), the debug sidecar and the
 *    volumes are rendered and placed (native sidecar or classic);
 * 4. labels and annotations are added.
 *
 * Injectability (opt-out, hostNetwork, an existing sidecar, no identity token) is checked first.
 */
import type { DeepReadonly } from '../../data/deep-readonly.js';
import { cloneData, isObject } from '../../kube/objects.js';
import type { Container, PodSpec } from '../../kube/objects.js';
import type { Result } from '../../results.js';
import type { PodTemplate } from '../types.js';
import { debugContainer } from './debug-container.js';
import { goSeconds, parseGoBool } from './go-parse.js';
import { parseGoDuration } from '../../gotemplate/go-duration.js';
import { networkValidatorContainer, proxyInitContainer } from './init-container.js';
import { injectedAnnotations, injectedLabels, withEntries, withMetadata, type Owner } from './metadata.js';
import { CONFIG_ANN, NAMESPACE_INHERITED } from './names.js';
import { applyAnnotationOverrides, mergeAdditionalEnv } from './overrides.js';
import { placeContainers } from './placement.js';
import { podFacts, REASONS } from './pod-facts.js';
import { defaultOpaquePortsDeclared, firstContainerCapabilities, namedPorts, podInboundPorts, serviceAccountMount } from './pod-reading.js';
import { proxyContainer } from './proxy-container.js';
import { ProxyTemplateError } from './proxy-env.js';
import { tracingLabels } from './tracing.js';
import type { LinkerdValues } from './values.js';
import { injectedVolumes } from './volumes.js';

export interface LinkerdPodInput {
  /** The pristine (never-injected) pod template. Not mutated. */
  pod: PodTemplate;
  owner: Owner;
  values: DeepReadonly<LinkerdValues>;
  /** Annotations of the pod's Namespace, when known (config.linkerd.io/* there apply to its pods, pod wins). */
  namespaceAnnotations?: Readonly<Record<string, string>>;
  /** The `linkerd.io/created-by` value, e.g. 'linkerd/cli dev-undefined' or 'mesh-inject 0.1.0'. */
  createdBy: string;
  /**
   * Annotations `linkerd inject` writes from its flags (its "override annotations", and
   * `config.linkerd.io/enable-debug-sidecar` for --enable-debug-sidecar). They are written on the pod
   * but not read back as overrides: `values` already carries the flags, as in `linkerd inject`
   * (so `--opaque-ports=mysql` stays `mysql`, and `--proxy-cpu-limit` sets no worker maximum).
   */
  cliAnnotations?: Readonly<Record<string, string>>;
  /**
   * 'cli' (default): what `linkerd inject --manual` writes. 'webhook': what the proxy injector
   * writes, which also annotates the pod with the default opaque ports it declares
   * (`config.linkerd.io/opaque-ports`) when neither the pod nor its namespace sets them.
   */
  origin?: 'cli' | 'webhook';
}

export function injectLinkerdPod(input: LinkerdPodInput): { pod: PodTemplate | null; results: Result[] } {
  const metadata = isObject(input.pod.metadata) ? input.pod.metadata : {};
  const refused = refusal(input);
  if (refused) return { pod: null, results: [refused] };
  const spec = input.pod.spec;
  const own = stringMap(metadata.annotations);

  const inherited: Record<string, string> = {};
  for (const key of NAMESPACE_INHERITED) {
    const value = input.namespaceAnnotations?.[key];
    if (value !== undefined && !Object.hasOwn(own, key)) inherited[key] = value;
  }
  const overrides: Record<string, string> = { ...own, ...inherited };
  if (input.origin === 'webhook' && !Object.hasOwn(overrides, CONFIG_ANN.opaquePorts) && !input.cliAnnotations?.[CONFIG_ANN.opaquePorts]) {
    const ports = defaultOpaquePortsDeclared(spec, input.values.proxy.opaquePorts);
    if (ports) inherited[CONFIG_ANN.opaquePorts] = overrides[CONFIG_ANN.opaquePorts] = ports;
  }
  const written = { ...overrides, ...(input.cliAnnotations ?? {}) };

  const values = cloneData(input.values) as LinkerdValues;
  const results: Result[] = [
    ...applyAnnotationOverrides(values, overrides, { namedPorts: namedPorts(spec) }),
    ...mergeAdditionalEnv(values, [input.namespaceAnnotations, own]),
  ];
  values.proxy.podInboundPorts = podInboundPorts(spec);
  const networks = checkClusterNetworks(values.clusterNetworks);
  if (networks) return { pod: null, results: [...results, networks] };

  const capabilities = firstContainerCapabilities(spec);
  if (capabilities) {
    values.proxy.capabilities = capabilities;
    // linkerd-init needs NET_ADMIN and NET_RAW to set up iptables, whatever the app drops.
    values.proxyInit.capabilities = { add: capabilities.add ?? [], drop: (capabilities.drop ?? []).filter((d) => d !== 'NET_RAW' && d !== 'NET_ADMIN') };
  }
  const saMount = serviceAccountMount(spec);
  if (saMount) {
    values.proxy.saMountPath = saMount;
    values.proxyInit.saMountPath = saMount;
  }
  const closeWait = written[CONFIG_ANN.closeWaitTimeout];
  if (closeWait) {
    const d = parseGoDuration(closeWait);
    if ('error' in d) results.push(warning(CONFIG_ANN.closeWaitTimeout, `invalid duration value used for the ${CONFIG_ANN.closeWaitTimeout} annotation: ${closeWait}`));
    else values.proxyInit.closeWaitTimeoutSecs = Math.trunc(goSeconds(d.nanos));
  }
  let debug = false;
  const debugText = written[CONFIG_ANN.enableDebugSidecar];
  if (debugText) {
    const parsed = parseGoBool(debugText);
    if (parsed === undefined) results.push(warning(CONFIG_ANN.enableDebugSidecar, `unrecognized value used for the ${CONFIG_ANN.enableDebugSidecar} annotation: ${debugText}`));
    debug = parsed === true;
  }

  let injected: { proxy: Container; init?: Container; debug?: Container };
  try {
    injected = {
      proxy: proxyContainer(values, tracingLabels(values, stringMap(metadata.labels), overrides)),
      init: values.cniEnabled ? networkValidatorContainer(values) : proxyInitContainer(values),
      ...(debug ? { debug: debugContainer(values) } : {}),
    };
  } catch (err) {
    if (!(err instanceof ProxyTemplateError)) throw err;
    return { pod: null, results: [...results, { severity: 'error', code: 'template-error', message: err.message }] };
  }
  const placed = placeContainers(spec, injected, values.proxy.nativeSidecar, values.proxy.await);
  const outSpec: PodSpec = { ...placed, volumes: [...(spec.volumes ?? []), ...injectedVolumes(values)] };
  const labels = withEntries(stringMap(metadata.labels), injectedLabels(values, input.owner, input.origin ?? 'cli'));
  const annotations = withEntries(own, { ...inherited, ...(input.cliAnnotations ?? {}), ...injectedAnnotations(values, input.createdBy) });
  return { pod: { ...input.pod, metadata: withMetadata(metadata, labels, annotations), spec: outSpec }, results };
}

/**
 * Linkerd's refusals: no containers list (error), opted out (info), or a pod it will not inject
 * (error: `linkerd inject` fails on it).
 */
export function refusal(input: LinkerdPodInput): Result | undefined {
  const spec = input.pod.spec;
  if (!isObject(spec) || !Array.isArray(spec.containers)) {
    return { severity: 'error', code: 'invalid-pod-spec', field: { path: 'spec.containers' }, message: 'the pod template has no spec.containers list; add the containers to inject next to' };
  }
  const own = stringMap(isObject(input.pod.metadata) ? input.pod.metadata.annotations : undefined);
  const facts = podFacts({ spec, podAnnotations: own, values: input.values, requireOptIn: false });
  if (facts.injectDisabled) return { severity: 'info', code: 'skipped-pod-opt-out', message: facts.injectDisabledReason };
  const reasons: string[] = [
    ...(facts.automountServiceAccountTokenFalse ? [REASONS.automount] : []),
    ...(facts.hostNetwork ? [REASONS.hostNetwork] : []),
    ...(facts.sidecar ? [REASONS.sidecar] : []),
  ];
  if (reasons.length === 0) return undefined;
  if (facts.udp) reasons.push(REASONS.udp);
  return {
    severity: 'error',
    code: 'not-injectable',
    message: `failed to inject ${input.owner.kind.toLowerCase()}/${input.owner.name}: ${reasons.join(', ')}`,
  };
}

/** Linkerd parses every cluster network as a CIDR before rendering. */
function checkClusterNetworks(networks: string): Result | undefined {
  if (!networks) return undefined;
  for (const network of networks.replace(/^,+|,+$/g, '').split(',')) {
    if (!isCidr(network)) {
      return { severity: 'error', code: 'config-invalid', message: `cannot parse destination get networks: invalid CIDR address: ${network}` };
    }
  }
  return undefined;
}

function isCidr(text: string): boolean {
  const slash = text.lastIndexOf('/');
  if (slash < 0) return false;
  const addr = text.slice(0, slash);
  const bits = text.slice(slash + 1);
  if (!/^[0-9]+$/.test(bits)) return false;
  const ipv4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(addr);
  if (ipv4) return ipv4.slice(1).every((o) => Number(o) <= 255 && !/^0\d/.test(o)) && Number(bits) <= 32;
  if (!addr.includes(':') || Number(bits) > 128) return false;
  const halves = addr.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')));
  return groups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g)) && (halves.length === 2 ? groups.length < 8 : groups.length === 8);
}

function warning(name: string, message: string): Result {
  return { severity: 'warning', code: 'unknown-annotation-value', field: { path: `metadata.annotations.${name}` }, message: `${message}; the value is ignored, as Linkerd ignores it` };
}

function stringMap(map: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObject(map)) return out;
  for (const [k, v] of Object.entries(map)) if (v !== null && v !== undefined) out[k] = typeof v === 'string' ? v : String(v);
  return out;
}
