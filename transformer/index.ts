/**
 * mesh-inject's pure core. No file system, no process, no clock: text and config in, text and
 * KRM-style results out.
 */
export type { InjectConfig, IstioConfig, SidecarConfig, WorkloadKind, NamespaceSelection, FileSelection, MeshName } from './inject-config.js';
export type { Result, ResultCode, Severity, ResourceRef, FileRef } from './results.js';
export { formatResult, hasErrors } from './results.js';
export type { MeshPreset, PodTemplate, WorkloadInfo } from './mesh/types.js';
export { transformText, type TransformOptions, type TransformOutcome } from './pipeline/transform-text.js';
export { transformResourceList, type ResourceListRequest, type ResourceListOutcome } from './pipeline/resource-list.js';
export type { Mode, WorkloadReport, WorkloadAction } from './pipeline/transform-document.js';
export { clusterContextFromText, collectClusterContext, emptyClusterContext, type ClusterContext } from './policy/cluster-context.js';
export type { ProxyConfigResource } from './mesh/istio/proxy-config-crs.js';
export { decideMeshInjection, type Decision } from './policy/decision.js';
export { BUILTIN_WORKLOADS, findWorkload } from './kube/workload-kinds.js';
export { RECORD_ANNOTATION } from './record/format.js';
export { presetFor } from './mesh/preset-for.js';
export { costInputsFromText, emptyCostInputs, type CostInputs } from './resource-cost/cost-inputs.js';
export { workloadCosts, type WorkloadCost, type InjectedContainer, type Replicas } from './resource-cost/workload-cost.js';
export { costTotals, type CostTotal } from './resource-cost/cost-totals.js';
export { amountsJson, formatCpu, formatMemory } from './resource-cost/format-amount.js';
export type { Amount, Amounts } from './resource-cost/effective-resources.js';
export type { WorkloadResources } from './resource-cost/pod-resources.js';
