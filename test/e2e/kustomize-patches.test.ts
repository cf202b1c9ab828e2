/**
 * `mesh-inject patches` under the real `kubectl kustomize`: an overlay with `resources: [base]` and
 * `components: [the generated component]` builds exactly what `kubectl kustomize base | mesh-inject
 * inject -` gives (compared as objects, the undo record removed), for workloads of every kind with
 * HTTP probes and Prometheus annotations, with the Istio and the Linkerd preset. The base has its
 * own transformers (namespace, name prefix, labels): the patch targets are what the base emits.
 */
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { runCli } from '../helpers/run-cli.js';
import { REPO, missingTool, readTree, run, tempDir, writeTree } from './kustomize-tools.js';

const skip = missingTool('kubectl') !== undefined;

type Obj = any; // parsed YAML, compared whole

const KINDS: Array<[string, string]> = [
  ['apps/v1', 'Deployment'],
  ['apps/v1', 'StatefulSet'],
  ['apps/v1', 'DaemonSet'],
  ['apps/v1', 'ReplicaSet'],
  ['batch/v1', 'Job'],
  ['batch/v1', 'CronJob'],
  ['v1', 'ReplicationController'],
  ['v1', 'Pod'],
];

function pod(app: string, restartNever: boolean): Obj {
  return {
    metadata: { labels: { app }, annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9090', 'prometheus.io/path': '/metrics' } },
    spec: {
      ...(restartNever ? { restartPolicy: 'Never' } : {}),
      initContainers: [{ name: 'setup', image: 'busybox:1.36', command: ['true'] }],
      containers: [{
        name: 'app',
        image: 'nginx:1.27',
        ports: [{ containerPort: 8080, name: 'http' }],
        readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
        livenessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 5 },
      }],
    },
  };
}

function workload([apiVersion, kind]: [string, string]): Obj {
  const name = kind.toLowerCase();
  const template = pod(name, kind === 'Job' || kind === 'CronJob');
  switch (kind) {
    case 'Pod': return { apiVersion, kind, metadata: { name, ...template.metadata }, spec: template.spec };
    case 'Job': return { apiVersion, kind, metadata: { name }, spec: { template } };
    case 'CronJob': return { apiVersion, kind, metadata: { name }, spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template } } } };
    case 'ReplicationController': return { apiVersion, kind, metadata: { name }, spec: { selector: { app: name }, template } };
    default: return { apiVersion, kind, metadata: { name }, spec: { selector: { matchLabels: { app: name } }, ...(kind === 'StatefulSet' ? { serviceName: name } : {}), template } };
  }
}

function renamed(name: string): Obj {
  const object = workload(['apps/v1', 'Deployment']);
  object.metadata.name = name;
  return object;
}

const BASE = {
  'base/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: shop\nnamePrefix: prod-\nlabels:\n- pairs:\n    team: shop\nresources:\n- workloads.yaml\n- service.yaml\n',
  // Names with a dot and their look-alike: kustomize reads targets as regular expressions.
  'base/workloads.yaml': [...KINDS.map(workload), renamed('api.v1'), renamed('apixv1')].map((o) => JSON.stringify(o, null, 2)).join('\n---\n') + '\n',
  'base/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n',
  'overlay/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- ../base\ncomponents:\n- ../mesh\n',
};

function objects(stream: string): Obj[] {
  const all: Obj[] = parseAllDocuments(stream, { version: '1.1' }).map((d) => d.toJS());
  for (const object of all) {
    for (const annotations of [object.metadata?.annotations, object.spec?.template?.metadata?.annotations, object.spec?.jobTemplate?.spec?.template?.metadata?.annotations]) {
      if (annotations) delete annotations['mesh-inject.dev/injected'];
    }
  }
  const key = (o: Obj) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`;
  return all.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function containerNames(object: Obj): string[] {
  const spec = object.kind === 'Pod' ? object.spec : object.kind === 'CronJob' ? object.spec.jobTemplate.spec.template.spec : object.spec.template.spec;
  return [...(spec.initContainers ?? []), ...spec.containers].map((c: Obj) => c.name);
}

function kustomize(dir: string): string {
  const result = run('kubectl', ['kustomize', dir]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.stdout;
}

const MESHES: Array<{ mesh: string; rc: string; proxy: string; changed: string; setup?: (dir: string) => void }> = [
  { mesh: 'istio', rc: 'istio: {tag: 1.32.1}\nnamespaces: {inject: ["*"]}\n', proxy: 'istio-proxy', changed: 'istio: {tag: 1.32.2}\nnamespaces: {inject: ["*"]}\n' },
  {
    mesh: 'linkerd',
    rc: 'mesh: linkerd\nlinkerd: {version: edge-26.8.3, identityTrustAnchorsFile: ca.crt}\nnamespaces: {inject: ["*"]}\n',
    proxy: 'linkerd-proxy',
    changed: 'mesh: linkerd\nlinkerd: {version: edge-26.8.3, identityTrustAnchorsFile: ca.crt}\nnamespaces: {inject: ["*"], skip: [shop]}\n',
    setup: (dir) => copyFileSync(join(REPO, 'examples/gitops-repo-linkerd/linkerd/ca.crt'), join(dir, 'ca.crt')),
  },
];

describe.skipIf(skip)('mesh-inject patches with kubectl kustomize', () => {
  for (const { mesh, rc, proxy, changed, setup } of MESHES) {
    it(`${mesh}: overlay + component == base | inject -, base untouched, --check`, async () => {
      const tmp = tempDir(`patches-${mesh}`);
      try {
        writeTree(tmp.dir, { ...BASE, '.mesh-injectrc.yaml': rc });
        setup?.(tmp.dir);
        const baseBefore = readTree(join(tmp.dir, 'base'));
        const built = kustomize(join(tmp.dir, 'base'));

        const patches = await runCli(['patches', '--out', 'mesh', '-'], { cwd: tmp.dir, stdin: built });
        expect(patches.code).toBe(0);
        const injected = await runCli(['inject', '-'], { cwd: tmp.dir, stdin: built });
        expect(injected.code).toBe(0);

        const overlay = objects(kustomize(join(tmp.dir, 'overlay')));
        const expected = objects(injected.stdout);
        expect(overlay).toEqual(expected);
        // Not vacuous: every workload got the proxy, the Service is there unchanged.
        const workloads = overlay.filter((o) => o.kind !== 'Service');
        expect(workloads).toHaveLength(KINDS.length + 2);
        for (const w of workloads) expect(containerNames(w)).toContain(proxy);
        expect(objects(built).find((o) => o.kind === 'Service')).toEqual(overlay.find((o) => o.kind === 'Service'));

        expect(readTree(join(tmp.dir, 'base'))).toEqual(baseBefore);
        expect((await runCli(['patches', '--check', '--out', 'mesh', '-'], { cwd: tmp.dir, stdin: built })).code).toBe(0);
        writeFileSync(join(tmp.dir, '.mesh-injectrc.yaml'), changed);
        expect((await runCli(['patches', '--check', '--out', 'mesh', '-'], { cwd: tmp.dir, stdin: built })).code).toBe(1);

        if (mesh === 'istio') {
          // A base edited where the patch replaces (the probe Istio rewrites): its test ops make the build fail.
          writeFileSync(join(tmp.dir, 'base/workloads.yaml'), BASE['base/workloads.yaml'].replaceAll('/ready"', '/readyz"'));
          expect(run('kubectl', ['kustomize', join(tmp.dir, 'overlay')]).code).not.toBe(0);
        }
      } finally {
        tmp.cleanup();
      }
    }, 120_000);
  }
});
