/**
 * `linkerd inject`'s proxy flags (cli/cmd/options.go `makeProxyFlags`, `makeInjectFlags`) applied
 * to the values, in Linkerd's order, whatever the order on the command line. Only flags that were
 * given are applied (pflag's `Changed`).
 */
import { QuantityError, canonicalQuantity } from '../go/go-quantity.js';
import type { LinkerdValues } from '../mesh/linkerd/index.js';
import type { LinkerdValuesLike } from './types.js';
import { setValueAt, valueAt } from './values-path.js';

export interface LinkerdInjectFlags {
  proxyImage?: string;
  imagePullPolicy?: string;
  inboundPort?: number;
  outboundPort?: number;
  skipInboundPorts?: string[];
  skipOutboundPorts?: string[];
  proxyUid?: number;
  proxyGid?: number;
  proxyLogLevel?: string;
  controlPort?: number;
  adminPort?: number;
  proxyCpuRequest?: string;
  proxyCpuLimit?: string;
  proxyMemoryRequest?: string;
  proxyMemoryLimit?: string;
  enableExternalProfiles?: boolean;
  defaultInboundPolicy?: string;
  /** Deprecated spellings Linkerd still takes. */
  proxyMemory?: string;
  proxyCpu?: string;
  proxyVersion?: string;
  /** `--registry` (or `LINKERD_DOCKER_REGISTRY`): the registry the images are pulled from. */
  registry?: string;
  nativeSidecar?: boolean;
  waitBeforeExitSeconds?: number;
  disableIdentity?: boolean;
  requireIdentityOnInboundPorts?: string[];
  ingress?: boolean;
  opaquePorts?: string[];
}

export class InjectFlagError extends Error {}

/** A copy of `values` with the given flags applied. Throws InjectFlagError with Linkerd's message. */
export function applyInjectFlags(values: LinkerdValuesLike, flags: LinkerdInjectFlags): LinkerdValues {
  const out = structuredClone(values) as LinkerdValues;
  const set = (path: string, value: unknown) => setValueAt(out as unknown as Record<string, unknown>, path, value);
  const given = <T>(value: T | undefined, apply: (v: T) => void) => {
    if (value !== undefined) apply(value);
  };
  given(flags.proxyImage, (v) => set('proxy.image.name', v));
  given(flags.imagePullPolicy, (v) => {
    set('imagePullPolicy', v);
    set('proxy.image.pullPolicy', v);
    set('debugContainer.image.pullPolicy', v);
  });
  given(flags.inboundPort, (v) => set('proxy.ports.inbound', v));
  given(flags.outboundPort, (v) => set('proxy.ports.outbound', v));
  given(flags.skipInboundPorts, (v) => set('proxyInit.ignoreInboundPorts', v.join(',')));
  given(flags.skipOutboundPorts, (v) => set('proxyInit.ignoreOutboundPorts', v.join(',')));
  given(flags.proxyUid, (v) => set('proxy.uid', v));
  given(flags.proxyGid, (v) => set('proxy.gid', v));
  given(flags.proxyLogLevel, (v) => set('proxy.logLevel', v));
  given(flags.controlPort, (v) => set('proxy.ports.control', v));
  given(flags.adminPort, (v) => set('proxy.ports.admin', v));
  given(flags.proxyCpuRequest, (v) => {
    set('proxy.runtime.workers.minimum', wholeCores(v));
    set('proxy.resources.cpu.request', v);
  });
  given(flags.proxyCpuLimit, (v) => {
    set('proxy.runtime.workers.maximum', wholeCores(v));
    set('proxy.resources.cpu.limit', v);
  });
  given(flags.proxyMemoryRequest, (v) => set('proxy.resources.memory.request', v));
  given(flags.proxyMemoryLimit, (v) => set('proxy.resources.memory.limit', v));
  given(flags.enableExternalProfiles, (v) => set('proxy.enableExternalProfiles', v));
  given(flags.defaultInboundPolicy, (v) => set('proxy.defaultInboundPolicy', v));
  given(flags.proxyMemory, (v) => set('proxy.resources.memory.request', v));
  given(flags.proxyCpu, (v) => set('proxy.resources.cpu.request', v));
  given(flags.proxyVersion, (v) => set('proxy.image.version', v));
  given(flags.registry, (v) => {
    for (const path of ['controllerImage', 'debugContainer.image.name', 'proxy.image.name']) {
      const image = valueAt(out, path);
      if (typeof image === 'string' && image !== '') set(path, registryOverride(image, v));
    }
  });
  given(flags.nativeSidecar, (v) => set('proxy.nativeSidecar', v));
  given(flags.waitBeforeExitSeconds, (v) => set('proxy.waitBeforeExitSeconds', v));
  given(flags.disableIdentity, () => {
    throw new InjectFlagError('--disable-identity is no longer supported; identity is always required');
  });
  given(flags.requireIdentityOnInboundPorts, (v) => set('proxy.requireIdentityOnInboundPorts', v.join(',')));
  given(flags.ingress, (v) => set('proxy.isIngress', v));
  given(flags.opaquePorts, (v) => set('proxy.opaquePorts', v.join(',')));
  return out;
}

/** Linkerd's `RegistryOverride`: the image's last path segment under the new registry. */
function registryOverride(image: string, registry: string): string {
  const prefix = registry !== '' && !registry.endsWith('/') ? `${registry}/` : registry;
  return prefix + image.slice(image.lastIndexOf('/') + 1);
}

/** `ToWholeCPUCores`: the quantity rounded up to whole cores. */
function wholeCores(text: string): number {
  let canonical: string;
  try {
    canonical = canonicalQuantity(text);
  } catch (error) {
    if (error instanceof QuantityError) throw new InjectFlagError(error.message);
    throw error;
  }
  const match = /^([+-]?[0-9.]+)(.*)$/.exec(canonical)!;
  const scale: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
  const suffix = match[2]!;
  const factor = scale[suffix] ?? (/^[eE][-+]?\d+$/.test(suffix) ? 10 ** Number(suffix.slice(1)) : 1);
  return Math.ceil(Number(match[1]) * factor - 1e-12);
}
