/** ProxyConfig CRs as the CLI sees them: collected from every file of the run, like Namespaces. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { transformKustomizeStream } from '../../../plugin/kustomize-stream.js';
import { defaultTestConfig } from '../../helpers/default-config.js';
import { DEPLOYMENT } from '../../helpers/fixtures.js';
import { runCli } from '../../helpers/run-cli.js';
import { useTempTrees } from '../../helpers/temp-trees.js';

const MESH_WIDE = `apiVersion: networking.istio.io/v1beta1
kind: ProxyConfig
metadata:
  name: mesh-wide
  namespace: istio-system
spec:
  concurrency: 3
`;

const tree = useTempTrees();

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

describe('mesh-inject inject with ProxyConfig CRs', () => {
  it('a ProxyConfig in another file of the same run configures the Deployment, and stays as it is', async () => {
    const dir = tree({ 'istio/proxyconfig.yaml': MESH_WIDE, 'app/web.yaml': DEPLOYMENT });
    const run = await runCli(['inject', '.'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(read(dir, 'app/web.yaml')).toContain('{"concurrency":3}');
    expect(read(dir, 'istio/proxyconfig.yaml')).toBe(MESH_WIDE);
  });

  it('a ProxyConfig outside the run does not count', async () => {
    const dir = tree({ 'istio/proxyconfig.yaml': MESH_WIDE, 'app/web.yaml': DEPLOYMENT });
    expect((await runCli(['inject', 'app'], { cwd: dir })).code).toBe(0);
    expect(read(dir, 'app/web.yaml')).toContain('name: istio-proxy');
    expect(read(dir, 'app/web.yaml')).not.toContain('concurrency');
  });

  it('reads CRs in a stream on stdin', async () => {
    const run = await runCli(['inject', '-'], { cwd: tree({}), stdin: `${MESH_WIDE}---\n${DEPLOYMENT}` });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('{"concurrency":3}');
  });

  it("the kustomize plugin's stream reads them from the stream", () => {
    const out = transformKustomizeStream(`${MESH_WIDE}---\n${DEPLOYMENT}`, defaultTestConfig());
    expect(out.results.filter((r) => r.severity === 'error')).toEqual([]);
    expect(out.text).toContain('{"concurrency":3}');
  });

  it('explain and --format json name the CRs a workload got its proxy settings from', async () => {
    const dir = tree({ 'istio/proxyconfig.yaml': MESH_WIDE, 'app/web.yaml': DEPLOYMENT });
    const explain = await runCli(['explain', '.'], { cwd: dir });
    expect(explain.stdout).toMatch(/^app\/web\.yaml:2\s+Deployment\/default\/web\s+injected\s+injected\s+.*; ProxyConfig istio-system\/mesh-wide$/m);
    const json = JSON.parse((await runCli(['inject', '--check', '--format', 'json', '.'], { cwd: dir })).stdout);
    expect(json.files.find((f: { path: string }) => f.path === 'app/web.yaml').workloads).toMatchObject([{ proxyConfigs: ['istio-system/mesh-wide'] }]);
  });

  it('an invalid CR fails the run with file:line:col and no file changes', async () => {
    const broken = MESH_WIDE.replace('concurrency: 3', 'concurrency: -1');
    const dir = tree({ 'istio/proxyconfig.yaml': broken, 'app/web.yaml': DEPLOYMENT });
    const run = await runCli(['inject', '.'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^istio\/proxyconfig\.yaml:7:3: \[error\] networking\.istio\.io\/v1beta1\/ProxyConfig\/istio-system\/mesh-wide spec\.concurrency: .*\(invalid-proxyconfig\)$/m);
    expect(run.stderr).toMatch(/^app\/web\.yaml:\d+:\d+: \[error\] apps\/v1\/Deployment\/default\/web .*istio-system\/mesh-wide in istio\/proxyconfig\.yaml.*\(invalid-proxyconfig\)$/m);
    expect(read(dir, 'istio/proxyconfig.yaml')).toBe(broken);
    expect(read(dir, 'app/web.yaml')).toBe(DEPLOYMENT);
  });
});
