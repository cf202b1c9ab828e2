/**
 * The Argo CD config management plugin end to end: plugin/argocd/plugin.yaml's commands run the
 * way argocd-cmp-server runs them (argocd-tools.ts), on a copy of fixtures/argocd-repo, with the
 * real kustomize (kubectl's, or a kustomize binary) and the built CLI.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PARAMETERS } from '../../plugin/argocd/parameters.js';
import { markerScript } from '../config/temp-repo.js';
import {
  FIXTURE_REPO,
  REPO,
  applicationEnv,
  argoObjects,
  binDirWithMeshInject,
  containerNames,
  discoverMatches,
  findObject,
  kustomizeShim,
  parameterEnv,
  pluginConfig,
  proxyImage,
  runPluginCommand,
  sidecarEnv,
  unpack,
  which,
  type AppParameter,
  type Application,
} from './argocd-tools.js';

const missing = which('kubectl') || which('kustomize') ? undefined : 'kubectl';
if (missing) console.log(`skipped: ${missing} not found`);
if (!missing && !existsSync(join(REPO, 'dist/bundle/mesh-inject.js'))) throw new Error('dist/bundle is missing: run `npm run build` before the end-to-end tests');

const config = pluginConfig();
let tmp: string;
let bin: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'mesh-inject-argocd-'));
  bin = binDirWithMeshInject(tmp);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Without `parameters`, Argo CD sends ARGOCD_APP_PARAMETERS=null (a nil list). */
function application(path: string, namespace: string, parameters?: AppParameter[]): Application {
  return {
    metadata: { name: path.split('/').pop()! },
    spec: {
      project: 'default',
      source: { repoURL: 'https://git.example.com/gitops.git', path, targetRevision: 'main', plugin: { name: 'mesh-inject', env: [{ name: 'TEAM', value: 'web-$ARGOCD_APP_NAME' }], ...(parameters ? { parameters } : {}) } },
      destination: { namespace },
    },
  };
}

/** Unpacks the fixture (after `edit`), runs generate for `app` as the CMP server would. */
function generate(app: Application, edit: (root: string) => void = () => {}, extraEnv: Record<string, string> = {}) {
  const root = unpack(FIXTURE_REPO, tmp);
  edit(root);
  const env = { ...sidecarEnv(bin, tmp), ...applicationEnv(app), ...extraEnv };
  return { root, run: runPluginCommand(config.spec.generate, join(root, app.spec.source.path), env) };
}

describe.skipIf(missing)('Argo CD CMP v2: generate', () => {
  it('injects a kustomize app with the Application parameters over the repository rc', () => {
    const { run } = generate(application('apps/shop', 'shop', [{ name: 'istio-tag', string: '1.33.1' }, { name: 'istio-revision', string: '1-33' }]));
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    const objects = argoObjects(run.stdout);
    expect(objects.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`).sort()).toEqual(['Deployment/shop/web', 'Service/shop/web']);
    const web = findObject(objects, 'Deployment', 'web');
    expect(containerNames(web)).toEqual(expect.arrayContaining(['istio-init', 'istio-proxy', 'web']));
    expect(proxyImage(web)).toBe('docker.io/istio/proxyv2:1.33.1');
    expect(web.spec.template.metadata.annotations['istio.io/rev']).toBe('1-33');
    expect(run.stdout).toContain('istiod-1-33.istio-system.svc:15012');
    expect(findObject(objects, 'Service', 'web').spec).toEqual({ selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] });
    expect(run.stderr).toContain('app shop: 1 workload(s) injected');
  });

  it('applies the rc where a parameter is unset or empty (Argo CD never sends announced defaults)', () => {
    const { run } = generate(application('apps/shop', 'shop', [{ name: 'istio-tag', string: '' }]));
    expect(run.code).toBe(0);
    expect(proxyImage(findObject(argoObjects(run.stdout), 'Deployment', 'web'))).toBe('docker.io/istio/proxyv2:1.32.0');
  });

  it('mesh=none turns the Istio preset off for one Application', () => {
    const { run } = generate(application('apps/shop', 'shop', [{ name: 'mesh', string: 'none' }]));
    expect(run.code).toBe(0);
    expect(containerNames(findObject(argoObjects(run.stdout), 'Deployment', 'web'))).toEqual(['web']);
  });

  it('renders a directory app from its manifests, leaving non-Kubernetes YAML out', () => {
    const { run } = generate(application('apps/plain', 'payments'));
    expect(run.code).toBe(0);
    const objects = argoObjects(run.stdout);
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['ConfigMap/worker-settings', 'Deployment/worker']);
    expect(containerNames(findObject(objects, 'Deployment', 'worker'))).toContain('istio-proxy');
    expect(run.stdout).not.toContain('replicas: 3');
  });

  it('reads a directory app manifest symlinked from elsewhere in the repository, as Argo CD does', () => {
    const link = (root: string) => {
      writeFileSync(join(root, 'base/shared-settings.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shared-settings\n');
      symlinkSync('../../base/shared-settings.yaml', join(root, 'apps/plain/shared-settings.yaml'));
    };
    const { run } = generate(application('apps/plain', 'payments'), link);
    expect(run.code).toBe(0);
    expect(argoObjects(run.stdout).map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['ConfigMap/worker-settings', 'Deployment/worker', 'ConfigMap/shared-settings']);
  });

  it('decides objects without a namespace by the destination namespace (here one the rc skips)', () => {
    const { run } = generate(application('apps/plain', 'legacy-batch'));
    expect(run.code).toBe(0);
    expect(containerNames(findObject(argoObjects(run.stdout), 'Deployment', 'worker'))).toEqual(['worker']);
    expect(run.stderr).toContain('1 skipped');
  });

  it('runs `kustomize build .` when the image has a kustomize binary', () => {
    if (!which('kubectl')) return console.log('skipped: kubectl not found (needed behind the kustomize stand-in)');
    const shim = kustomizeShim(mkdtempSync(join(tmp, 'shim-')));
    const root = unpack(FIXTURE_REPO, tmp);
    const env = sidecarEnv(bin, tmp);
    const run = runPluginCommand(config.spec.generate, join(root, 'apps/shop'), { ...env, ...applicationEnv(application('apps/shop', 'shop')), PATH: `${shim.bin}:${env.PATH}` });
    expect(run.code).toBe(0);
    expect(proxyImage(findObject(argoObjects(run.stdout), 'Deployment', 'web'))).toBe('docker.io/istio/proxyv2:1.32.0');
    expect(readFileSync(shim.log, 'utf8')).toBe('build .\n');
  });

  it('lets an empty app through only with allow-empty=true, printing nothing', () => {
    const empty = (root: string) => writeFileSync(join(root, 'apps/shop/kustomization.yaml'), 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n');
    const refused = generate(application('apps/shop', 'shop'), empty).run;
    expect(refused.code).not.toBe(0);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('allow-empty');
    const allowed = generate(application('apps/shop', 'shop', [{ name: 'allow-empty', string: 'true' }]), empty).run;
    expect(allowed).toMatchObject({ code: 0, stdout: '' });
  });
});

describe.skipIf(missing)('Argo CD CMP v2: a broken app exits non-zero and prints nothing', () => {
  const broken: { name: string; path: string; edit: (root: string) => void; parameters?: AppParameter[]; env?: Record<string, string>; stderr: RegExp }[] = [
    {
      name: 'a kustomization naming a missing file',
      path: 'apps/shop',
      edit: (root) => writeFileSync(join(root, 'apps/shop/kustomization.yaml'), 'resources:\n  - ../../base/web\n  - missing.yaml\n'),
      stderr: /kustomize.*failed.*missing\.yaml/s,
    },
    {
      name: 'a YAML error in a kustomize base',
      path: 'apps/shop',
      edit: (root) => writeFileSync(join(root, 'base/web/service.yaml'), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: "web\n'),
      stderr: /kustomize.*failed/s,
    },
    {
      name: 'a YAML error in a directory app workload',
      path: 'apps/plain',
      edit: (root) => writeFileSync(join(root, 'apps/plain/deployment.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: "worker\nspec: {}\n'),
      stderr: /apps\/plain\/deployment\.yaml:4:\d+: \[error\].*unclosed/,
    },
    {
      name: 'a YAML error in a directory app ConfigMap (not a workload)',
      path: 'apps/plain',
      edit: (root) => writeFileSync(join(root, 'apps/plain/extra.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: x\n'),
      stderr: /apps\/plain\/extra\.yaml:4:\d+: \[error\]/,
    },
    {
      name: 'a workload mesh-inject refuses (a port in Istio range)',
      path: 'apps/plain',
      edit: (root) => writeFileSync(join(root, 'apps/plain/deployment.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: worker\nspec:\n  template:\n    spec:\n      containers:\n        - name: worker\n          image: busybox\n          ports:\n            - containerPort: 15001\n'),
      stderr: /reserved-port/,
    },
    {
      name: 'an invalid .mesh-injectrc',
      path: 'apps/shop',
      edit: (root) => writeFileSync(join(root, '.mesh-injectrc.yaml'), 'mesh: consul\n'),
      stderr: /\.mesh-injectrc\.yaml:1:7: \[error\].*mesh/,
    },
    {
      name: 'a mesh-inject.config.js (which must not run)',
      path: 'apps/shop',
      edit: (root) => writeFileSync(join(root, 'apps/shop/mesh-inject.config.js'), markerScript(join(root, 'js-config-ran'))),
      stderr: /JavaScript config files are disabled/,
    },
    { name: 'a bad parameter value', path: 'apps/shop', edit: () => {}, parameters: [{ name: 'mesh', string: 'consul' }], stderr: /Argo CD parameter mesh: .*istio, linkerd or none/ },
    { name: 'an unknown parameter', path: 'apps/shop', edit: () => {}, parameters: [{ name: 'tag', string: '1.33.0' }], stderr: /\(invalid-parameters\)/ },
    { name: 'a parameter given as an array', path: 'apps/shop', edit: () => {}, parameters: [{ name: 'istio-tag', array: ['1.33.0'] }], stderr: /\(invalid-parameters\)/ },
    { name: 'a bad allow-empty value', path: 'apps/shop', edit: () => {}, parameters: [{ name: 'allow-empty', string: 'yes' }], stderr: /\(invalid-parameters\)/ },
    { name: 'ARGOCD_APP_PARAMETERS that is not JSON', path: 'apps/shop', edit: () => {}, env: { ARGOCD_APP_PARAMETERS: '[{"name":"istio-tag"' }, stderr: /\(invalid-parameters\)/ },
    { name: 'a parameter entry without a name', path: 'apps/shop', edit: () => {}, env: { ARGOCD_APP_PARAMETERS: '[{"string":"1.33.0"}]' }, stderr: /\(invalid-parameters\)/ },
    {
      name: 'a directory app manifest that is not UTF-8',
      path: 'apps/plain',
      edit: (root) => writeFileSync(join(root, 'apps/plain/extra.yaml'), Buffer.from([...Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: caf'), 0xe9, 0x0a])),
      stderr: /apps\/plain\/extra\.yaml:4:\d+: \[error\].*\(invalid-encoding\)/,
    },
    {
      name: 'a directory app manifest symlinked from outside the sources',
      path: 'apps/plain',
      edit: (root) => {
        writeFileSync(join(root, '..', 'outside.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: outside\n');
        symlinkSync(join(root, '..', 'outside.yaml'), join(root, 'apps/plain/outside.yaml'));
      },
      stderr: /apps\/plain\/outside\.yaml: \[error\].*\(symlink-outside-root\)/,
    },
    {
      name: 'a directory app holding only an empty List',
      path: 'apps/plain',
      edit: (root) => {
        for (const file of ['deployment.yaml', 'configmap.json']) unlinkSync(join(root, 'apps/plain', file));
        writeFileSync(join(root, 'apps/plain/list.yaml'), 'apiVersion: v1\nkind: List\nitems: []\n');
      },
      stderr: /renders no Kubernetes object/,
    },
  ];

  for (const c of broken) {
    it(c.name, () => {
      const { root, run } = generate(application(c.path, 'shop', c.parameters), c.edit, c.env);
      expect(run.stdout).toBe('');
      expect(run.code).not.toBe(0);
      expect(run.code).not.toBeNull();
      expect(run.stderr).toMatch(c.stderr);
      expect(run.stderr).toContain('nothing printed');
      expect(existsSync(join(root, 'js-config-ran'))).toBe(false);
    });
  }
});

describe.skipIf(missing)('Argo CD CMP v2: discover', () => {
  const env = (path: string) => ({ ...sidecarEnv(bin, tmp), ...applicationEnv(application(path, 'shop')) });

  it('takes kustomize and directory apps a mesh-inject config applies to, and nothing else', () => {
    const root = unpack(FIXTURE_REPO, tmp);
    const match = (path: string) => discoverMatches(config, join(root, path), env(path));
    expect(match('apps/shop')).toMatchObject({ matched: true, run: { stdout: 'kustomize app with .mesh-injectrc.yaml\n' } });
    expect(match('apps/plain')).toMatchObject({ matched: true, run: { stdout: 'directory app with .mesh-injectrc.yaml\n' } });
    expect(match('base/web').matched).toBe(true);
    expect(match('apps/chart')).toMatchObject({ matched: false, run: { code: 0, stdout: '' } });
    expect(match('apps').matched).toBe(false);
  });

  it('leaves a repository without a mesh-inject config to Argo CD, and stops at the sources root', () => {
    const root = unpack(FIXTURE_REPO, tmp);
    unlinkSync(join(root, '.mesh-injectrc.yaml'));
    // A config above the unpacked sources (in the work dir) is not the repository's.
    writeFileSync(join(root, '..', '.mesh-injectrc.yaml'), 'mesh: istio\n');
    try {
      expect(discoverMatches(config, join(root, 'apps/shop'), env('apps/shop'))).toMatchObject({ matched: false, run: { code: 0, stdout: '' } });
    } finally {
      unlinkSync(join(root, '..', '.mesh-injectrc.yaml'));
    }
  });

  it('takes an app with a JS config, so that generate fails loudly instead of skipping injection', () => {
    const root = unpack(FIXTURE_REPO, tmp);
    unlinkSync(join(root, '.mesh-injectrc.yaml'));
    writeFileSync(join(root, 'apps/shop/mesh-inject.config.js'), markerScript(join(root, 'js-config-ran')));
    expect(discoverMatches(config, join(root, 'apps/shop'), env('apps/shop')).matched).toBe(true);
    expect(existsSync(join(root, 'js-config-ran'))).toBe(false);
  });
});

describe.skipIf(missing)('Argo CD CMP v2: the sidecar refuses JS configs in any pipeline (MESH_INJECT_NO_JS_CONFIG)', () => {
  const pipeline = (extraEnv: Record<string, string>) => {
    const root = unpack(FIXTURE_REPO, tmp);
    writeFileSync(join(root, 'apps/shop/mesh-inject.config.js'), markerScript(join(root, 'js-config-ran')));
    const env = { ...sidecarEnv(bin, tmp), ...applicationEnv(application('apps/shop', 'shop')), ...extraEnv };
    const run = runPluginCommand({ command: ['bash', '-euo', 'pipefail', '-c', 'kubectl kustomize . | mesh-inject inject -'] }, join(root, 'apps/shop'), env);
    return { run, ran: existsSync(join(root, 'js-config-ran')) };
  };

  it('with the patch environment, `kubectl kustomize . | mesh-inject inject -` fails without running the config', () => {
    const { run, ran } = pipeline({});
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toMatch(/JavaScript config files are disabled/);
    expect(ran).toBe(false);
  });

  it('without it (a developer machine) the same config is loaded', () => {
    const { run, ran } = pipeline({ MESH_INJECT_NO_JS_CONFIG: '' });
    expect(run.stderr).not.toMatch(/JavaScript config files are disabled/);
    expect(ran).toBe(true);
  });
});

describe('Argo CD CMP v2: plugin.yaml', () => {
  it('announces exactly the parameters generate reads, with the defaults it applies', () => {
    const announced = (config.spec.parameters?.static ?? []).map((p) => ({ name: p.name, default: p.string }));
    expect(announced).toEqual(PARAMETERS.map((p) => ({ name: p.name, default: p.default })));
    expect(config.spec.parameters?.static?.every((p) => p.collectionType === undefined || p.collectionType === 'string')).toBe(true);
  });

  it('is named mesh-inject, without a version, and does not preserve file modes', () => {
    expect(config.metadata.name).toBe('mesh-inject');
    expect(config.spec).not.toHaveProperty('version');
    expect(config.spec.preserveFileMode).toBe(false);
  });

  it('parameter names map to the PARAM_ variables Argo CD sets', () => {
    expect(parameterEnv([{ name: 'istio-tag', string: '1.33.0' }])).toEqual({ ARGOCD_APP_PARAMETERS: '[{"name":"istio-tag","string":"1.33.0"}]', PARAM_ISTIO_TAG: '1.33.0' });
  });
});
