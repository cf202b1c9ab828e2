/**
 * Written shape → normalized `InjectConfig`: the steps zod defaults cannot express.
 * - `kubernetesVersion: 1.33` (a YAML number) becomes the string as written, with a warning;
 * - `istio.proxyResources` is merged over the default key by key, like Helm values (null drops);
 * - quantities written as numbers become strings;
 * - `istio.injector|meshConfig|values` and `linkerd.values|identityTrustAnchorsFile` are resolved against the config file's directory.
 */
import path from 'node:path';
import type { InjectConfig, ResourceRequirements, SidecarConfig } from '../transformer/inject-config.js';
import type { Container, Volume } from '../transformer/kube/objects.js';
import { DEFAULT_CONFIG } from './defaults.js';
import type { Finding } from './finding.js';
import type { RcParsed } from './schema.js';
import type { SourceMap } from './source-map.js';

interface NormalizeContext {
  sourceMap: SourceMap;
  /** Directory relative file paths are resolved against; without it they stay as written. */
  baseDir?: string;
}

export function normalize(rc: RcParsed, ctx: NormalizeContext): { config?: InjectConfig; findings: Finding[] } {
  const findings: Finding[] = [];
  const kubernetesVersion = normalizeKubernetesVersion(rc.kubernetesVersion, ctx, findings);
  const { injector, meshConfig, values, proxyResources, ...istio } = rc.istio;
  const { values: linkerdValues, identityTrustAnchorsFile, ...linkerd } = rc.linkerd;
  const config: InjectConfig = {
    mesh: rc.mesh,
    kubernetesVersion,
    defaultNamespace: rc.defaultNamespace,
    istio: {
      ...istio,
      proxyResources: mergeResources(DEFAULT_CONFIG.istio.proxyResources, proxyResources),
      ...resolved({ injector, meshConfig, values }, ctx.baseDir),
    },
    linkerd: {
      ...linkerd,
      ...resolved({ values: linkerdValues, identityTrustAnchorsFile }, ctx.baseDir),
    },
    namespaces: rc.namespaces,
    sidecars: rc.sidecars.map(
      (s): SidecarConfig => ({
        ...s,
        containers: s.containers as Container[],
        initContainers: s.initContainers as Container[],
        volumes: s.volumes as Volume[],
      }),
    ),
    workloads: rc.workloads,
    files: rc.files,
  };
  return findings.some((f) => f.severity === 'error') ? { findings } : { config, findings };
}

function normalizeKubernetesVersion(value: string | number, ctx: NormalizeContext, findings: Finding[]): string {
  if (typeof value === 'string') return value;
  const text = ctx.sourceMap.scalar(['kubernetesVersion'])?.source ?? String(value);
  if (!/^\d+\.\d+$/.test(text)) {
    findings.push({
      severity: 'error',
      path: ['kubernetesVersion'],
      message: `expected a "MAJOR.MINOR" version string such as "1.33", got ${text}; set it to a quoted "MAJOR.MINOR" version`,
    });
  } else {
    findings.push({
      severity: 'warning',
      path: ['kubernetesVersion'],
      message: `${text} is a YAML number; quote it ("${text}") so that versions such as 1.30 are not read as 1.3`,
    });
  }
  return text;
}

type WrittenResourceList = Record<string, string | number | null> | null | undefined;

function mergeResources(
  base: ResourceRequirements,
  written: { requests?: WrittenResourceList; limits?: WrittenResourceList } | undefined,
): ResourceRequirements {
  const out: ResourceRequirements = {};
  for (const key of ['requests', 'limits'] as const) {
    const override = written?.[key];
    if (override === null) continue;
    const merged = { ...base[key] };
    for (const [name, quantity] of Object.entries(override ?? {})) {
      merged[name] = typeof quantity === 'number' ? String(quantity) : quantity;
    }
    if (base[key] !== undefined || override !== undefined) out[key] = merged;
  }
  return out;
}

function resolved<T extends Record<string, string | undefined>>(files: T, baseDir: string | undefined): Partial<T> {
  const out: Record<string, string> = {};
  for (const [key, file] of Object.entries(files)) {
    if (file === undefined) continue;
    // path.resolve would fall back to process.cwd() for a relative base; stay pure.
    out[key] = baseDir === undefined ? file : path.isAbsolute(baseDir) ? path.resolve(baseDir, file) : path.join(baseDir, file);
  }
  return out as Partial<T>;
}
