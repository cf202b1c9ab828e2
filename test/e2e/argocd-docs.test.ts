/**
 * Every snippet of docs/argocd.md marked `<!-- test: ... -->`, exercised: the plugin files are the
 * shipped ones, the install kustomization builds with the real kustomize, and the Application and
 * pipeline snippets run through the simulated CMP server (argocd-tools.ts).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { docSnippets, snippet } from '../helpers/doc-snippets.js';
import {
  FIXTURE_REPO,
  PATCH_YAML,
  PLUGIN_YAML,
  REPO,
  applicationEnv,
  argoObjects,
  binDirWithMeshInject,
  findObject,
  kustomizeShim,
  proxyImage,
  runPluginCommand,
  sidecarEnv,
  unpack,
  which,
  type Application,
  type Command,
} from './argocd-tools.js';

const docs = docSnippets(join(REPO, 'docs/argocd.md'));
const kubectl = which('kubectl');
if (!kubectl) console.log('skipped: kubectl not found');

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'mesh-inject-argocd-docs-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('docs/argocd.md', () => {
  it('shows plugin.yaml and the repo-server patch exactly as shipped', () => {
    expect(snippet(docs, 'argocd-plugin')).toBe(readFileSync(PLUGIN_YAML, 'utf8'));
    expect(snippet(docs, 'argocd-repo-server-patch')).toBe(readFileSync(PATCH_YAML, 'utf8'));
  });

  it.skipIf(!kubectl)('install kustomization: adds the ConfigMap and the sidecar to argocd-repo-server', () => {
    const dir = mkdtempSync(join(tmp, 'install-'));
    const install = snippet(docs, 'argocd-install');
    const upstream = /https:\/\/raw\.githubusercontent\.com\/argoproj\/argo-cd\/\S+\/manifests\/install\.yaml/;
    const component = /https:\/\/github\.com\/OWNER\/mesh-inject\/\/plugin\/argocd\?ref=\S+/;
    expect(install).toMatch(upstream);
    expect(install).toMatch(component);
    // Offline: a stand-in for Argo CD's install.yaml (the repo server as upstream shapes it), and this checkout's component.
    writeFileSync(join(dir, 'argocd-install.yaml'), REPO_SERVER_STAND_IN);
    writeFileSync(join(dir, 'kustomization.yaml'), install.replace(upstream, 'argocd-install.yaml').replace(component, relative(dir, join(REPO, 'plugin/argocd'))));

    const built = runPluginCommand({ command: [kubectl!, 'kustomize', dir] }, dir, { PATH: process.env.PATH ?? '' });
    expect(built.stderr).toBe('');
    const objects = parseAllDocuments(built.stdout).map((d) => d.toJS() as Record<string, any>);
    const configMap = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('mesh-inject-cmp-'))!;
    expect(configMap.metadata.namespace).toBe('argocd');
    expect(configMap.data['plugin.yaml']).toBe(readFileSync(PLUGIN_YAML, 'utf8'));

    const repoServer = findObject(objects, 'Deployment', 'argocd-repo-server');
    const pod = repoServer.spec.template.spec;
    expect(pod.containers.map((c: { name: string }) => c.name).sort()).toEqual(['argocd-repo-server', 'mesh-inject']);
    // The patch's container comes first; kubectl logs and exec still default to the repo server.
    expect(repoServer.spec.template.metadata.annotations['kubectl.kubernetes.io/default-container']).toBe('argocd-repo-server');
    const sidecar = pod.containers.find((c: { name: string }) => c.name === 'mesh-inject');
    const image = (parse(install) as { images: { newName: string; newTag: string }[] }).images[0]!;
    expect(sidecar.image).toBe(`${image.newName}:${image.newTag}`);
    expect(sidecar.command).toEqual(['/var/run/argocd/argocd-cmp-server']);
    expect(sidecar.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 999 });
    expect(sidecar.env).toEqual(expect.arrayContaining([{ name: 'HOME', value: '/tmp' }, { name: 'MESH_INJECT_NO_JS_CONFIG', value: '1' }]));
    const mounts = Object.fromEntries(sidecar.volumeMounts.map((m: { mountPath: string; name: string }) => [m.mountPath, m.name]));
    expect(mounts).toEqual({
      '/var/run/argocd': 'var-files',
      '/home/argocd/cmp-server/plugins': 'plugins',
      '/home/argocd/cmp-server/config/plugin.yaml': 'mesh-inject-cmp',
      '/tmp': 'mesh-inject-tmp',
    });
    const volumes = Object.fromEntries(pod.volumes.map((v: { name: string }) => [v.name, v]));
    expect(Object.keys(volumes).sort()).toEqual(['mesh-inject-cmp', 'mesh-inject-tmp', 'plugins', 'tmp', 'var-files']);
    expect(volumes['mesh-inject-cmp'].configMap.name).toBe(configMap.metadata.name);
    expect(volumes['mesh-inject-tmp']).toEqual({ name: 'mesh-inject-tmp', emptyDir: {} });
  });

  it.skipIf(!kubectl)('Application: its parameters and destination reach generate', () => {
    const app = parse(snippet(docs, 'argocd-application')) as Application;
    const param = (name: string) => app.spec.source.plugin!.parameters!.find((p) => p.name === name)!.string!;
    const root = unpack(FIXTURE_REPO, tmp);
    const env = { ...sidecarEnv(binDirWithMeshInject(mkdtempSync(join(tmp, 'bin-'))), tmp), ...applicationEnv(app) };
    const plugin = parse(readFileSync(PLUGIN_YAML, 'utf8')) as { metadata: { name: string }; spec: { generate: Command } };
    expect(app.spec.source.plugin!.name).toBe(plugin.metadata.name);

    const run = runPluginCommand(plugin.spec.generate, join(root, app.spec.source.path), env);
    expect(run.code).toBe(0);
    const web = findObject(argoObjects(run.stdout), 'Deployment', 'web');
    expect(web.metadata.namespace).toBe(app.spec.destination.namespace);
    expect(proxyImage(web)).toBe(`docker.io/istio/proxyv2:${param('istio-tag')}`);
    expect(web.spec.template.metadata.annotations['istio.io/rev']).toBe(param('istio-revision'));
  });

  it.skipIf(!kubectl)('pipeline for your own plugin: injects, and prints nothing when kustomize fails', () => {
    const { generate } = parse(snippet(docs, 'argocd-pipeline')) as { generate: Command };
    const shim = kustomizeShim(mkdtempSync(join(tmp, 'shim-')));
    const sidecar = sidecarEnv(binDirWithMeshInject(mkdtempSync(join(tmp, 'bin-'))), tmp);
    const env = { ...sidecar, PATH: `${shim.bin}:${sidecar.PATH}` };

    const root = unpack(FIXTURE_REPO, tmp);
    const ok = runPluginCommand(generate, join(root, 'apps/shop'), env);
    expect(ok.code).toBe(0);
    expect(proxyImage(findObject(argoObjects(ok.stdout), 'Deployment', 'web'))).toBe('docker.io/istio/proxyv2:1.32.0');

    const broken = unpack(FIXTURE_REPO, tmp);
    writeFileSync(join(broken, 'apps/shop/kustomization.yaml'), 'resources:\n  - missing.yaml\n');
    const failed = runPluginCommand(generate, join(broken, 'apps/shop'), env);
    expect(failed.stdout).toBe('');
    expect(failed.code).not.toBe(0);
    expect(readFileSync(shim.log, 'utf8')).toBe('build --enable-helm .\nbuild --enable-helm .\n');
  });
});

/** The parts of Argo CD's argocd-repo-server Deployment the patch meets (containers and volumes by name). */
const REPO_SERVER_STAND_IN = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: argocd-repo-server
spec:
  selector:
    matchLabels:
      app.kubernetes.io/name: argocd-repo-server
  template:
    metadata:
      labels:
        app.kubernetes.io/name: argocd-repo-server
    spec:
      initContainers:
        - name: copyutil
          image: quay.io/argoproj/argocd:v3.1.0
          command: [/bin/cp, -n, /usr/local/bin/argocd, /var/run/argocd/argocd-cmp-server]
          volumeMounts:
            - name: var-files
              mountPath: /var/run/argocd
      containers:
        - name: argocd-repo-server
          image: quay.io/argoproj/argocd:v3.1.0
          volumeMounts:
            - name: var-files
              mountPath: /var/run/argocd
            - name: plugins
              mountPath: /home/argocd/cmp-server/plugins
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: var-files
          emptyDir: {}
        - name: plugins
          emptyDir: {}
        - name: tmp
          emptyDir: {}
`;
