/**
 * Where the pod template lives, per kind: one data table (like kustomize's
 * `builtinpluginconsts`), extended by the config's `workloads:` entries.
 */
import type { WorkloadKind } from '../inject-config.js';

export const BUILTIN_WORKLOADS: readonly WorkloadKind[] = [
  { apiVersion: 'v1', kind: 'Pod', podTemplate: '' },
  { apiVersion: 'v1', kind: 'ReplicationController', podTemplate: 'spec.template' },
  { apiVersion: 'apps/*', kind: 'Deployment', podTemplate: 'spec.template' },
  { apiVersion: 'apps/*', kind: 'StatefulSet', podTemplate: 'spec.template' },
  { apiVersion: 'apps/*', kind: 'DaemonSet', podTemplate: 'spec.template' },
  { apiVersion: 'apps/*', kind: 'ReplicaSet', podTemplate: 'spec.template' },
  { apiVersion: 'extensions/*', kind: 'Deployment', podTemplate: 'spec.template' },
  { apiVersion: 'extensions/*', kind: 'DaemonSet', podTemplate: 'spec.template' },
  { apiVersion: 'extensions/*', kind: 'ReplicaSet', podTemplate: 'spec.template' },
  { apiVersion: 'batch/*', kind: 'Job', podTemplate: 'spec.template' },
  { apiVersion: 'batch/*', kind: 'CronJob', podTemplate: 'spec.jobTemplate.spec.template' },
  { apiVersion: 'apps.openshift.io/v1', kind: 'DeploymentConfig', podTemplate: 'spec.template' },
  // OpenShift's legacy group-less API, still injected by Istio.
  { apiVersion: 'v1', kind: 'DeploymentConfig', podTemplate: 'spec.template' },
];

/** Kinds whose `items` are objects to process one by one. */
export const LIST_KINDS: ReadonlySet<string> = new Set(['List']);

interface WorkloadMatch {
  kind: WorkloadKind;
  /** Path segments from the object root to the pod template; empty for a Pod. */
  podPath: string[];
}

function matchesApiVersion(pattern: string, apiVersion: string): boolean {
  if (pattern === apiVersion) return true;
  if (pattern.endsWith('/*')) {
    const group = pattern.slice(0, -2);
    const slash = apiVersion.lastIndexOf('/');
    return slash > 0 && apiVersion.slice(0, slash) === group;
  }
  return false;
}

/** Config entries come first so a user can redefine a built-in kind's template path. */
export function findWorkload(
  apiVersion: unknown,
  kind: unknown,
  extra: readonly WorkloadKind[] = [],
): WorkloadMatch | undefined {
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  for (const entry of [...extra, ...BUILTIN_WORKLOADS]) {
    if (entry.kind === kind && matchesApiVersion(entry.apiVersion, apiVersion)) {
      return { kind: entry, podPath: entry.podTemplate === '' ? [] : entry.podTemplate.split('.') };
    }
  }
  return undefined;
}

/** The set of kind names worth a full parse; used to skip other documents cheaply. */
export function workloadKindNames(extra: readonly WorkloadKind[] = []): Set<string> {
  return new Set([...BUILTIN_WORKLOADS, ...extra].map((w) => w.kind));
}
