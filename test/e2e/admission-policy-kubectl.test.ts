/**
 * The printed policy through kubectl's client-side checks (`kubectl create --dry-run=client
 * --validate=strict`: kinds known, every field in the API's schema). kubectl reads the schema
 * from an API server, so this runs where kubectl has a cluster and prints a skip line otherwise;
 * the CEL itself is verified offline in test/transformer/admission-policy/policy-evaluation.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { useTempTrees } from '../helpers/temp-trees.js';
import { onPath } from './tools.js';

const tree = useTempTrees();
const PEM = readFileSync(new URL('../../examples/gitops-repo-linkerd/linkerd/ca.crt', import.meta.url), 'utf8');

function kubectl(args: string[], input = ''): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync('kubectl', args, { input, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Why kubectl cannot check here, or undefined when it can. */
function unavailable(): string | undefined {
  if (!onPath('kubectl')) return 'kubectl not found';
  const probe = kubectl(['api-resources', '--api-group=admissionregistration.k8s.io', '-o', 'name', '--request-timeout=10s']);
  if (probe.status !== 0) return 'kubectl has no API server to read the schema from';
  if (!probe.stdout.includes('validatingadmissionpolicies')) return 'the cluster has no ValidatingAdmissionPolicy API (Kubernetes < 1.30)';
  return undefined;
}

describe('mesh-inject policy | kubectl create --dry-run=client', () => {
  it.each([
    ['istio', { '.mesh-injectrc.yaml': 'mesh: istio\nnamespaces:\n  inject: [shop, "team-*"]\n  skip: ["tmp-*"]\n' }],
    ['linkerd', { '.mesh-injectrc.yaml': 'mesh: linkerd\nlinkerd:\n  identityTrustAnchorsFile: ca.crt\n', 'ca.crt': PEM }],
  ])('accepts the %s policy and binding', async (_mesh, files) => {
    const why = unavailable();
    if (why) {
      console.log(`skipped: ${why}`);
      return;
    }
    const dir = tree(files);
    const printed = await runCli(['policy', '.mesh-injectrc.yaml'], { cwd: dir });
    expect(printed.code).toBe(0);
    const created = kubectl(['create', '--dry-run=client', '--validate=strict', '-o', 'name', '-f', '-'], printed.stdout);
    expect([created.status, created.stderr]).toEqual([0, '']);
    expect(created.stdout.trim().split('\n')).toHaveLength(2);
  });
});
