/**
 * Contract between the engine and a mesh preset. A preset is a pure function from the
 * *pristine* (never-injected) pod template to the pod template the cluster's webhook would
 * produce. The engine then turns the difference into minimal text edits and an undo record.
 */
import type { InjectConfig, MeshName } from '../inject-config.js';
import type { ObjectMeta, PodSpec } from '../kube/objects.js';
import type { Result, ResultCode } from '../results.js';
import type { PathSegment } from '../yaml/node-path.js';
import type { ProxyConfigResource } from './istio/proxy-config-crs.js';

export interface PodTemplate {
  metadata: ObjectMeta;
  spec: PodSpec;
}

/** The object that owns the pod template, as the webhook would see it. */
export interface WorkloadInfo {
  apiVersion: string;
  kind: string;
  name: string;
  /** Resolved namespace (`metadata.namespace`, else the config's `defaultNamespace`). */
  namespace: string;
  /** Labels of the owning object (not of the pod template). */
  labels: Record<string, string>;
}

export interface MeshRenderInput {
  /** Deep copy of the pristine pod template; the preset may mutate it and return it. */
  pod: PodTemplate;
  workload: WorkloadInfo;
  config: InjectConfig;
  /** Dotted path of the pod template inside the object (`spec.template`), used for result field paths. */
  podPath: string;
  /** Istio ProxyConfig CRs of the run, in input order (absent: none). */
  proxyConfigs?: readonly ProxyConfigResource[];
}

export interface MeshRenderOutput {
  /** The injected pod template (null when the preset refused, see results). */
  pod: PodTemplate | null;
  /** Problems found; the engine adds file and resourceRef. Any error result cancels the injection. */
  results: Result[];
  /** ProxyConfig CRs (`namespace/name`) the proxy's settings came from, lowest precedence first. */
  proxyConfigs?: string[];
}

/** A problem of the pristine pod template, with its path inside the template. */
export interface PodProblem {
  path: PathSegment[];
  code: ResultCode;
  message: string;
}

/** One mesh's injection, as the engine uses it. */
export interface MeshPreset {
  /** The config's mesh name; 'linkerd' until the config offers it (main adds it to MeshName). */
  readonly mesh: Exclude<MeshName, 'none'> | 'linkerd';
  /** The pristine pod template → the pod the mesh's webhook would produce. */
  render(input: MeshRenderInput): MeshRenderOutput;
  /** What must hold of the pristine pod before this mesh goes in (an application on a port the proxy uses...). */
  checkPod(pod: Readonly<Record<string, unknown>>): PodProblem[];
  /** The containers this mesh adds: a custom sidecar never takes their place. */
  readonly containers: ReadonlySet<string>;
}

/** Names an injection may add, whatever the config was when it ran. */
export interface Footprint {
  containers: ReadonlySet<string>;
  volumes: ReadonlySet<string>;
  labels: ReadonlySet<string>;
  annotations: ReadonlySet<string>;
  /**
   * Where the injected pod's own copy of what the injection replaced (a proxy's record of the
   * original probes, say) disagrees with what the record gives back.
   */
  evidenceMismatches?: (injected: unknown, pristine: unknown) => PathSegment[][];
}
