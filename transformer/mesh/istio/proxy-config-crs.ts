/**
 * Istio `ProxyConfig` custom resources (`networking.istio.io/v1beta1`, kind `ProxyConfig`) read
 * from the manifest set. Each is checked as the API server (the CRD schema) and Istio's validation
 * would check it, since a CR they reject never configures a pod, and reduced to the ProxyConfig
 * fields a CR can set (Istio's `toMeshConfigProxyConfig`): `concurrency`, `environmentVariables`
 * (which become `proxyMetadata`) and `image`.
 */
import { isObject } from '../../kube/objects.js';
import type { FileRef, Result } from '../../results.js';
import type { ProxyConfig } from './proxy-config.js';

const GROUP = 'networking.istio.io';
const INT32_MAX = 2 ** 31 - 1;
/** The CRD's `maxLength` for an environment variable value. */
const MAX_ENV_VALUE = 2048;

interface ProxyConfigIdentity {
  apiVersion: string;
  name: string;
  /** `metadata.namespace`; undefined: the namespace it is applied to (the config's `defaultNamespace`). */
  namespace: string | undefined;
  /** Where it was read, for messages. */
  file?: FileRef;
}

export interface ValidProxyConfig extends ProxyConfigIdentity {
  valid: true;
  /** undefined: no selector, the whole namespace; `{}`: a selector without labels, which selects no pod. */
  matchLabels: Readonly<Record<string, string>> | undefined;
  overlay: ProxyConfig;
}

export interface InvalidProxyConfig extends ProxyConfigIdentity {
  valid: false;
  /** Path of the offending field from the object root. */
  field: string[];
  /** What is wrong with the field, without its name. */
  message: string;
}

export type ProxyConfigResource = ValidProxyConfig | InvalidProxyConfig;

/** Any version of the group: Istio serves only v1beta1, so another one is the API server's to reject. */
export function isProxyConfigObject(object: Record<string, unknown>): boolean {
  return object.kind === 'ProxyConfig' && typeof object.apiVersion === 'string' && object.apiVersion.startsWith(`${GROUP}/`);
}

type Problem = { field: string[]; message: string };
type Read<T> = T | Problem;

function isProblem(value: unknown): value is Problem {
  return isObject(value) && Array.isArray(value.field) && typeof value.message === 'string';
}

export function readProxyConfigResource(object: Record<string, unknown>, file?: FileRef): ProxyConfigResource {
  const metadata = isObject(object.metadata) ? object.metadata : {};
  const identity: ProxyConfigIdentity = {
    apiVersion: String(object.apiVersion),
    name: typeof metadata.name === 'string' ? metadata.name : '',
    namespace: typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : undefined,
    ...(file ? { file } : {}),
  };
  const read = readSpec(object.spec);
  if (identity.name === '') return { ...identity, valid: false, field: ['metadata', 'name'], message: 'is missing; name the ProxyConfig' };
  if (isProblem(read)) return { ...identity, valid: false, ...read };
  return { ...identity, valid: true, ...read };
}

function readSpec(spec: unknown): Read<{ matchLabels: Record<string, string> | undefined; overlay: ProxyConfig }> {
  if (spec === undefined || spec === null) return { matchLabels: undefined, overlay: {} };
  if (!isObject(spec)) return { field: ['spec'], message: `must be a mapping, got ${JSON.stringify(spec)}` };
  const matchLabels = readSelector(spec.selector);
  if (isProblem(matchLabels)) return matchLabels;
  const overlay: ProxyConfig = {};
  const concurrency = spec.concurrency;
  if (concurrency !== undefined && concurrency !== null) {
    if (typeof concurrency !== 'number' || !Number.isInteger(concurrency) || concurrency < 0 || concurrency > INT32_MAX) {
      return { field: ['spec', 'concurrency'], message: `must be a whole number of worker threads, 0 or more, got ${JSON.stringify(concurrency)}` };
    }
    overlay.concurrency = concurrency;
  }
  const env = readStrings(spec.environmentVariables, ['spec', 'environmentVariables'], MAX_ENV_VALUE);
  if (isProblem(env)) return env;
  if (env) overlay.proxyMetadata = env;
  const image = spec.image;
  if (image !== undefined && image !== null) {
    const imageType = isObject(image) ? (image.imageType ?? '') : undefined;
    if (typeof imageType !== 'string') {
      return { field: ['spec', 'image'], message: `must be a mapping such as {imageType: distroless}, got ${JSON.stringify(image)}` };
    }
    overlay.image = imageType === '' ? {} : { imageType };
  }
  return { matchLabels, overlay };
}

function readSelector(selector: unknown): Read<Record<string, string> | undefined> {
  if (selector === undefined || selector === null) return undefined;
  if (!isObject(selector)) return { field: ['spec', 'selector'], message: `must be a mapping with matchLabels, got ${JSON.stringify(selector)}` };
  const field = ['spec', 'selector', 'matchLabels'];
  const labels = readStrings(selector.matchLabels, field, 63);
  if (isProblem(labels)) return labels;
  for (const [key, value] of Object.entries(labels ?? {})) {
    if (key === '') return { field, message: 'has an empty label key' };
    if (key.includes('*') || value.includes('*')) return { field: [...field, key], message: `must not hold wildcards (${key}: ${value}); name the labels exactly` };
  }
  return labels ?? {};
}

/** A map of strings; an unquoted number or boolean is an error, as the API server's schema says. */
function readStrings(value: unknown, field: string[], maxLength: number): Read<Record<string, string> | undefined> {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) return { field, message: `must be a mapping of strings, got ${JSON.stringify(value)}` };
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== 'string') return { field: [...field, key], message: `must be a string, got ${JSON.stringify(v)}; quote the value` };
    if (v.length > maxLength) return { field: [...field, key], message: `is longer than ${maxLength} characters` };
  }
  return { ...(value as Record<string, string>) };
}

/** `namespace/name` of a CR, its namespace resolved. */
export function proxyConfigName(resource: ProxyConfigResource, defaultNamespace: string): string {
  return `${resource.namespace ?? defaultNamespace}/${resource.name}`;
}

/** The error for the CR itself (positions are the caller's to add). */
export function invalidProxyConfigResult(resource: InvalidProxyConfig): Result {
  return {
    severity: 'error',
    code: 'invalid-proxyconfig',
    message: `${resource.message}; the cluster would reject this ProxyConfig, and the pods it could configure are not injected until it is fixed`,
    resourceRef: { apiVersion: resource.apiVersion, kind: 'ProxyConfig', name: resource.name, ...(resource.namespace ? { namespace: resource.namespace } : {}) },
    field: { path: resource.field.join('.') },
  };
}
