/**
 * `explain --resources` and the `inject` summary's cost: the workload costs of a run
 * (transformer/resource-cost) as a table, as JSON numbers (millicores, bytes), or as one phrase.
 */
import {
  amountsJson,
  costTotals,
  formatCpu,
  formatMemory,
  type Amounts,
  type CostTotal,
  type Replicas,
  type WorkloadCost,
  type WorkloadReport,
} from '../../transformer/index.js';

/** The reports as JSON shows them: the raw container resources stay internal. */
export function withoutResources(workloads: readonly WorkloadReport[]): WorkloadReport[] {
  return workloads.map(({ resources: _resources, ...rest }) => rest);
}

function both(a: Amounts): string {
  return `${formatCpu(a.cpu)}, ${formatMemory(a.memory)}`;
}

/** `1.2 CPU, 1.5 GiB requests` for the summary line; undefined when nothing is injected. */
export function summaryCost(costs: readonly WorkloadCost[]): string | undefined {
  if (!costs.length) return undefined;
  return `${both(costTotals(costs).all.requests)} requests`;
}

function replicasText(r: Replicas): string {
  let text = r.perNode ? 'per node' : String(r.count);
  if (r.scales) {
    const range = r.scales.minReplicas !== undefined || r.scales.maxReplicas !== undefined ? ` ${r.scales.minReplicas ?? 1}-${r.scales.maxReplicas ?? '?'}` : '';
    text += `, scales${range} (HPA ${r.scales.hpa})`;
  }
  return text;
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ');
  return [line(header), ...rows.map(line)];
}

function ref(cost: WorkloadCost): string {
  const r = cost.resourceRef;
  return `${r.kind}/${r.namespace ? r.namespace + '/' : ''}${r.name}`;
}

export function formatResourceCost(costs: readonly WorkloadCost[]): string {
  if (!costs.length) return 'no injected workloads: the injection adds no resources\n';
  const out: string[] = [];
  const workloadRows = costs.map((c) => [ref(c), both(c.perPod.requests), both(c.perPod.limits), replicasText(c.replicas), both(c.total.requests), both(c.total.limits)]);
  const lines = table(['WORKLOAD', 'ADDED REQUESTS/POD', 'ADDED LIMITS/POD', 'REPLICAS', 'TOTAL REQUESTS', 'TOTAL LIMITS'], workloadRows);
  out.push(lines[0]!);
  costs.forEach((cost, i) => {
    out.push(lines[i + 1]!);
    for (const c of cost.containers) {
      const role = c.role === 'container' ? '' : ` (${c.role === 'init' ? 'init' : 'native sidecar'})`;
      out.push(`  + ${c.name}${role}: requests ${both(c.requests)}; limits ${both(c.limits)}`);
    }
    if (cost.limitRanges) out.push(`  (defaults from LimitRange ${cost.limitRanges.join(', ')})`);
  });
  const { namespaces, all } = costTotals(costs);
  const totalRow = (name: string, t: CostTotal) => [name, String(t.workloads), both(t.requests), both(t.limits)];
  out.push('', ...table(['NAMESPACE', 'WORKLOADS', 'TOTAL REQUESTS', 'TOTAL LIMITS'], [...[...namespaces].map(([ns, t]) => totalRow(ns || '(none)', t)), totalRow('ALL', all)]));
  const notes: string[] = [];
  if (all.perNode) notes.push(`${all.perNode} DaemonSet(s) counted once: their cost is per node`);
  if (all.scales) notes.push(`${all.scales} workload(s) scaled by an HPA, counted at their written replicas`);
  if (notes.length) out.push(`(${notes.join('; ')})`);
  return out.join('\n') + '\n';
}

function totalJson(t: CostTotal) {
  return { workloads: t.workloads, requests: amountsJson(t.requests), limits: amountsJson(t.limits), perNode: t.perNode, scales: t.scales };
}

/** `--format json`: numbers in millicores and bytes, `"unbounded"` for a limit that is not set. */
export function resourceCostJson(costs: readonly WorkloadCost[], fileOf: (cost: WorkloadCost) => string | undefined) {
  const { namespaces, all } = costTotals(costs);
  return {
    workloads: costs.map((c) => ({
      ...(fileOf(c) !== undefined ? { file: fileOf(c) } : {}),
      resourceRef: c.resourceRef,
      containers: c.containers.map((k) => ({ name: k.name, role: k.role, requests: amountsJson(k.requests), limits: amountsJson(k.limits) })),
      perPod: { requests: amountsJson(c.perPod.requests), limits: amountsJson(c.perPod.limits) },
      replicas: c.replicas,
      total: { requests: amountsJson(c.total.requests), limits: amountsJson(c.total.limits) },
      ...(c.limitRanges ? { limitRanges: c.limitRanges } : {}),
    })),
    namespaces: Object.fromEntries([...namespaces].map(([ns, t]) => [ns, totalJson(t)])),
    total: totalJson(all),
  };
}
