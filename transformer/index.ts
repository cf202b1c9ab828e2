/**
 * mesh-inject's pure core. No file system, no process, no clock: text and config in, text and
 * KRM-style results out.
 */
export type { InjectConfig, IstioConfig, SidecarConfig, WorkloadKind, NamespaceSelection, FileSelection, MeshName } from './config.js';
export type { Result, ResultCode, Severity, ResourceRef, FileRef } from './results.js';
export { formatResult, hasErrors } from './results.js';
export type { MeshPreset, PodTemplate, WorkloadInfo } from './mesh/types.js';
export { transformText, type TransformOptions, type TransformOutcome } from './transform-text.js';
export { transformResourceList, type ResourceListRequest, type ResourceListOutcome } from './resource-list.js';
export type { Mode, WorkloadReport, WorkloadAction } from './transform-document.js';
export { clusterContextFromText, collectClusterContext, emptyClusterContext, type ClusterContext } from './cluster-context.js';
export type { ProxyConfigResource } from './mesh/istio/proxy-config-crs.js';
export { decideMeshInjection, type Decision } from './decision.js';
export { BUILTIN_WORKLOADS, findWorkload } from './workloads.js';
export { RECORD_ANNOTATION } from './record/format.js';
export { presetFor } from './presets.js';
