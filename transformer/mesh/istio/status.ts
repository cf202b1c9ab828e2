/**
 * `sidecar.istio.io/status`: what the sidecar template injected, in Istio's exact JSON shape and
 * key order (empty lists are `null`, as Go writes nil slices). Istio reads it back to strip an old
 * injection, so the format matters beyond this tool.
 */
import type { PodTemplate } from '../types.js';

interface InjectionStatus {
  initContainers: string[];
  containers: string[];
  volumes: string[];
  imagePullSecrets: string[];
  /** `''` (the default revision) is written as `default`. */
  revision: string;
}

export function injectionStatus(template: PodTemplate, revision: string): InjectionStatus {
  const spec = template.spec;
  return {
    initContainers: (spec.initContainers ?? []).map((c) => c.name),
    containers: (spec.containers ?? []).map((c) => c.name),
    volumes: (spec.volumes ?? []).map((v) => v.name),
    imagePullSecrets: (spec.imagePullSecrets ?? []).map((s) => s.name ?? ''),
    revision,
  };
}

export function statusAnnotation(status: InjectionStatus): string {
  const list = (names: string[]): string[] | null => (names.length > 0 ? names : null);
  return JSON.stringify({
    initContainers: list(status.initContainers),
    containers: list(status.containers),
    volumes: list(status.volumes),
    imagePullSecrets: list(status.imagePullSecrets),
    revision: status.revision === '' ? 'default' : status.revision,
  });
}
