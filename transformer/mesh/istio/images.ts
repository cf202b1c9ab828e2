/**
 * Image references of `istio-proxy` and `istio-init`/`istio-validation`.
 *
 * - `sidecar.istio.io/proxyImage` containing `/` is used verbatim for BOTH containers;
 *   without `/` it is ignored.
 * - Otherwise `<hub>/proxyv2:<tag>[-<type>]`; the proxy's type is `sidecar.istio.io/proxyImageType`
 *   (even when empty), else ProxyConfig `image.imageType`. The init image only follows the annotation.
 * - A known type suffix (`-distroless`, `-debug`) already on the tag is replaced; type `default` means none.
 */
import type { IstioConfig } from '../../inject-config.js';
import { isObject } from '../../kube/objects.js';
import { PROXY_IMAGE_NAME, PROXY_INIT_IMAGE_NAME } from './defaults.js';
import { ANN } from './names.js';
import type { ProxyConfig } from './proxy-config.js';

const KNOWN_IMAGE_TYPES = ['distroless', 'debug'] as const;

export function proxyImage(istio: IstioConfig, pc: ProxyConfig, annotations: Readonly<Record<string, string>>): string {
  const verbatim = verbatimImage(annotations);
  if (verbatim !== undefined) return verbatim;
  const configured = isObject(pc.image) && typeof pc.image.imageType === 'string' ? pc.image.imageType : '';
  return imageURL(istio.hub, PROXY_IMAGE_NAME, istio.tag, imageType(configured, annotations));
}

export function proxyInitImage(istio: IstioConfig, annotations: Readonly<Record<string, string>>): string {
  const verbatim = verbatimImage(annotations);
  if (verbatim !== undefined) return verbatim;
  return imageURL(istio.hub, PROXY_INIT_IMAGE_NAME, istio.tag, imageType('', annotations));
}

function verbatimImage(annotations: Readonly<Record<string, string>>): string | undefined {
  const image = annotations[ANN.proxyImage];
  return image !== undefined && image.includes('/') ? image : undefined;
}

function imageType(configured: string, annotations: Readonly<Record<string, string>>): string {
  const fromAnnotation = annotations[ANN.proxyImageType];
  return fromAnnotation !== undefined ? fromAnnotation : configured;
}

function imageURL(hub: string, name: string, tag: string, type: string): string {
  return `${hub}/${name}:${tagWithType(tag, type)}`;
}

export function tagWithType(tag: string, type: string): string {
  if (type === '') return tag;
  let base = tag;
  for (const known of KNOWN_IMAGE_TYPES) {
    if (base.endsWith(`-${known}`)) {
      base = base.slice(0, -(known.length + 1));
      break;
    }
  }
  return type === 'default' ? base : `${base}-${type}`;
}

/** The image settings of Helm values (`global.hub`, `global.tag`, `global.variant`, `global.proxy.image`...). */
export interface ValuesImageSettings {
  hub: string;
  /** `global.tag` as Go's `%v` prints it (a number tag such as `1.12` stays `1.12`). */
  tag: string;
  /** `global.variant`: the image type when ProxyConfig names none. */
  variant: string;
}

/**
 * Istio's `ProxyImage` / `ProxyInitImage` (what templates see as `.ProxyImage`, `.ProxyInitImage`):
 * `<hub>/<name>:<tag>[-<type>]`, type = `configuredType` (ProxyConfig `image.imageType`, proxy
 * only) else `variant`, overridden by the `sidecar.istio.io/proxyImageType` annotation when present.
 * No verbatim `/` rule here: the template applies it.
 */
export function valuesImage(values: ValuesImageSettings, name: string, configuredType: string, annotations: Readonly<Record<string, string>>): string {
  return imageURL(values.hub, name, values.tag, imageType(configuredType === '' ? values.variant : configuredType, annotations));
}
