/**
 * Semantic normal form of a pod template, to compare the preset's output with Istio's goldens,
 * which are Go-struct re-serializations. Each rule removes a difference of *spelling*, never of
 * meaning:
 * - `resources: {}`, `creationTimestamp: null` and empty `metadata: {}` are what Go writes for "unset";
 * - quantities are compared by value (`1000m` = `1`, `1024Mi` = `1Gi`), as the API server does;
 * - a volume with no source is `emptyDir: {}` (API defaulting; Istio's template writes `emptyDir: null`);
 * - env `fieldRef.apiVersion` is defaulted to `v1` by the API server;
 * - JSON-valued annotations Istio writes (`sidecar.istio.io/status`, `proxy.istio.io/overrides`)
 *   are compared as parsed JSON (the overrides' containers normalized like any container).
 * Key order is ignored by the deep comparison; list order is kept.
 */
import { isObject } from '../../transformer/kube/objects.js';

const JSON_ANNOTATIONS = new Set(['sidecar.istio.io/status', 'proxy.istio.io/overrides']);
const CONTAINER_LISTS = ['containers', 'initContainers'] as const;

export function normalizePod(pod: unknown): unknown {
  const p = structuredClone(pod) as Record<string, unknown>;
  const meta = isObject(p.metadata) ? p.metadata : undefined;
  if (meta) {
    if (meta.creationTimestamp === null) delete meta.creationTimestamp;
    if (isObject(meta.annotations)) {
      for (const key of Object.keys(meta.annotations)) {
        if (JSON_ANNOTATIONS.has(key)) meta.annotations[key] = normalizeJsonAnnotation(meta.annotations[key] as string);
      }
    }
    if (Object.keys(meta).length === 0) delete p.metadata;
  }
  const spec = isObject(p.spec) ? p.spec : undefined;
  if (spec) {
    for (const list of CONTAINER_LISTS) {
      if (Array.isArray(spec[list])) spec[list] = (spec[list] as unknown[]).map(normalizeContainer);
    }
    if (Array.isArray(spec.volumes)) spec.volumes = spec.volumes.map(normalizeVolume);
  }
  return p;
}

function normalizeJsonAnnotation(text: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text;
  }
  if (isObject(parsed)) {
    for (const list of CONTAINER_LISTS) {
      if (Array.isArray(parsed[list])) parsed[list] = (parsed[list] as unknown[]).map(normalizeContainer);
    }
  }
  return parsed;
}

function normalizeContainer(container: unknown): unknown {
  if (!isObject(container)) return container;
  const c = { ...container };
  if (isObject(c.resources)) {
    const resources: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(c.resources)) {
      resources[k] = isObject(v) ? Object.fromEntries(Object.entries(v).map(([n, q]) => [n, canonicalQuantity(q)])) : v;
    }
    if (Object.keys(resources).length === 0) delete c.resources;
    else c.resources = resources;
  }
  if (Array.isArray(c.env)) c.env = c.env.map(normalizeEnv);
  return c;
}

function normalizeEnv(env: unknown): unknown {
  if (!isObject(env) || !isObject(env.valueFrom) || !isObject(env.valueFrom.fieldRef)) return env;
  const { apiVersion: _defaulted, ...fieldRef } = env.valueFrom.fieldRef;
  return { ...env, valueFrom: { ...env.valueFrom, fieldRef } };
}

function normalizeVolume(volume: unknown): unknown {
  if (!isObject(volume)) return volume;
  const sources = Object.keys(volume).filter((k) => k !== 'name');
  return sources.length === 0 ? { ...volume, emptyDir: {} } : volume;
}

const DECIMAL_SUFFIX: Readonly<Record<string, bigint>> = {
  n: 1n,
  u: 1_000n,
  m: 1_000_000n,
  '': 1_000_000_000n,
  k: 10n ** 12n,
  M: 10n ** 15n,
  G: 10n ** 18n,
  T: 10n ** 21n,
  P: 10n ** 24n,
  E: 10n ** 27n,
};
const BINARY_SUFFIX: Readonly<Record<string, bigint>> = { Ki: 1n, Mi: 2n, Gi: 3n, Ti: 4n, Pi: 5n, Ei: 6n };

/** A quantity as `q:<nano-units>` (exact), so equal amounts compare equal whatever their spelling. */
export function canonicalQuantity(value: unknown): unknown {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string') return value;
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?[0-9]+)?$/.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return value;
  const frac = m[3] ?? '';
  const digits = BigInt(`${m[2] || '0'}${frac}`);
  const suffix = m[4] ?? '';
  let scale: bigint;
  let divisor = 10n ** BigInt(frac.length);
  if (suffix in BINARY_SUFFIX) scale = 1024n ** BINARY_SUFFIX[suffix]! * 1_000_000_000n;
  else if (suffix in DECIMAL_SUFFIX) scale = DECIMAL_SUFFIX[suffix]!;
  else {
    const exp = Number(suffix.slice(1)) + 9;
    scale = exp >= 0 ? 10n ** BigInt(exp) : 1n;
    if (exp < 0) divisor *= 10n ** BigInt(-exp);
  }
  const numerator = digits * scale;
  const sign = m[1] === '-' ? '-' : '';
  return numerator % divisor === 0n ? `q:${sign}${numerator / divisor}` : `q:${sign}${numerator}/${divisor}`;
}
