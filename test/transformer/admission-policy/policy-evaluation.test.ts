/**
 * The required verification: the generated policy, evaluated offline as the API server would
 * (evaluate-policy.ts), against pods that mesh-inject's real pipeline injected and pods it did
 * not, for Istio and Linkerd. The matrix checks the policy against the decision table itself: a
 * pod is refused without its proxy exactly when `inject` would have injected it.
 */
import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../config/index.js';
import { admissionPolicy, type PolicyMode } from '../../../transformer/admission-policy/index.js';
import type { InjectConfig } from '../../../transformer/inject-config.js';
import { presetFor } from '../../../transformer/mesh/preset-for.js';
import type { NamespaceMeta } from '../../../transformer/mesh/types.js';
import { transformText } from '../../../transformer/pipeline/transform-text.js';
import { clusterContextFromText } from '../../../transformer/policy/cluster-context.js';
import { evaluatePolicy, type AdmissionRequest } from './evaluate-policy.js';

type Mesh = 'istio' | 'linkerd';
type Obj = Record<string, any>;
const PEM = readFileSync(new URL('../../../examples/gitops-repo-linkerd/linkerd/ca.crt', import.meta.url), 'utf8');

function configFor(mesh: Mesh): InjectConfig {
  const config = defaultConfig();
  config.mesh = mesh;
  config.namespaces = { inject: ['shop', 'team-*'], skip: ['team-legacy', 'sandbox-*'] };
  if (mesh === 'linkerd') config.linkerd.identityTrustAnchorsPEM = PEM;
  return config;
}

/** The input's Namespace objects: one opting in, one opting out of a selected glob, in each mesh's words. */
function namespaceObjects(mesh: Mesh): string {
  const optIn = mesh === 'istio' ? { labels: { 'istio-injection': 'enabled' } } : { annotations: { 'linkerd.io/inject': 'enabled' } };
  const optOut = mesh === 'istio' ? { labels: { 'istio-injection': 'disabled' } } : { annotations: { 'linkerd.io/inject': 'disabled' } };
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'extra', ...optIn } },
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-off', ...optOut } },
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
  ].map((o) => stringify(o)).join('---\n');
}

interface PodShape {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  hostNetwork?: boolean;
  /** Containers after the app's. */
  containers?: Obj[];
}

function deployment(namespace: string, shape: PodShape = {}): string {
  return stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web', ...shape.labels }, ...(shape.annotations ? { annotations: shape.annotations } : {}) },
        spec: { ...(shape.hostNetwork ? { hostNetwork: true } : {}), containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 8080 }] }, ...(shape.containers ?? [])] },
      },
    },
  });
}

class Setup {
  readonly config: InjectConfig;
  readonly nsText: string;
  readonly namespaces: Map<string, NamespaceMeta>;
  constructor(readonly mesh: Mesh, config = configFor(mesh), extraObjects = '') {
    this.config = config;
    this.nsText = namespaceObjects(mesh) + extraObjects;
    this.namespaces = clusterContextFromText(this.nsText).namespaces;
  }

  policy(mode: PolicyMode = 'Deny'): [Obj, Obj] {
    const { proxyConfigs } = clusterContextFromText(this.nsText);
    const generated = admissionPolicy({ config: this.config, preset: presetFor(this.config)!, namespaces: this.namespaces, proxyConfigs, mode });
    if ('results' in generated) throw new Error(JSON.stringify(generated.results));
    return generated.objects;
  }

  /** The pod a controller creates from the Deployment after `inject` ran on it (with the input's Namespaces). */
  run(namespace: string, shape: PodShape = {}): { injected: boolean; pod: Obj; pristine: Obj } {
    const text = deployment(namespace, shape);
    const outcome = transformText(text, { mode: 'inject', config: this.config, preset: presetFor(this.config), cluster: clusterContextFromText(this.nsText), path: 'web.yaml' });
    expect(outcome.results.filter((r) => r.severity === 'error')).toEqual([]);
    const asPod = (manifest: string): Obj => {
      const template = parse(manifest).spec.template;
      return { apiVersion: 'v1', kind: 'Pod', metadata: { ...template.metadata, name: 'web-1', namespace }, spec: template.spec };
    };
    return { injected: outcome.changed, pod: asPod(outcome.text), pristine: asPod(text) };
  }

  /** The namespace as the cluster holds it: applied from the input (default), or without the input's labels. */
  namespace(name: string, applied = true): AdmissionRequest['namespace'] {
    const meta = applied ? this.namespaces.get(name) : undefined;
    return { metadata: { name, ...(meta ? { labels: { ...meta.labels }, annotations: { ...meta.annotations } } : {}) } };
  }

  admit(pod: Obj, namespace = this.namespace(pod.metadata.namespace), mode: PolicyMode = 'Deny') {
    const [policy, binding] = this.policy(mode);
    return evaluatePolicy(policy, binding, { pod, namespace });
  }
}

const PROXY = { istio: 'istio-proxy', linkerd: 'linkerd-proxy' } as const;
const OPT_OUT: Record<Mesh, PodShape> = {
  istio: { labels: { 'sidecar.istio.io/inject': 'false' } },
  linkerd: { annotations: { 'linkerd.io/inject': 'disabled' } },
};

describe.each(['istio', 'linkerd'] as const)('the generated policy, evaluated as the API server does (%s)', (mesh) => {
  const setup = new Setup(mesh);

  it('admits a pod mesh-inject injected, and refuses the same pod without its proxy, naming the fix', () => {
    const { injected, pod, pristine } = setup.run('shop');
    expect(injected).toBe(true);
    expect(setup.admit(pod)).toEqual({ matched: true, violations: [], admitted: true, warnings: [] });
    const refused = setup.admit(pristine);
    expect(refused.admitted).toBe(false);
    expect(refused.violations).toHaveLength(1);
    expect(refused.violations[0]).toContain('mesh-inject inject');
  });

  /** Every container of the pod the mesh added, by list and index. */
  const meshContainers = (pod: Obj) =>
    (['initContainers', 'containers'] as const).flatMap((list) => ((pod.spec[list] ?? []) as Obj[]).flatMap((c, i) => (c.name === 'web' ? [] : [{ list, i, name: c.name as string }])));

  it('holds the proxy to the configured image at any registry or digest, unless the manifest chose one for it', () => {
    const { pod } = setup.run('shop');
    const proxy = meshContainers(pod).find((c) => c.name === PROXY[mesh])!;
    const withImage = (image: string) => {
      const copy = structuredClone(pod);
      copy.spec[proxy.list][proxy.i].image = image;
      return copy;
    };
    const expected = pod.spec[proxy.list][proxy.i].image as string;
    const name = expected.split('/').at(-1)!.split(':')[0]!;
    expect(setup.admit(withImage(`mirror.example.com/mesh/${name}:${expected.split(':').at(-1)}`)).admitted).toBe(false);
    expect(setup.admit(withImage(`${expected.split(':')[0]}@sha256:${'0'.repeat(64)}`)).admitted).toBe(false);
    if (mesh === 'istio') {
      // a container the manifest declares under the proxy's name, with an image: Istio keeps it and records it
      const { pod: chosen } = setup.run('shop', { containers: [{ name: 'istio-proxy', image: 'registry.example/custom-envoy:1.0' }] });
      expect(meshContainers(chosen).find((c) => c.name === 'istio-proxy')).toBeDefined();
      expect(JSON.stringify(chosen.spec)).toContain('registry.example/custom-envoy:1.0');
      expect(setup.admit(chosen).admitted).toBe(true);
      // the same image without the record of the manifest's choice is held to the config
      delete chosen.metadata.annotations['proxy.istio.io/overrides'];
      expect(setup.admit(chosen).admitted).toBe(false);
    }
  });

  it('does not take a container named like the proxy, without the mesh\'s marker, for an injection', () => {
    const { pristine } = setup.run('shop');
    const declared = structuredClone(pristine);
    declared.spec.containers.push({ name: PROXY[mesh], image: 'registry.example/custom-envoy:1.0' });
    const verdict = setup.admit(declared);
    expect(verdict.admitted).toBe(false);
    expect(verdict.violations[0]).toContain(`has no ${PROXY[mesh]} injected`);
  });

  it('refuses any container the mesh added (proxy, init) running another image than the configured one', () => {
    const { pod } = setup.run('team-a');
    expect(meshContainers(pod).map((c) => c.name)).toContain(PROXY[mesh]);
    for (const { list, i } of meshContainers(pod)) {
      const stale = structuredClone(pod);
      stale.spec[list][i].image = stale.spec[list][i].image.replace(/:[^:/]+$/, ':0.0.1-old');
      const verdict = setup.admit(stale);
      expect(verdict.admitted).toBe(false);
      expect(verdict.violations[0]).toContain('mesh-inject inject');
    }
  });

  it('checks the image of an injected pod wherever it runs, but not a pod that picks its own image', () => {
    const { pod } = setup.run('shop');
    const moved = structuredClone(pod);
    moved.metadata.namespace = 'elsewhere';
    const proxy = meshContainers(moved).find((c) => c.name === PROXY[mesh])!;
    const image = moved.spec[proxy.list][proxy.i].image as string;
    moved.spec[proxy.list][proxy.i].image = image.replace(/:[^:/]+$/, ':0.0.1-old');
    expect(setup.admit(moved).admitted).toBe(false);
    const key = mesh === 'istio' ? 'sidecar.istio.io/proxyImage' : 'config.linkerd.io/proxy-image';
    moved.metadata.annotations[key] = 'registry.example/proxy';
    expect(setup.admit(moved).admitted).toBe(true);
  });

  it('admits the pods inject leaves alone, without a proxy', () => {
    const cases: [string, PodShape, boolean][] = [
      ['mesh opt-out', OPT_OUT[mesh], true],
      ['mesh-inject opt-out label', { labels: { 'mesh-inject.dev/inject': 'false' } }, false],
      ['mesh-inject opt-out annotation', { annotations: { 'mesh-inject.dev/inject': 'false' } }, false],
      ['hostNetwork', { hostNetwork: true }, false],
    ];
    for (const [why, shape, matched] of cases) {
      const { injected, pod } = setup.run('shop', shape);
      expect([why, injected]).toEqual([why, false]);
      expect([why, setup.admit(pod)]).toEqual([why, { matched, violations: [], admitted: true, warnings: [] }]);
    }
  });

  it('admits pods without a proxy in namespaces the config does not inject', () => {
    for (const [namespace, matched] of [['default', true], ['kube-system', false], ['team-legacy', false], ['sandbox-1', false], ['team-off', true]] as const) {
      const { injected, pristine } = setup.run(namespace);
      expect([namespace, injected]).toEqual([namespace, false]);
      expect([namespace, setup.admit(pristine)]).toEqual([namespace, { matched, violations: [], admitted: true, warnings: [] }]);
    }
  });

  it('follows a Namespace object of the input that opts in, before and after its labels reach the cluster', () => {
    const { injected, pod, pristine } = setup.run('extra');
    expect(injected).toBe(true);
    for (const applied of [true, false]) {
      expect(setup.admit(pod, setup.namespace('extra', applied)).admitted).toBe(true);
      expect(setup.admit(pristine, setup.namespace('extra', applied)).admitted).toBe(false);
    }
  });

  it('follows the Namespace in the cluster that opts out of a namespace the config injects', () => {
    const off = mesh === 'istio' ? { labels: { 'istio-injection': 'disabled' } } : { annotations: { 'linkerd.io/inject': 'disabled' } };
    const { pristine } = setup.run('team-b');
    expect(setup.admit(pristine).admitted).toBe(false);
    expect(setup.admit(pristine, { metadata: { name: 'team-b', ...off } }).admitted).toBe(true);
  });

  it('warns (Warn) or only records (Audit) instead of refusing', () => {
    const { pristine } = setup.run('shop');
    const warned = setup.admit(pristine, undefined, 'Warn');
    expect([warned.admitted, warned.warnings.length]).toEqual([true, 1]);
    const audited = setup.admit(pristine, undefined, 'Audit');
    expect([audited.admitted, audited.warnings.length, audited.violations.length]).toEqual([true, 0, 1]);
  });

  it('does not check updates, only CREATE', () => {
    const { pristine } = setup.run('shop');
    const [policy, binding] = setup.policy();
    expect(evaluatePolicy(policy, binding, { pod: pristine, namespace: setup.namespace('shop'), operation: 'UPDATE' }).matched).toBe(false);
  });

  it('refuses a pod without its proxy exactly when inject would have injected it (decision table matrix)', () => {
    const meshShapes: PodShape[] =
      mesh === 'istio'
        ? [
            { labels: { 'sidecar.istio.io/inject': 'true' } },
            { annotations: { 'sidecar.istio.io/inject': 'false' } },
            { labels: { 'sidecar.istio.io/inject': 'true' }, annotations: { 'sidecar.istio.io/inject': 'false' } },
            { labels: { 'istio.io/rev': 'default' } },
            { labels: { 'istio.io/rev': 'canary' } },
          ]
        : [{ annotations: { 'linkerd.io/inject': 'enabled' } }, { annotations: { 'linkerd.io/inject': 'ingress' } }, { annotations: { 'linkerd.io/inject': 'bogus' } }];
    const shapes: PodShape[] = [{}, OPT_OUT[mesh], { labels: { 'mesh-inject.dev/inject': 'false' } }, { hostNetwork: true }, ...meshShapes];
    const namespaces = ['shop', 'team-a', 'team-off', 'team-legacy', 'sandbox-x', 'extra', 'default', 'kube-system'];
    let injectedCount = 0;
    let checked = 0;
    for (const namespace of namespaces) {
      for (const shape of shapes) {
        const { injected, pod, pristine } = setup.run(namespace, shape);
        if (injected) injectedCount++;
        const row = { namespace, shape };
        expect({ ...row, pristineAdmitted: setup.admit(pristine).admitted }).toEqual({ ...row, pristineAdmitted: !injected });
        if (injected) expect({ ...row, injectedAdmitted: setup.admit(pod).admitted }).toEqual({ ...row, injectedAdmitted: true });
        checked++;
      }
    }
    // Both sides of the table are exercised.
    expect(injectedCount).toBeGreaterThan(5);
    expect(checked - injectedCount).toBeGreaterThan(10);
  });
});

/** An injector config of our own (template mode): policy, selectors, and a sidecar template. */
function templateModeConfig(policy: 'enabled' | 'disabled'): InjectConfig {
  const config = configFor('istio');
  const injector = `policy: ${policy}
neverInjectSelector:
- matchLabels: {tier: batch}
- matchExpressions:
  - {key: legacy, operator: Exists}
alwaysInjectSelector:
- matchExpressions:
  - {key: team, operator: In, values: [payments, risk]}
  - {key: tier, operator: NotIn, values: [db]}
templates:
  sidecar: |
    spec:
      containers:
      - name: istio-proxy
        image: {{ .ProxyImage }}
`;
  const values = '{"global": {"hub": "registry.example/istio", "tag": "1.32.0", "proxy": {"image": "proxyv2"}}}';
  config.istio.cluster = { injector: { path: 'injector.yaml', text: injector }, values: { path: 'values.json', text: values } };
  return config;
}

describe.each(['enabled', 'disabled'] as const)('the policy in template mode follows the injector config (policy: %s)', (policy) => {
  const setup = new Setup('istio', templateModeConfig(policy));

  it('refuses a pod without its proxy exactly when inject would have injected it, selectors included', () => {
    const shapes: PodShape[] = [
      {},
      { labels: { tier: 'batch' } },
      { labels: { legacy: '' } },
      { labels: { team: 'payments' } },
      { labels: { team: 'payments', tier: 'db' } },
      { labels: { team: 'payments', tier: 'batch' } },
      { labels: { team: 'web' } },
      { labels: { tier: 'batch', 'sidecar.istio.io/inject': 'true' } },
      { labels: { 'sidecar.istio.io/inject': 'true' } },
      { labels: { 'istio.io/rev': 'default', team: 'risk' } },
      { labels: { 'istio.io/rev': 'default', tier: 'batch' } },
    ];
    const namespaces = ['shop', 'extra', 'team-off', 'default'];
    const seen = new Set<boolean>();
    for (const namespace of namespaces) {
      for (const shape of shapes) {
        const { injected, pod, pristine } = setup.run(namespace, shape);
        seen.add(injected);
        const row = { namespace, shape };
        expect({ ...row, pristineAdmitted: setup.admit(pristine).admitted }).toEqual({ ...row, pristineAdmitted: !injected });
        if (injected) expect({ ...row, injectedAdmitted: setup.admit(pod).admitted }).toEqual({ ...row, injectedAdmitted: true });
      }
    }
    expect([...seen].sort()).toEqual([false, true]);
  });

  it('admits a pod the neverInjectSelector matches, in a namespace the config injects', () => {
    const { injected, pristine } = setup.run('shop', { labels: { tier: 'batch' } });
    expect(injected).toBe(false);
    expect(setup.admit(pristine).admitted).toBe(true);
  });
});

describe('the policy expects the image a ProxyConfig CR of the input gives a namespace or a workload', () => {
  const proxyConfig = (name: string, namespace: string, imageType: string, matchLabels?: Record<string, string>) =>
    '---\n' + stringify({ apiVersion: 'networking.istio.io/v1beta1', kind: 'ProxyConfig', metadata: { name, namespace }, spec: { ...(matchLabels ? { selector: { matchLabels } } : {}), image: { imageType } } });
  const crs = proxyConfig('shop-wide', 'shop', 'distroless') + proxyConfig('edge', 'shop', 'debug', { tier: 'edge' }) + proxyConfig('first', 'shop', 'distroless', { tier: 'edge', zone: 'a' });
  const setup = new Setup('istio', configFor('istio'), crs);
  const proxyImage = (pod: Obj) => (pod.spec.initContainers as Obj[]).concat(pod.spec.containers).find((c) => c.name === 'istio-proxy')!.image as string;
  const withProxyImage = (pod: Obj, image: string): Obj => {
    const copy = structuredClone(pod);
    for (const c of [...(copy.spec.initContainers ?? []), ...copy.spec.containers] as Obj[]) if (c.name === 'istio-proxy') c.image = image;
    return copy;
  };

  it('admits each pod with the image inject gave it, and refuses it with the image of another scope', () => {
    const pods = {
      meshWide: setup.run('team-a').pod,
      namespace: setup.run('shop').pod,
      workload: setup.run('shop', { labels: { tier: 'edge' } }).pod,
      firstMatch: setup.run('shop', { labels: { tier: 'edge', zone: 'a' } }).pod,
    };
    const images = Object.fromEntries(Object.entries(pods).map(([k, pod]) => [k, proxyImage(pod)]));
    expect(images.namespace).toMatch(/-distroless$/);
    expect(images.workload).toMatch(/-debug$/);
    // the edge CR comes first in the input, so it wins for a pod both select
    expect(images.firstMatch).toBe(images.workload);
    expect(new Set(Object.values(images)).size).toBe(3);
    for (const [scope, pod] of Object.entries(pods)) {
      expect([scope, setup.admit(pod).admitted]).toEqual([scope, true]);
      for (const other of new Set(Object.values(images))) {
        if (other === images[scope]) continue;
        const refused = setup.admit(withProxyImage(pod, other));
        expect([scope, other, refused.admitted]).toEqual([scope, other, false]);
        // the message names the image this pod's scope expects
        expect(refused.violations[0]).toContain(`configured image ${images[scope]} `);
      }
    }
  });

  it('does not check the image of a pod whose proxy.istio.io/config annotation sets one', () => {
    const { pod } = setup.run('team-a', { annotations: { 'proxy.istio.io/config': '{"image": {"imageType": "distroless"}}' } });
    expect(proxyImage(pod)).toMatch(/-distroless$/);
    expect(setup.admit(pod).admitted).toBe(true);
    expect(setup.admit(withProxyImage(pod, 'registry.example/other:1')).admitted).toBe(true);
  });
});
