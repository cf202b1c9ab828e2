/**
 * `explain --resources`: what the injection adds per workload, times its replicas, with totals,
 * for Istio (default preset), Linkerd (examples/gitops-repo-linkerd) and custom sidecars; and the
 * `inject` summary's added requests.
 */
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';
import { useTempTrees } from '../../helpers/temp-trees.js';

const tree = useTempTrees();
const MI = 1024 ** 2;

const ISTIO_RC = `mesh: istio
istio:
  nativeSidecars: false
namespaces:
  inject: [shop, infra]
sidecars:
  - name: logging
    selector: {matchLabels: {logs: json}}
    containers:
      - name: fluent-bit
        image: fluent/fluent-bit:3.1
        resources:
          requests: {cpu: 50m, memory: 64Mi}
          limits: {cpu: 100m, memory: 128Mi}
`;

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata:
      labels: {app: web, logs: json}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          resources:
            requests: {cpu: 500m, memory: 256Mi}
            limits: {cpu: "1", memory: 512Mi}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web, namespace: shop}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 10
`;

const JOB = `apiVersion: batch/v1
kind: Job
metadata: {name: batch, namespace: shop}
spec:
  parallelism: 4
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: batch
          image: busybox:1.36
`;

const AGENT = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: infra}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers:
        - name: agent
          image: busybox:1.36
`;

const SKIPPED = AGENT.replace('name: agent, namespace: infra', 'name: other, namespace: elsewhere');

const PLAIN_POD = `apiVersion: v1
kind: Pod
metadata: {name: tool, labels: {logs: json}}
spec:
  containers:
    - name: tool
      image: busybox:1.36
`;

function repo(): string {
  return tree({
    'istio/.mesh-injectrc.yaml': ISTIO_RC,
    'istio/web.yaml': WEB,
    'istio/job.yaml': JOB,
    'istio/agent.yaml': AGENT,
    'istio/skipped.yaml': SKIPPED,
    'plain/.mesh-injectrc.yaml': ISTIO_RC.replace('mesh: istio', 'mesh: none').replace('[shop, infra]', '["*"]'),
    'plain/pod.yaml': PLAIN_POD,
  });
}

interface CostJson {
  workloads: Array<{ file: string; resourceRef: { kind: string; name: string; namespace?: string }; containers: Array<{ name: string; role: string; requests: Record<string, unknown>; limits: Record<string, unknown> }>; perPod: Record<string, Record<string, unknown>>; replicas: Record<string, unknown>; total: Record<string, Record<string, unknown>> }>;
  namespaces: Record<string, { workloads: number; requests: Record<string, unknown>; limits: Record<string, unknown>; perNode: number; scales: number }>;
  total: { workloads: number; requests: Record<string, unknown>; limits: Record<string, unknown>; perNode: number; scales: number };
}

async function costJson(cwd: string, paths: string[] = []): Promise<CostJson> {
  const run = await runCli(['explain', '--resources', '--format', 'json', ...paths], { cwd });
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout).resources as CostJson;
}

describe('mesh-inject explain --resources', () => {
  it('gives, as JSON numbers, the containers added, the added effective requests and limits per pod, and times the replicas', async () => {
    const cost = await costJson(repo());
    const web = cost.workloads.find((w) => w.resourceRef.name === 'web')!;
    expect(web.file).toBe('istio/web.yaml');
    expect(web.containers.map((c) => [c.name, c.role])).toEqual([['istio-init', 'init'], ['istio-proxy', 'container'], ['fluent-bit', 'container']]);
    expect(web.containers.find((c) => c.name === 'istio-proxy')).toMatchObject({ requests: { cpuMillicores: 100, memoryBytes: 128 * MI }, limits: { cpuMillicores: 2000, memoryBytes: 1024 * MI } });
    // The init container (100m) runs alone: the pod needs app + proxy + fluent-bit.
    expect(web.perPod).toEqual({ requests: { cpuMillicores: 150, memoryBytes: 192 * MI }, limits: { cpuMillicores: 2100, memoryBytes: 1152 * MI } });
    expect(web.replicas).toEqual({ count: 3, scales: { hpa: 'web', minReplicas: 2, maxReplicas: 10 } });
    expect(web.total).toEqual({ requests: { cpuMillicores: 450, memoryBytes: 576 * MI }, limits: { cpuMillicores: 6300, memoryBytes: 3456 * MI } });

    const job = cost.workloads.find((w) => w.resourceRef.name === 'batch')!;
    expect(job.replicas).toEqual({ count: 4 });
    expect(job.total).toEqual({ requests: { cpuMillicores: 400, memoryBytes: 512 * MI }, limits: { cpuMillicores: 'unbounded', memoryBytes: 'unbounded' } });

    const agent = cost.workloads.find((w) => w.resourceRef.name === 'agent')!;
    expect(agent.replicas).toEqual({ count: 1, perNode: true });

    const pod = cost.workloads.find((w) => w.resourceRef.name === 'tool')!;
    expect(pod.containers.map((c) => c.name)).toEqual(['fluent-bit']);
    expect(pod.total.requests).toEqual({ cpuMillicores: 50, memoryBytes: 64 * MI });

    expect(cost.workloads.map((w) => w.resourceRef.name).sort()).toEqual(['agent', 'batch', 'tool', 'web']);
    expect(cost.namespaces.shop).toEqual({ workloads: 2, requests: { cpuMillicores: 850, memoryBytes: 1088 * MI }, limits: { cpuMillicores: 'unbounded', memoryBytes: 'unbounded' }, perNode: 0, scales: 1 });
    expect(cost.namespaces.infra).toMatchObject({ workloads: 1, perNode: 1 });
    expect(cost.total).toMatchObject({ workloads: 4, requests: { cpuMillicores: 1000, memoryBytes: 1280 * MI }, perNode: 1, scales: 1 });
  });

  it('prints the workloads, their added containers and the totals as a table', async () => {
    const run = await runCli(['explain', '--resources'], { cwd: repo() });
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    const row = (start: string) => lines.find((l) => l.startsWith(start)) ?? '';
    expect(row('Deployment/shop/web')).toMatch(/0\.15 CPU, 192 MiB.*2\.1 CPU, 1\.13 GiB.*3, scales 2-10 \(HPA web\).*0\.45 CPU, 576 MiB.*6\.3 CPU, 3\.38 GiB/);
    expect(row('Job/shop/batch')).toMatch(/\b4\b.*0\.4 CPU, 512 MiB\s+unbounded, unbounded$/);
    expect(row('DaemonSet/infra/agent')).toMatch(/per node/);
    expect(lines).toContain('  + fluent-bit: requests 0.05 CPU, 64 MiB; limits 0.1 CPU, 128 MiB');
    expect(row('ALL ')).toMatch(/\b4\b\s+1 CPU, 1\.25 GiB/);
    expect(run.stdout).not.toMatch(/elsewhere\/other\s.*CPU/);
  });

  it('stays out of explain and inject JSON without --resources', async () => {
    const dir = repo();
    const explain = JSON.parse((await runCli(['explain', '--format', 'json'], { cwd: dir })).stdout);
    expect(explain.resources).toBeUndefined();
    expect(explain.files.flatMap((f: { workloads: object[] }) => f.workloads).some((w: object) => 'resources' in w)).toBe(false);
  });

  it('counts a pod-level spec.resources amount as the pod\'s: the proxy shares it and adds nothing there', async () => {
    const dir = repo();
    const podLevel = WEB.replace('    spec:\n      containers:', '    spec:\n      resources:\n        requests: {cpu: "2"}\n        limits: {cpu: "4", memory: 2Gi}\n      containers:');
    expect(podLevel).not.toBe(WEB);
    const run = await runCli(['explain', '--resources', '--format', 'json', '-'], { cwd: join(dir, 'istio'), stdin: podLevel });
    expect(run.code).toBe(0);
    const web = JSON.parse(run.stdout).resources.workloads[0];
    expect(web.perPod).toEqual({ requests: { cpuMillicores: 0, memoryBytes: 192 * MI }, limits: { cpuMillicores: 0, memoryBytes: 0 } });
  });

  it('reads a stream on stdin', async () => {
    const dir = repo();
    const run = await runCli(['explain', '--resources', '--format', 'json', '-'], { cwd: join(dir, 'istio'), stdin: WEB });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).resources.total.requests).toEqual({ cpuMillicores: 450, memoryBytes: 576 * MI });
  });

  it('shows the Linkerd proxy with the requests its namespace sets (examples/gitops-repo-linkerd)', async () => {
    const cost = await costJson(join(__dirname, '../../../examples/gitops-repo-linkerd'));
    const ledger = cost.workloads.find((w) => w.resourceRef.name === 'ledger')!;
    expect(ledger.containers.map((c) => c.name)).toContain('linkerd-proxy');
    expect(ledger.containers.find((c) => c.name === 'linkerd-proxy')!.requests).toEqual({ cpuMillicores: 50, memoryBytes: 32 * MI });
    expect(ledger.replicas).toEqual({ count: 3 });
    expect(ledger.total.requests).toEqual({ cpuMillicores: 150, memoryBytes: 96 * MI });
    expect(cost.namespaces.payments!.requests).toEqual({ cpuMillicores: 150, memoryBytes: 96 * MI });
    expect(cost.namespaces.legacy).toBeUndefined();
  });
});

describe('LimitRanges of the input', () => {
  const LIMIT_RANGE = 'apiVersion: v1\nkind: LimitRange\nmetadata: {name: container-defaults, namespace: shop}\nspec:\n  limits:\n  - type: Container\n    default: {cpu: 200m, memory: 128Mi}\n    defaultRequest: {cpu: 20m, memory: 16Mi}\n';

  it('give a Linkerd proxy without resources the namespace defaults, in the table and the JSON', async () => {
    const dir = tree();
    cpSync(join(__dirname, '../../../examples/gitops-repo-linkerd'), dir, { recursive: true });
    writeFileSync(join(dir, 'apps/shop/limitrange.yaml'), LIMIT_RANGE);
    const cost = await costJson(dir);
    const storefront = cost.workloads.find((w) => w.resourceRef.name === 'storefront')!;
    expect(storefront.containers.find((c) => c.name === 'linkerd-proxy')).toMatchObject({ requests: { cpuMillicores: 20, memoryBytes: 16 * MI }, limits: { cpuMillicores: 200, memoryBytes: 128 * MI } });
    expect(storefront.total.requests).toEqual({ cpuMillicores: 60, memoryBytes: 48 * MI });
    expect((storefront as { limitRanges?: string[] }).limitRanges).toEqual(['container-defaults']);
    // the other namespace keeps its own settings
    expect(cost.namespaces.payments!.requests).toEqual({ cpuMillicores: 150, memoryBytes: 96 * MI });
    const table = await runCli(['explain', '--resources'], { cwd: dir });
    expect(table.stdout).toContain('  (defaults from LimitRange container-defaults)');
    const summary = await runCli(['inject'], { cwd: dir });
    expect(summary.stderr).toMatch(/injection adds 0\.21 CPU, 144 MiB requests\n$/);
  });
});

describe('the inject summary', () => {
  it('ends with the requests the injection adds, the same whether newly injected or up to date', async () => {
    const dir = repo();
    const first = await runCli(['inject'], { cwd: dir });
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/4 injected.*; injection adds 1 CPU, 1\.25 GiB requests\n$/);
    const again = await runCli(['inject'], { cwd: dir });
    expect(again.stderr).toMatch(/4 up to date.*; injection adds 1 CPU, 1\.25 GiB requests\n$/);
    expect((await costJson(dir)).total.requests).toEqual({ cpuMillicores: 1000, memoryBytes: 1280 * MI });
  });

  it('adds nothing to the summary when nothing is injected', async () => {
    const run = await runCli(['inject'], { cwd: tree({ 'a.yaml': SKIPPED, '.mesh-injectrc.yaml': ISTIO_RC }) });
    expect(run.stderr).not.toMatch(/injection adds/);
  });
});
