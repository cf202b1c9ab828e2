/** Leaf value schemas shared by the rc file sections. */
import * as z from 'zod';
import { expects } from './expects.js';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** Kubernetes resource quantity (`k8s.io/apimachinery/pkg/api/resource`), without a sign: requests/limits cannot be negative. */
const QUANTITY = /^(\d+(\.\d*)?|\.\d+)([KMGTPE]i|[mkMGTPE]|[eE][+-]?\d+)?$/;

export const dnsLabel = (example: string) =>
  expects(`a lowercase DNS label (a-z, 0-9, "-", at most 63 characters) such as ${example}`, z.string().max(63).regex(DNS_LABEL));

export const dnsSubdomain = (example: string) =>
  expects(`a lowercase DNS name such as ${example}`, z.string().max(253).regex(DNS_SUBDOMAIN));

export const nonEmptyString = (example: string) => expects(`a non-empty string such as ${example}`, z.string().min(1));

export const globList = (example: string) =>
  expects(`a list of glob patterns such as [${example}]`, z.array(expects(`a glob pattern such as ${example}`, z.string().min(1))));

export const stringMap = (example: string) =>
  expects(
    `a mapping of strings such as {${example}}`,
    z.record(z.string(), expects('a string (quote numbers and booleans)', z.string())),
  );

/** `100m`, `128Mi`, `2`; a bare YAML number is accepted (Kubernetes accepts `cpu: 2`); null drops an inherited value. */
export const quantity = expects(
  'a Kubernetes quantity such as 100m, 128Mi or "2", or null to drop it',
  z.union([z.string().regex(QUANTITY), z.number().nonnegative(), z.null()]),
);

export const kubernetesVersion = expects(
  'a "MAJOR.MINOR" version string such as "1.33"',
  z.union([z.string().regex(/^\d+\.\d+$/), z.number().nonnegative()]),
);
