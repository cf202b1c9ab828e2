/** `mesh-inject policy` as a command: config discovery, PATHs and stdin, formats, --output, and its errors. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';
import { run } from '../cli/fault-host.js';
import { useTempTrees } from '../../helpers/temp-trees.js';

type Obj = Record<string, any>;
const tree = useTempTrees();
const ISTIO_RC = 'mesh: istio\nnamespaces:\n  inject: [shop, "team-*"]\n';
const PEM = readFileSync(new URL('../../../examples/gitops-repo-linkerd/linkerd/ca.crt', import.meta.url), 'utf8');
const NAMESPACE = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: extra\n  labels:\n    istio-injection: enabled\n';

const docs = (text: string): Obj[] => parseAllDocuments(text).map((d) => d.toJS());
const variable = (policy: Obj, name: string): string => policy.spec.variables.find((v: Obj) => v.name === name).expression;

describe('mesh-inject policy', () => {
  it('prints the policy and its binding for the nearest .mesh-injectrc (Deny by default)', async () => {
    const dir = tree({ '.mesh-injectrc.yaml': ISTIO_RC, 'k8s/ns.yaml': NAMESPACE });
    const run = await runCli(['policy'], { cwd: join(dir, 'k8s') });
    expect([run.code, run.stderr]).toEqual([0, '']);
    const [policy, binding] = docs(run.stdout);
    expect([policy!.kind, binding!.kind, binding!.spec.validationActions]).toEqual(['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', ['Deny']]);
    expect(variable(policy!, 'selectedByConfig')).toContain("startsWith('team-')");
    // Every YAML file under the working directory counts, as for inject.
    expect(variable(policy!, 'namespaceInjection')).toContain("'extra': 'enabled'");
  });

  it('reads Namespace objects from the PATHs given, or from stdin', async () => {
    const dir = tree({ '.mesh-injectrc.yaml': ISTIO_RC, 'ns.yaml': NAMESPACE, 'other/app.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n' });
    const onlyOther = await runCli(['policy', 'other'], { cwd: dir });
    expect(variable(docs(onlyOther.stdout)[0]!, 'namespaceInjection')).not.toContain("'extra'");
    const fromFile = await runCli(['policy', 'ns.yaml'], { cwd: dir });
    expect(variable(docs(fromFile.stdout)[0]!, 'namespaceInjection')).toContain("'extra': 'enabled'");
    const fromStdin = await runCli(['policy', '-'], { cwd: dir, stdin: NAMESPACE });
    expect(fromStdin.stdout).toBe(fromFile.stdout);
  });

  it('takes --mode, --format json and --config', async () => {
    const dir = tree({ 'conf/rc.yaml': ISTIO_RC });
    const run = await runCli(['policy', '--mode', 'Warn', '--format', 'json', '--config', 'conf/rc.yaml', 'conf'], { cwd: dir });
    expect(run.code).toBe(0);
    const list = JSON.parse(run.stdout);
    expect([list.kind, list.items[1].spec.validationActions]).toEqual(['List', ['Warn']]);
    const bad = await runCli(['policy', '--mode', 'Block'], { cwd: dir });
    expect([bad.code, bad.stdout]).toEqual([2, '']);
  });

  it('writes --output all at once, printing nothing', async () => {
    const dir = tree({ '.mesh-injectrc.yaml': ISTIO_RC });
    const run = await runCli(['policy', '--mode', 'Audit', '-o', 'policy.yaml', '.mesh-injectrc.yaml'], { cwd: dir });
    expect([run.code, run.stdout]).toEqual([0, '']);
    expect(docs(readFileSync(join(dir, 'policy.yaml'), 'utf8'))[1]!.spec.validationActions).toEqual(['Audit']);
  });

  it('--check: 0 when the -o file is current, 1 after a config change or when missing, writing nothing', async () => {
    const dir = tree({ '.mesh-injectrc.yaml': ISTIO_RC });
    const args = ['policy', '--mode', 'Warn', '-o', 'policy.yaml', '.mesh-injectrc.yaml'];
    const missing = await runCli([...args, '--check'], { cwd: dir });
    expect([missing.code, missing.stdout, existsSync(join(dir, 'policy.yaml'))]).toEqual([1, '', false]);
    expect(missing.stderr).toContain('policy.yaml: missing');
    expect((await runCli(args, { cwd: dir })).code).toBe(0);
    expect((await runCli([...args, '--check'], { cwd: dir })).code).toBe(0);
    const written = readFileSync(join(dir, 'policy.yaml'), 'utf8');
    writeFileSync(join(dir, '.mesh-injectrc.yaml'), ISTIO_RC.replace('"team-*"', '"team-*", billing'));
    const stale = await runCli([...args, '--check'], { cwd: dir });
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('run `mesh-inject policy --mode Warn -o policy.yaml`');
    expect(readFileSync(join(dir, 'policy.yaml'), 'utf8')).toBe(written);
    const otherMode = await runCli(['policy', '-o', 'policy.yaml', '--check', '.mesh-injectrc.yaml'], { cwd: dir });
    expect(otherMode.code).toBe(1);
  });

  it('refuses stdin that is not UTF-8, naming it, printing nothing (exit 2)', async () => {
    const dir = tree({ '.mesh-injectrc.yaml': ISTIO_RC });
    const bytes = new Uint8Array([...new TextEncoder().encode('apiVersion: v1\nkind: Namespace\nmetadata: {name: "'), 0xff, ...new TextEncoder().encode('"}\n')]);
    const result = await run(['policy', '-'], { cwd: dir, stdin: bytes });
    expect([result.code, result.stdout]).toEqual([2, '']);
    expect(result.stderr).toMatch(/<stdin>:3:.*invalid-encoding/);
  });

  it('--check: needs -o; a directory in its place is an error naming it (exit 2)', async () => {
    const dir = tree({ '.mesh-injectrc.yaml': ISTIO_RC });
    expect((await runCli(['policy', '--check'], { cwd: dir })).code).toBe(2);
    mkdirSync(join(dir, 'policy.yaml'));
    const run = await runCli(['policy', '--check', '-o', 'policy.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('policy.yaml');
  });

  it('expects the image a mesh-wide ProxyConfig of the PATHs gives, as inject writes it', async () => {
    const proxyConfig = 'apiVersion: networking.istio.io/v1beta1\nkind: ProxyConfig\nmetadata:\n  name: mesh-wide\n  namespace: istio-system\nspec:\n  image:\n    imageType: distroless\n';
    const dir = tree({ '.mesh-injectrc.yaml': ISTIO_RC, 'istio/proxyconfig.yaml': proxyConfig });
    const withCr = await runCli(['policy', 'istio'], { cwd: dir });
    expect(variable(docs(withCr.stdout)[0]!, 'expectedImages')).toContain("'istio-proxy': 'docker.io/istio/proxyv2:1.32.0-distroless'");
    const without = await runCli(['policy', '.mesh-injectrc.yaml'], { cwd: dir });
    expect(variable(docs(without.stdout)[0]!, 'expectedImages')).toContain("'istio-proxy': 'docker.io/istio/proxyv2:1.32.0'");
  });

  it('generates the Linkerd policy with the image the Linkerd preset writes', async () => {
    const dir = tree({ '.mesh-injectrc.yaml': 'mesh: linkerd\nlinkerd:\n  identityTrustAnchorsFile: ca.crt\n', 'ca.crt': PEM });
    const run = await runCli(['policy', '.mesh-injectrc.yaml'], { cwd: dir });
    expect([run.code, run.stderr]).toEqual([0, '']);
    const [policy] = docs(run.stdout);
    expect(policy!.metadata.name).toBe('mesh-inject-linkerd-proxy');
    expect(variable(policy!, 'expectedImages')).toMatch(/'linkerd-proxy': 'cr\.l5d\.io\/linkerd\/proxy:[^']+'/);
  });

  it('refuses, printing and writing nothing: mesh none, a bad config, a Linkerd config without trust anchors, a missing path', async () => {
    const cases: [Record<string, string>, string[]][] = [
      [{ '.mesh-injectrc.yaml': 'mesh: none\n' }, []],
      [{ '.mesh-injectrc.yaml': 'mesh: consul\n' }, []],
      [{ '.mesh-injectrc.yaml': 'mesh: linkerd\n' }, []],
      [{ '.mesh-injectrc.yaml': ISTIO_RC }, ['missing.yaml']],
    ];
    for (const [files, args] of cases) {
      const dir = tree(files);
      const run = await runCli(['policy', ...args, '-o', 'out.yaml'], { cwd: dir });
      expect([files, run.code, run.stdout, existsSync(join(dir, 'out.yaml'))]).toEqual([files, 2, '', false]);
      expect(run.stderr).not.toBe('');
    }
  });
});
