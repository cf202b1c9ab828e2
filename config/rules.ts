/**
 * Cross-field checks on the normalized config, one small named function each. They run
 * only when the schema accepted the config; each returns its findings (none when fine).
 */
import path from 'node:path';
import type { InjectConfig } from '../transformer/inject-config.js';
import type { Finding } from './finding.js';
import { formatPath } from './messages.js';

interface RuleContext {
  /** Files the config points to must stay inside this directory (the repository), when set. */
  rootDir?: string;
}

type ConfigRule = (config: InjectConfig, ctx: RuleContext) => Finding[];

/** Containers each mesh preset injects itself. */
const MESH_CONTAINER_NAMES: Readonly<Record<'istio' | 'linkerd', readonly string[]>> = {
  istio: ['istio-proxy', 'istio-init', 'istio-validation'],
  linkerd: ['linkerd-proxy', 'linkerd-init', 'linkerd-network-validator', 'linkerd-debug'],
};
const MESH_TITLE = { istio: 'Istio', linkerd: 'Linkerd' } as const;

const uniqueSidecarNames: ConfigRule = (config) =>
  duplicates(config.sidecars.map((s, i) => ({ name: s.name, path: ['sidecars', i, 'name'] }))).map(({ name, path, first }) => ({
    severity: 'error',
    path,
    message: `sidecar name "${name}" is already used by ${first}; give each sidecar a unique name`,
  }));

/** All custom containers end up in the same pod, so their names must not collide. */
const uniqueSidecarContainerNames: ConfigRule = (config) =>
  duplicates(
    config.sidecars.flatMap((s, i) =>
      (['initContainers', 'containers'] as const).flatMap((list) =>
        s[list].map((c, j) => ({ name: c.name, path: ['sidecars', i, list, j, 'name'] })),
      ),
    ),
  ).map(({ name, path, first }) => ({
    severity: 'error',
    path,
    message: `container name "${name}" is already used by ${first}; container names must be unique in a pod`,
  }));

const noReservedMeshContainerNames: ConfigRule = (config) => {
  const mesh = config.mesh;
  if (mesh === 'none') return [];
  return config.sidecars.flatMap((s, i) =>
    (['initContainers', 'containers'] as const).flatMap((list) =>
      s[list].flatMap((c, j): Finding[] =>
        MESH_CONTAINER_NAMES[mesh].includes(c.name)
          ? [
              {
                severity: 'error',
                path: ['sidecars', i, list, j, 'name'],
                message: `"${c.name}" is injected by the ${MESH_TITLE[mesh]} preset; rename this container or set mesh: none`,
              },
            ]
          : [],
      ),
    ),
  );
};

/** One source of trust anchors; whether there is one at all is checked where files are read (`load.ts`): a KRM function may get them from the ResourceList. */
const oneTrustAnchorSource: ConfigRule = (config) =>
  config.linkerd.identityTrustAnchorsPEM !== undefined && config.linkerd.identityTrustAnchorsFile !== undefined
    ? [{ severity: 'error', path: ['linkerd', 'identityTrustAnchorsFile'], message: 'set either linkerd.identityTrustAnchorsPEM or linkerd.identityTrustAnchorsFile, not both' }]
    : [];

const uniqueWorkloadKinds: ConfigRule = (config) =>
  duplicates(
    config.workloads.map((w, i) => ({ name: `${w.apiVersion} ${w.kind}`, path: ['workloads', i] })),
  ).map(({ name, path, first }) => ({
    severity: 'error',
    path,
    message: `"${name}" is already listed at ${first}; keep one entry per apiVersion and kind`,
  }));

/** Native sidecars need the SidecarContainers feature (beta, on by default, from Kubernetes 1.29). */
const nativeSidecarsNeedKubernetes129: ConfigRule = (config) => {
  if (!olderThan(config.kubernetesVersion, 1, 29)) return [];
  const why = `native sidecars need Kubernetes 1.29 or later but kubernetesVersion is "${config.kubernetesVersion}"`;
  const findings: Finding[] = [];
  if (config.mesh === 'istio' && config.istio.nativeSidecars === true) {
    findings.push({ severity: 'warning', path: ['istio', 'nativeSidecars'], message: `${why}; set it to "auto" or false` });
  }
  config.sidecars.forEach((s, i) => {
    if (s.native) findings.push({ severity: 'warning', path: ['sidecars', i, 'native'], message: `${why}; set it to false` });
  });
  return findings;
};

/** In a shared repo server (Argo CD) a config must not read files of other checkouts. */
const meshFilesInsideRoot: ConfigRule = (config, ctx) => {
  const root = ctx.rootDir;
  if (!root) return [];
  const files: [string, string, string | undefined][] = [
    ...(['injector', 'meshConfig', 'values'] as const).map((key): [string, string, string | undefined] => ['istio', key, config.istio[key]]),
    ...(['values', 'identityTrustAnchorsFile'] as const).map((key): [string, string, string | undefined] => ['linkerd', key, config.linkerd[key]]),
  ];
  return files.flatMap(([section, key, file]): Finding[] => {
    if (file === undefined || !path.isAbsolute(file)) return [];
    const relative = path.relative(root, file);
    const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
    return inside
      ? []
      : [{ severity: 'error', path: [section, key], message: `"${file}" is outside ${root}; keep the file inside the repository` }];
  });
};

const RULES: readonly ConfigRule[] = [
  uniqueSidecarNames,
  uniqueSidecarContainerNames,
  noReservedMeshContainerNames,
  oneTrustAnchorSource,
  uniqueWorkloadKinds,
  nativeSidecarsNeedKubernetes129,
  meshFilesInsideRoot,
];

export function runRules(config: InjectConfig, ctx: RuleContext, rules: readonly ConfigRule[] = RULES): Finding[] {
  return rules.flatMap((rule) => rule(config, ctx));
}

function duplicates(entries: { name: string; path: (string | number)[] }[]) {
  const seen = new Map<string, string>();
  const out: { name: string; path: (string | number)[]; first: string }[] = [];
  for (const entry of entries) {
    const first = seen.get(entry.name);
    if (first === undefined) seen.set(entry.name, formatPath(entry.path));
    else out.push({ ...entry, first });
  }
  return out;
}

function olderThan(version: string, major: number, minor: number): boolean {
  const [a = 0, b = 0] = version.split('.').map(Number);
  return a < major || (a === major && b < minor);
}
