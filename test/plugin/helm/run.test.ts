/**
 * `mesh-inject plugin helm` in-process: Helm 3 and Helm 4 post-renderer input, config and
 * namespace resolution, and the all-or-nothing stdout on bad input.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempTree } from '../../helpers/run-cli.js';
import { HELM3_RELEASE, HELM4_RELEASE, LINKERD_CA, containerNames, documentsWithout, objects, sourceComments } from './release-fixtures.js';

const WORKLOADS = ['Deployment', 'Job'];
const LINKERD_RC = 'mesh: linkerd\nlinkerd:\n  identityTrustAnchorsFile: ca.crt\nnamespaces:\n  inject: [web]\n';

describe('mesh-inject plugin helm', () => {
  const repo = tempTree({
    '.mesh-injectrc': 'mesh: istio\n',
    'linkerd/.mesh-injectrc': LINKERD_RC,
    'linkerd/ca.crt': LINKERD_CA,
    'broken/.mesh-injectrc': 'mesh: nope\n',
  });
  afterAll(repo.cleanup);
  const helm = (args: string[], stdin: string, options: { cwd?: string; env?: Record<string, string> } = {}) =>
    runCli(['plugin', 'helm', ...args], { cwd: options.cwd ?? repo.dir, stdin, ...(options.env ? { env: options.env } : {}) });

  it('injects a Helm 3 release, keeping every # Source: comment, the hidden Secret and all other documents byte for byte', async () => {
    const run = await helm([], HELM3_RELEASE);
    expect(run.code).toBe(0);
    expect(containerNames(run.stdout, 'Deployment')).toEqual(expect.arrayContaining(['istio-init', 'istio-proxy', 'demo']));
    expect(containerNames(run.stdout, 'Job')).toContain('istio-proxy');
    expect(sourceComments(run.stdout)).toEqual(sourceComments(HELM3_RELEASE));
    expect(sourceComments(run.stdout)).toHaveLength(7);
    expect(documentsWithout(run.stdout, WORKLOADS)).toEqual(documentsWithout(HELM3_RELEASE, WORKLOADS));
    expect(run.stdout).toContain('greeting.tmpl: "Hello {{ .Name }}"');
  });

  it('injects a Helm 4 release and keeps the postrender-filename annotation Helm splits the output by', async () => {
    const run = await helm([], HELM4_RELEASE);
    expect(run.code).toBe(0);
    expect(containerNames(run.stdout, 'Deployment')).toContain('istio-proxy');
    const files = objects(run.stdout).map((o) => o.metadata.annotations['postrenderer.helm.sh/postrender-filename']);
    expect(files).toEqual(objects(HELM4_RELEASE).map((o) => o.metadata.annotations['postrenderer.helm.sh/postrender-filename']));
    expect(documentsWithout(run.stdout, WORKLOADS)).toEqual(documentsWithout(HELM4_RELEASE, WORKLOADS));
  });

  it('gives its own output back unchanged (an upgrade re-renders and re-injects the same bytes)', async () => {
    const first = await helm([], HELM3_RELEASE);
    const second = await helm([], first.stdout);
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
  });

  it('takes the release namespace from --namespace, else $HELM_NAMESPACE, for objects without metadata.namespace (Linkerd)', async () => {
    const cwd = `${repo.dir}/linkerd`;
    const none = await helm([], HELM3_RELEASE, { cwd });
    expect(none.code).toBe(0);
    expect(none.stdout).toBe(HELM3_RELEASE); // namespace "default" is not selected
    const flag = await helm(['--namespace', 'web'], HELM3_RELEASE, { cwd });
    expect(flag.code).toBe(0);
    expect(containerNames(flag.stdout, 'Deployment')).toContain('linkerd-proxy');
    const env = await helm([], HELM4_RELEASE, { cwd, env: { HELM_NAMESPACE: 'web' } });
    expect(containerNames(env.stdout, 'Deployment')).toContain('linkerd-proxy');
    const flagWins = await helm(['--namespace=other'], HELM3_RELEASE, { cwd, env: { HELM_NAMESPACE: 'web' } });
    expect(flagWins.stdout).toBe(HELM3_RELEASE);
  });

  it('reads --config relative to the working directory instead of the nearest .mesh-injectrc', async () => {
    const run = await helm(['--config', 'linkerd/.mesh-injectrc', '-n', 'web'], HELM3_RELEASE);
    expect(run.code).toBe(0);
    expect(containerNames(run.stdout, 'Deployment')).toContain('linkerd-proxy');
    expect(containerNames(run.stdout, 'Deployment')).not.toContain('istio-proxy');
  });

  it('hands an empty release back as it came', async () => {
    const run = await helm([], '');
    expect(run).toMatchObject({ code: 0, stdout: '' });
  });

  describe('bad input: exit 2, nothing on stdout, the problem on stderr', () => {
    const reservedPort = HELM3_RELEASE.replace('containerPort: 80', 'containerPort: 15001');
    const malformed = HELM3_RELEASE.replace('  name: web-demo\n  labels:\n    app.kubernetes.io/name: demo\ndata:', '  name: {web-demo\ndata:');

    it.each([
      ['an invalid config', [], HELM3_RELEASE, 'broken', 'config-invalid'],
      ['a missing --config file', ['--config', 'nope.yaml'], HELM3_RELEASE, '', 'config-invalid'],
      ['a workload mesh-inject refuses', [], reservedPort, '', 'reserved-port'],
      ['malformed YAML in a document it does not change', [], malformed, '', 'yaml-syntax'],
    ])('%s', async (_name, args, stdin, dir, code) => {
      const run = await helm(args, stdin, { cwd: dir ? `${repo.dir}/${dir}` : repo.dir });
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(`(${code})`);
    });

    it('names the chart template of the document in error', async () => {
      const run = await helm([], HELM3_RELEASE.replace('containerPort: 80', 'containerPort: 15001'));
      expect(run.stderr).toContain('demo/templates/deployment.yaml:');
      const helm4 = await helm([], HELM4_RELEASE.replace('containerPort: 80', 'containerPort: 15001'));
      expect(helm4.stderr).toContain('demo/templates/deployment.yaml:');
    });

    it('names the template, line and column of a syntax error: the line of the rendered template after # Source:', async () => {
      const run = await helm([], malformed);
      const source = malformed.split('\n');
      const badAt = source.findIndex((l) => l.includes('{web-demo'));
      const sourceAt = source.slice(0, badAt).findLastIndex((l) => l.startsWith('# Source:'));
      const match = /mesh-inject: ([^:\s]+):(\d+):(\d+): \[error\].*\(yaml-syntax\)/.exec(run.stderr);
      expect(match?.[1]).toBe('demo/templates/configmap.yaml');
      // within a line or two of the bad flow mapping, counted from the # Source: comment
      expect(Math.abs(Number(match?.[2]) - (badAt - sourceAt))).toBeLessThanOrEqual(2);
      expect(Number(match?.[3])).toBeGreaterThan(0);
    });

    it('refuses a --namespace that is not a namespace name', async () => {
      const run = await helm(['--namespace', 'Not_A_Namespace'], HELM3_RELEASE);
      expect(run).toMatchObject({ code: 2, stdout: '' });
    });
  });
});
