/**
 * `mesh-inject linkerd-inject` / `linkerd-uninject` as commands: inputs (file, directory, stdin),
 * values, exit codes, what goes to stdout and stderr. Golden equality with Linkerd is
 * test/conformance/linkerd.test.ts; here the command around it.
 */
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';
import { useTempTrees } from '../../helpers/temp-trees.js';
import { VERSION } from '../../../plugin/version.js';

const tree = useTempTrees();

const VALUES = 'identityTrustAnchorsPEM: test-anchors\nproxy:\n  isIngress: false\n  ports:\n    admin: 4191\nidentity:\n  serviceAccountTokenProjection: true\n';
const deployment = (name: string, extra = '') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: app\nspec:\n  selector:\n    matchLabels: {app: ${name}}\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n${extra}      containers:\n      - name: ${name}\n        image: ${name}:1\n`;

const docs = (text: string) => parseAllDocuments(text).map((d) => d.toJS() as Record<string, any> | null);
const podAnnotations = (doc: Record<string, any> | null) => doc?.spec?.template?.metadata?.annotations as Record<string, string> | undefined;

describe('mesh-inject linkerd-inject', () => {
  it('without --manual adds linkerd.io/inject: enabled to the pod template, reports on stderr, exit 0', async () => {
    const dir = tree({ 'values.yaml': VALUES, 'app.yaml': deployment('web') });
    const run = await runCli(['linkerd-inject', '--values', 'values.yaml', 'app.yaml'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(podAnnotations(docs(run.stdout)[0]!)).toEqual({ 'linkerd.io/inject': 'enabled' });
    expect(run.stdout.endsWith('---\n')).toBe(true);
    expect(run.stderr).toBe('\ndeployment "web" injected\n\n');
  });

  it('reads the same stream on stdin with -', async () => {
    const dir = tree({ 'values.yaml': VALUES, 'app.yaml': deployment('web') });
    const fromFile = await runCli(['linkerd-inject', '--values', 'values.yaml', 'app.yaml'], { cwd: dir });
    const fromStdin = await runCli(['linkerd-inject', '--values', 'values.yaml', '-'], { cwd: dir, stdin: deployment('web') });
    expect(fromStdin.code).toBe(0);
    expect(fromStdin.stdout).toBe(fromFile.stdout);
    expect(fromStdin.stderr).toBe(fromFile.stderr);
  });

  it('--verbose prints the passed checks (√) before the summary', async () => {
    const dir = tree({ 'values.yaml': VALUES, 'app.yaml': deployment('web') });
    const run = await runCli(['linkerd-inject', '--values', 'values.yaml', '--verbose', 'app.yaml'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stderr.split('\n').filter((l) => l.startsWith('\u221a '))).toHaveLength(6);
  });

  it('turns flags that change the values into override annotations', async () => {
    const dir = tree({ 'values.yaml': VALUES, 'app.yaml': deployment('web') });
    const run = await runCli(['linkerd-inject', '--values', 'values.yaml', '--admin-port', '1234', '--skip-outbound-ports', '5432', 'app.yaml'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(podAnnotations(docs(run.stdout)[0]!)).toEqual({ 'config.linkerd.io/admin-port': '1234', 'config.linkerd.io/skip-outbound-ports': '5432', 'linkerd.io/inject': 'enabled' });
  });

  it('annotates Namespaces, and Services only with --opaque-ports', async () => {
    const service = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n';
    const namespace = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: app\n';
    const dir = tree({ 'values.yaml': VALUES, 'app.yaml': `${namespace}---\n${service}` });
    const plain = await runCli(['linkerd-inject', '--values', 'values.yaml', 'app.yaml'], { cwd: dir });
    expect(docs(plain.stdout)[0]!.metadata.annotations).toEqual({ 'linkerd.io/inject': 'enabled' });
    expect(docs(plain.stdout)[1]!.metadata.annotations).toBeUndefined();
    const opaque = await runCli(['linkerd-inject', '--values', 'values.yaml', '--opaque-ports', '3306', 'app.yaml'], { cwd: dir });
    expect(opaque.code).toBe(0);
    expect(docs(opaque.stdout)[1]!.metadata.annotations).toEqual({ 'config.linkerd.io/opaque-ports': '3306' });
    expect(opaque.stderr).toBe('\nnamespace "app" annotated\nservice "web" annotated\n\n');
  });

  it('--manual adds the proxy, created by mesh-inject unless --created-by says otherwise', async () => {
    const dir = tree({ 'values.yaml': VALUES, 'app.yaml': deployment('web') });
    const run = await runCli(['linkerd-inject', '--values', 'values.yaml', '--manual', 'app.yaml'], { cwd: dir });
    expect(run.code).toBe(0);
    const [doc] = docs(run.stdout);
    expect(doc!.spec.template.spec.containers.map((c: { name: string }) => c.name)).toContain('web');
    expect(JSON.stringify(doc!.spec.template.spec)).toContain('"name":"linkerd-proxy"');
    expect(podAnnotations(doc!)!['linkerd.io/created-by']).toBe(`mesh-inject ${VERSION}`);
    const compat = await runCli(['linkerd-inject', '--values', 'values.yaml', '--manual', '--created-by', 'linkerd/cli edge-26.8.3', 'app.yaml'], { cwd: dir });
    expect(podAnnotations(docs(compat.stdout)[0]!)!['linkerd.io/created-by']).toBe('linkerd/cli edge-26.8.3');
  });

  it('LINKERD_DOCKER_REGISTRY moves the images, and --registry wins over it', async () => {
    const dir = tree({ 'values.yaml': VALUES, 'app.yaml': deployment('web') });
    const images = (stdout: string) => JSON.stringify(docs(stdout)[0]!.spec.template.spec).match(/"image":"[^"]*proxy[^"]*"/g);
    const fromEnv = await runCli(['linkerd-inject', '--values', 'values.yaml', '--manual', 'app.yaml'], { cwd: dir, env: { LINKERD_DOCKER_REGISTRY: 'mirror.example/l5d' } });
    expect(fromEnv.code).toBe(0);
    expect(images(fromEnv.stdout)!.every((i) => i.startsWith('"image":"mirror.example/l5d/proxy:'))).toBe(true);
    const fromFlag = await runCli(['linkerd-inject', '--values', 'values.yaml', '--manual', '--registry', 'other.example', 'app.yaml'], { cwd: dir, env: { LINKERD_DOCKER_REGISTRY: 'mirror.example/l5d' } });
    expect(images(fromFlag.stdout)!.every((i) => i.startsWith('"image":"other.example/proxy:'))).toBe(true);
  });

  it('-L names the control plane namespace the proxy is labelled with', async () => {
    const dir = tree({ 'values.yaml': VALUES, 'app.yaml': deployment('web') });
    const run = await runCli(['linkerd-inject', '--values', 'values.yaml', '--manual', '-L', 'mesh', 'app.yaml'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(docs(run.stdout)[0]!.spec.template.metadata.labels['linkerd.io/control-plane-ns']).toBe('mesh');
  });

  it('takes the linkerd-config ConfigMap as --values', async () => {
    const configMap = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: linkerd-config\n  namespace: linkerd\ndata:\n  values: |\n${VALUES.replace(/^/gm, '    ')}`;
    const dir = tree({ 'values.yaml': VALUES, 'cm.yaml': configMap, 'app.yaml': deployment('web') });
    const fromValues = await runCli(['linkerd-inject', '--values', 'values.yaml', '--manual', 'app.yaml'], { cwd: dir });
    const fromConfigMap = await runCli(['linkerd-inject', '--values', 'cm.yaml', '--manual', 'app.yaml'], { cwd: dir });
    expect(fromConfigMap.code).toBe(0);
    expect(fromConfigMap.stdout).toBe(fromValues.stdout);
  });

  it('prints the preset\'s warnings (a value Linkerd ignores) only with --verbose, as Linkerd logs them', async () => {
    const odd = deployment('web').replace('labels: {app: web}', 'labels: {app: web}\n      annotations: {config.linkerd.io/enable-debug-sidecar: maybe}');
    const dir = tree({ 'values.yaml': VALUES, 'app.yaml': odd });
    const quiet = await runCli(['linkerd-inject', '--values', 'values.yaml', '--manual', 'app.yaml'], { cwd: dir });
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).not.toContain('unknown-annotation-value');
    const verbose = await runCli(['linkerd-inject', '--values', 'values.yaml', '--manual', '--verbose', 'app.yaml'], { cwd: dir });
    expect(verbose.code).toBe(0);
    expect(verbose.stderr).toContain('(unknown-annotation-value)');
  });

  it('-o json writes each document as one line of JSON, the same data as the YAML output', async () => {
    const service = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n';
    const dir = tree({ 'values.yaml': VALUES, 'app.yaml': `${deployment('web')}---\n${service}` });
    const yaml = await runCli(['linkerd-inject', '--values', 'values.yaml', '--manual', 'app.yaml'], { cwd: dir });
    const json = await runCli(['linkerd-inject', '--values', 'values.yaml', '--manual', '-o', 'json', 'app.yaml'], { cwd: dir });
    expect(json.code).toBe(0);
    expect(json.stderr).toBe(yaml.stderr);
    const lines = json.stdout.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((line) => JSON.parse(line))).toEqual(docs(yaml.stdout).filter((d) => d !== null));
    const bad = await runCli(['linkerd-inject', '--values', 'values.yaml', '-o', 'xml', 'app.yaml'], { cwd: dir });
    expect(bad.code).toBe(2);
  });

  it('takes Linkerd\'s --flag=<bool> spellings: --manual=true injects, --ingress=false overrides values in ingress mode', async () => {
    const dir = tree({ 'values.yaml': VALUES, 'ingress.yaml': VALUES.replace('isIngress: false', 'isIngress: true'), 'app.yaml': deployment('web') });
    const manual = await runCli(['linkerd-inject', '--values', 'values.yaml', '--manual=true', 'app.yaml'], { cwd: dir });
    expect(manual.code).toBe(0);
    expect(JSON.stringify(docs(manual.stdout)[0])).toContain('"name":"linkerd-proxy"');
    const notManual = await runCli(['linkerd-inject', '--values', 'values.yaml', '--manual=false', 'app.yaml'], { cwd: dir });
    expect(JSON.stringify(docs(notManual.stdout)[0])).not.toContain('linkerd-proxy');
    const ingressOff = await runCli(['linkerd-inject', '--values', 'ingress.yaml', '--ingress=false', 'app.yaml'], { cwd: dir });
    expect(ingressOff.code).toBe(0);
    expect(podAnnotations(docs(ingressOff.stdout)[0]!)).toEqual({ 'linkerd.io/inject': 'enabled' });
    const ingressValues = await runCli(['linkerd-inject', '--values', 'ingress.yaml', 'app.yaml'], { cwd: dir });
    expect(podAnnotations(docs(ingressValues.stdout)[0]!)).toBeUndefined();
    const bad = await runCli(['linkerd-inject', '--values', 'values.yaml', '--manual=maybe', 'app.yaml'], { cwd: dir });
    expect(bad.code).toBe(2);
  });

  it('a workload on the host network is an error: exit 1, nothing on stdout, no report', async () => {
    const dir = tree({ 'values.yaml': VALUES, 'app.yaml': `${deployment('ok')}---\n${deployment('web', '      hostNetwork: true\n')}` });
    const run = await runCli(['linkerd-inject', '--values', 'values.yaml', 'app.yaml'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('Error transforming resources:\nfailed to inject deployment/web: hostNetwork is enabled');
  });

  it('refuses a control-plane component without --manual (exit 1)', async () => {
    const component = deployment('tap').replace('labels: {app: tap}', 'labels: {app: tap, linkerd.io/control-plane-component: tap}');
    const dir = tree({ 'values.yaml': VALUES, 'app.yaml': component });
    const run = await runCli(['linkerd-inject', '--values', 'values.yaml', 'app.yaml'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
  });

  it('a document that is not YAML fails the run (exit 1) with the document\'s line', async () => {
    const dir = tree({ 'values.yaml': VALUES, 'app.yaml': `${deployment('ok')}---\nkind: Deployment\nmetadata:\n  name: x\n    bad: [\n` });
    const run = await runCli(['linkerd-inject', '--values', 'values.yaml', 'app.yaml'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.startsWith('Error transforming resources:\nerror converting YAML to JSON: yaml: line ')).toBe(true);
  });

  it('walks a directory in lexical order, subdirectories included', async () => {
    const dir = tree({ 'values.yaml': VALUES, 'k8s/nginx.yaml': deployment('nginx'), 'k8s/db/redis.yaml': deployment('redis') });
    const run = await runCli(['linkerd-inject', '--values', 'values.yaml', 'k8s'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(docs(run.stdout).filter(Boolean).map((d) => d!.metadata.name)).toEqual(['redis', 'nginx']);
  });

  it('names a file it cannot read, still writes the others, exit 2', async () => {
    const dir = tree({ 'values.yaml': VALUES, 'k8s/a.yaml': deployment('a') });
    symlinkSync(join(dir, 'gone.yaml'), join(dir, 'k8s/b.yaml')); // unreadable, whoever runs the test
    const run = await runCli(['linkerd-inject', '--values', 'values.yaml', 'k8s'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(docs(run.stdout).filter(Boolean).map((d) => d!.metadata.name)).toEqual(['a']);
    expect(run.stderr).toContain(join('k8s', 'b.yaml'));
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('never walks into a symlinked directory (a loop back to the parent ends, named as a fault)', async () => {
    const dir = tree({ 'values.yaml': VALUES, 'k8s/a.yaml': deployment('a') });
    symlinkSync(join(dir, 'k8s'), join(dir, 'k8s/loop'));
    const run = await runCli(['linkerd-inject', '--values', 'values.yaml', 'k8s'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(docs(run.stdout).filter(Boolean).map((d) => d!.metadata.name)).toEqual(['a']);
    expect(run.stderr).toContain(join('k8s', 'loop'));
  });

  it('a file that is not UTF-8 is named with its position, exit 2', async () => {
    const dir = tree({ 'values.yaml': VALUES });
    writeFileSync(join(dir, 'app.yaml'), Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    const run = await runCli(['linkerd-inject', '--values', 'values.yaml', 'app.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('app.yaml:1:6');
  });

  it('without --values takes the nearest .mesh-injectrc: its linkerd.values, else its version and trust anchors', async () => {
    const anchors = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    const fromVersion = tree({
      '.mesh-injectrc.yaml': `mesh: linkerd\nlinkerd:\n  version: edge-26.9.1\n  identityTrustAnchorsPEM: |\n${anchors.replace(/^/gm, '    ').trimEnd()}\n`,
      'k8s/app.yaml': deployment('web'),
    });
    const run = await runCli(['linkerd-inject', '--manual', 'k8s/app.yaml'], { cwd: fromVersion });
    expect(run.code, run.stderr).toBe(0);
    const proxy = docs(run.stdout)[0]!.spec.template.spec.initContainers.find((c: { name: string }) => c.name === 'linkerd-proxy');
    expect(proxy.image).toBe('cr.l5d.io/linkerd/proxy:edge-26.9.1');
    expect(proxy.env.find((e: { name: string }) => e.name === 'LINKERD2_PROXY_IDENTITY_TRUST_ANCHORS').value).toBe(anchors);

    const fromValues = tree({ '.mesh-injectrc.yaml': 'mesh: linkerd\nlinkerd:\n  values: l5d/values.yaml\n', 'l5d/values.yaml': VALUES, 'app.yaml': deployment('web') });
    const viaRc = await runCli(['linkerd-inject', '--manual', 'app.yaml'], { cwd: fromValues });
    const viaFlag = await runCli(['linkerd-inject', '--manual', '--values', 'l5d/values.yaml', 'app.yaml'], { cwd: fromValues });
    expect(viaRc.code, viaRc.stderr).toBe(0);
    expect(viaRc.stdout).toBe(viaFlag.stdout);
  });

  it('a manifest linkerd inject --manual wrote is left alone by inject, and uninject --ignore-record gives the original back', async () => {
    const anchors = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    const rc = `mesh: linkerd\nlinkerd:\n  identityTrustAnchorsPEM: |\n${anchors.replace(/^/gm, '    ').trimEnd()}\n`;
    const dir = tree({ '.mesh-injectrc.yaml': rc, 'app.yaml': deployment('web') });
    const manual = await runCli(['linkerd-inject', '--manual', 'app.yaml'], { cwd: dir });
    expect(manual.code, manual.stderr).toBe(0);
    writeFileSync(join(dir, 'app.yaml'), manual.stdout);
    const inject = await runCli(['inject', '--format', 'json', 'app.yaml'], { cwd: dir });
    expect(inject.stdout).toContain('skipped-foreign-injection');
    expect(readFileSync(join(dir, 'app.yaml'), 'utf8')).toBe(manual.stdout);
    const undone = await runCli(['uninject', '--ignore-record', 'app.yaml'], { cwd: dir });
    expect(undone.code, undone.stderr).toBe(0);
    expect(docs(readFileSync(join(dir, 'app.yaml'), 'utf8')).filter(Boolean)).toEqual(docs(deployment('web')));
  });

  it('without --values says which flag to pass (exit 2)', async () => {
    const dir = tree({ 'app.yaml': deployment('web') });
    const run = await runCli(['linkerd-inject', 'app.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('--values');
  });

  it('a values file that is not YAML is named with its line (exit 2)', async () => {
    const dir = tree({ 'values.yaml': 'proxy:\n  ports: [1, 2\n', 'app.yaml': deployment('web') });
    const run = await runCli(['linkerd-inject', '--values', 'values.yaml', 'app.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/values\.yaml:\d+/);
  });

  it('bad usage exits 2: missing input, a missing file, a URL, a bad port', async () => {
    const dir = tree({ 'values.yaml': VALUES, 'app.yaml': deployment('web') });
    for (const argv of [
      ['linkerd-inject', '--values', 'values.yaml'],
      ['linkerd-inject', '--values', 'values.yaml', 'missing.yaml'],
      ['linkerd-inject', '--values', 'values.yaml', 'https://example.com/app.yaml'],
      ['linkerd-inject', '--values', 'values.yaml', '--admin-port', 'x', 'app.yaml'],
      ['linkerd-uninject', 'missing.yaml'],
    ]) {
      const run = await runCli(argv, { cwd: dir });
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stdout, argv.join(' ')).toBe('');
    }
  });
});

describe('mesh-inject linkerd-uninject', () => {
  it('removes the annotation inject added and reports per file', async () => {
    const dir = tree({ 'values.yaml': VALUES, 'app.yaml': deployment('web') });
    const injected = await runCli(['linkerd-inject', '--values', 'values.yaml', 'app.yaml'], { cwd: dir });
    writeFileSync(join(dir, 'injected.yaml'), injected.stdout);
    const run = await runCli(['linkerd-uninject', 'injected.yaml'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(podAnnotations(docs(run.stdout)[0]!)).toBeUndefined();
    expect(run.stderr).toBe('\ndeployment "web" uninjected\n\n');
  });

  it('gives one report per file of a directory, each after that file\'s documents', async () => {
    const dir = tree({ 'k8s/a.yaml': deployment('a'), 'k8s/b.yaml': deployment('b') });
    const run = await runCli(['linkerd-uninject', 'k8s'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('\ndeployment "a" skipped\n\n\ndeployment "b" skipped\n\n');
  });
});
