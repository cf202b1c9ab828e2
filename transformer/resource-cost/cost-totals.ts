/** Totals of workload costs, per namespace and for the whole run. */
import type { Amounts } from './effective-resources.js';
import { addAmounts, type WorkloadCost } from './workload-cost.js';

export interface CostTotal {
  workloads: number;
  requests: Amounts;
  limits: Amounts;
  /** DaemonSets among them, counted once each: their cost is per node. */
  perNode: number;
  /** Workloads an HPA scales, counted at their written replicas. */
  scales: number;
}

function emptyTotal(): CostTotal {
  return { workloads: 0, requests: { cpu: 0n, memory: 0n }, limits: { cpu: 0n, memory: 0n }, perNode: 0, scales: 0 };
}

function addTo(total: CostTotal, cost: WorkloadCost): void {
  total.workloads++;
  total.requests = addAmounts(total.requests, cost.total.requests);
  total.limits = addAmounts(total.limits, cost.total.limits);
  if (cost.replicas.perNode) total.perNode++;
  if (cost.replicas.scales) total.scales++;
}

export function costTotals(costs: readonly WorkloadCost[]): { namespaces: Map<string, CostTotal>; all: CostTotal } {
  const namespaces = new Map<string, CostTotal>();
  const all = emptyTotal();
  for (const cost of costs) {
    const ns = cost.resourceRef.namespace ?? '';
    if (!namespaces.has(ns)) namespaces.set(ns, emptyTotal());
    addTo(namespaces.get(ns)!, cost);
    addTo(all, cost);
  }
  return { namespaces: new Map([...namespaces].sort(([a], [b]) => a.localeCompare(b))), all };
}
