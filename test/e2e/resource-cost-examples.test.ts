/**
 * The cost of the sidecar on the example repositories, end to end through the CLI (in-process):
 * `explain --resources` before injecting, the `inject` summary, and `explain --resources` on the
 * injected files (read back from the undo records) all agree.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const EXAMPLES = join(__dirname, '../../examples');
const MI = 1024 ** 2;
let dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

function copyOf(example: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'mesh-inject-cost-'));
  dirs.push(dir);
  cpSync(join(EXAMPLES, example), dir, { recursive: true });
  return dir;
}

async function resources(cwd: string) {
  const run = await runCli(['explain', '--resources', '--format', 'json', '.'], { cwd });
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout).resources;
}

describe.each([
  // Istio's default proxy and init: 100m/128Mi each; the init container runs alone, so a pod adds one proxy's worth.
  ['gitops-repo', { ledger: 2, storefront: 3, 'nightly-report': 1 }, { cpuMillicores: 100, memoryBytes: 128 * MI }, '0.6 CPU, 768 MiB'],
  // Linkerd: the payments namespace sets the proxy's requests; shop's proxy requests nothing.
  ['gitops-repo-linkerd', { ledger: 3, storefront: 3 }, undefined, '0.15 CPU, 96 MiB'],
] as const)('examples/%s', (example, replicas, perPod, summary) => {
  it('explain --resources, inject and explain again agree on what the injection adds', async () => {
    const dir = copyOf(example);
    const before = await resources(dir);
    expect(Object.fromEntries(before.workloads.map((w: { resourceRef: { name: string }; replicas: { count: number } }) => [w.resourceRef.name, w.replicas.count]))).toEqual(replicas);
    if (perPod) for (const w of before.workloads) expect(w.perPod.requests).toEqual(perPod);
    const sum = (key: 'cpuMillicores' | 'memoryBytes') => before.workloads.reduce((n: number, w: { total: { requests: Record<string, number> } }) => n + w.total.requests[key]!, 0);
    expect(before.total.requests).toEqual({ cpuMillicores: sum('cpuMillicores'), memoryBytes: sum('memoryBytes') });

    const inject = await runCli(['inject', '.'], { cwd: dir });
    expect(inject.code).toBe(0);
    expect(inject.stderr).toContain(`; injection adds ${summary} requests\n`);
    expect(await resources(dir)).toEqual(before);
  });
});
