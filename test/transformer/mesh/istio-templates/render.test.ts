import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { renderWithTemplates, templatePreset, type ClusterInputs, type TemplateKnobs } from '../../../../transformer/mesh/istio-templates/index.js';
import type { PodTemplate, WorkloadInfo } from '../../../../transformer/mesh/types.js';
import { defaultTestConfig } from '../../../helpers/default-config.js';
import { ISTIO_CORPUS } from '../../../helpers/shared-data.js';
import { clusterInputsFor } from './corpus-inputs.js';

const KNOBS: TemplateKnobs = { revision: '', nativeSidecars: false, compliancePolicy: '', openshift: false, namespaceAnnotations: {} };
const WORKLOAD: WorkloadInfo = { apiVersion: 'v1', kind: 'Pod', name: 'hello', namespace: 'default', labels: {} };

function pod(annotations: Record<string, string> = {}, extra: Partial<PodTemplate['spec']> = {}): PodTemplate {
  return {
    metadata: { name: 'hello', labels: { key: 'value' }, annotations },
    spec: { containers: [{ name: 'hello', image: 'fake.docker.io/google-samples/hello-go-gke:1.0' }], ...extra },
  };
}

function inputs(config: Record<string, unknown>, values: Record<string, unknown> = {}): ClusterInputs {
  return { injector: { path: 'config.yaml', text: stringify(config) }, values: { path: 'values.json', text: JSON.stringify(values) } };
}

function render(cluster: ClusterInputs, p: PodTemplate, knobs: Partial<TemplateKnobs> = {}) {
  return renderWithTemplates({ pod: structuredClone(p), workload: WORKLOAD, inputs: cluster, knobs: { ...KNOBS, ...knobs }, podPath: '' });
}

const TWO_TEMPLATES = inputs({
  policy: 'enabled',
  aliases: { both: ['sidecar', 'init'] },
  templates: {
    sidecar: 'spec:\n  containers:\n  - name: istio-proxy\n    image: proxy\n  volumes:\n  - name: istio-envoy\n    emptyDir: {medium: Memory}\n',
    init: 'spec:\n initContainers:\n - name: istio-init\n   image: proxy\n',
  },
});

describe('running the selected templates', () => {
  it('runs a list of templates, or an alias of them, and records all they produced', () => {
    const byList = render(TWO_TEMPLATES, pod({ 'inject.istio.io/templates': 'sidecar, init' }));
    const byAlias = render(TWO_TEMPLATES, pod({ 'inject.istio.io/templates': 'both' }));
    expect(byList.results).toEqual([]);
    expect(byList.pod!.spec).toEqual({
      containers: [{ name: 'hello', image: 'fake.docker.io/google-samples/hello-go-gke:1.0' }, { name: 'istio-proxy', image: 'proxy' }],
      initContainers: [{ name: 'istio-init', image: 'proxy' }],
      volumes: [{ name: 'istio-envoy', emptyDir: { medium: 'Memory' } }],
    });
    expect(byList.pod!.metadata.annotations).toEqual({
      'inject.istio.io/templates': 'sidecar, init',
      'prometheus.io/port': '15020',
      'prometheus.io/path': '/stats/prometheus',
      'prometheus.io/scrape': 'true',
      'sidecar.istio.io/status': '{"initContainers":["istio-init"],"containers":["istio-proxy"],"volumes":["istio-envoy"],"imagePullSecrets":null,"revision":"default"}',
    });
    expect(byAlias.pod!.spec).toEqual(byList.pod!.spec);
  });

  it('a template that sets into .Values changes only its own render', () => {
    const counting = inputs(
      { templates: { sidecar: '{{ $_ := set .Values "seen" (add1 (.Values.seen | default 0)) }}spec:\n  containers:\n  - name: istio-proxy\n    image: "proxy-{{ .Values.seen }}"\n' } },
      { global: { proxy: { image: 'proxyv2' } } },
    );
    const images = [render(counting, pod()), render(counting, pod())].map((out) => out.pod!.spec.containers.find((c) => c.name === 'istio-proxy')!.image);
    expect(images).toEqual(['proxy-1', 'proxy-1']);
  });

  it('uses defaultTemplates without the annotation', () => {
    const cluster = inputs({ defaultTemplates: ['init'], templates: { init: 'spec:\n initContainers:\n - name: istio-init\n   image: proxy\n' } });
    const out = render(cluster, pod());
    expect(out.pod!.spec.initContainers).toEqual([{ name: 'istio-init', image: 'proxy' }]);
    expect(out.pod!.spec.containers).toHaveLength(1);
  });

  it('honours strategic merge directives in a template ($patch: replace)', () => {
    const cluster = inputs({ templates: { sidecar: 'metadata:\n  labels:\n    $patch: replace\n    foo: bar\nspec:\n  containers:\n  - name: injected\n    image: "fake.docker.io/google-samples/hello-go-gke:1.1"\n' } });
    const out = render(cluster, pod());
    expect(out.pod!.metadata.labels).toEqual({ foo: 'bar' });
    expect(out.pod!.spec.containers.map((c) => c.name)).toEqual(['injected', 'hello']);
  });

  it('accepts an empty or null template output', () => {
    const cluster = inputs({ templates: { sidecar: '{{ if false }}spec: {}{{ end }}', empty: 'null\n' } });
    const out = render(cluster, pod({ 'inject.istio.io/templates': 'sidecar,empty' }));
    expect(out.results).toEqual([]);
    expect(out.pod!.spec).toEqual(pod().spec);
    expect(JSON.parse(out.pod!.metadata.annotations!['sidecar.istio.io/status']!)).toEqual({ initContainers: null, containers: null, volumes: null, imagePullSecrets: null, revision: 'default' });
  });

  it("adds the injector config's injectedAnnotations and reads istiod's env through `env`", () => {
    const cluster = inputs({ injectedAnnotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'runtime/default' }, templates: { sidecar: 'metadata:\n  labels:\n    from-env: {{ env "FOO" "unset" | quote }}\n' } });
    expect(render(cluster, pod()).pod!.metadata).toMatchObject({ labels: { 'from-env': 'unset' }, annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'runtime/default' } });
    expect(render(cluster, pod(), { env: { FOO: 'bar' } }).pod!.metadata.labels).toMatchObject({ 'from-env': 'bar' });
  });
});

describe('errors, worded as Istio words them', () => {
  it('an unknown template', () => {
    const out = render(TWO_TEMPLATES, pod({ 'inject.istio.io/templates': 'sidecar,nope' }));
    expect(out.pod).toBeNull();
    expect(out.results).toMatchObject([{ severity: 'error', code: 'template-error', field: { path: 'metadata.annotations.inject.istio.io/templates' } }]);
    expect(out.results[0]!.message).toContain('requested template "nope" not found; have sidecar, init');
  });

  it('an invalid annotation', () => {
    const out = render(TWO_TEMPLATES, pod({ 'traffic.sidecar.istio.io/excludeInboundPorts': '80,abc' }));
    expect(out.pod).toBeNull();
    expect(out.results).toMatchObject([{ severity: 'error', code: 'invalid-annotation', field: { path: 'metadata.annotations.traffic.sidecar.istio.io/excludeInboundPorts' } }]);
  });

  it('a template failing when it runs, with its position in the injector file', () => {
    const text = 'templates:\n  sidecar: |\n    metadata:\n      labels:\n        x: {{ .Values.global.proxy.image }}\n';
    const out = render({ injector: { path: 'config.yaml', text }, values: { path: 'values.json', text: '{"global": null}' } }, pod());
    expect(out.pod).toBeNull();
    expect(out.results).toMatchObject([{ code: 'template-error', file: { path: 'config.yaml', line: 5 } }]);
    expect(out.results[0]!.message).toMatch(/^config\.yaml:5:\d+: templates\.sidecar: failed to run injection template: template: inject:3:\d+: executing "inject" at <\.Values\.global\.proxy\.image>: nil pointer evaluating interface \{\}\.proxy$/);
  });

  it('a template whose output is not a pod overlay', () => {
    expect(render(inputs({ templates: { sidecar: '- a\n- b\n' } }), pod()).results).toMatchObject([{ code: 'template-error' }]);
    expect(render(inputs({ templates: { sidecar: 'spec: [unclosed\n' } }), pod()).results).toMatchObject([{ code: 'template-error' }]);
  });

  it('bad inputs fail every pod with their own results', () => {
    const out = render({ injector: { path: 'config.yaml', text: 'templates:\n  sidecar: "{{ end }}"\n' } }, pod());
    expect(out).toMatchObject({ pod: null, results: [{ code: 'template-error', file: { path: 'config.yaml', line: 2 } }] });
  });
});

describe.skipIf(!ISTIO_CORPUS.found)("Istio's sidecar template (default config set)", () => {
  let cluster: ClusterInputs;
  beforeAll(() => {
    cluster = clusterInputsFor('configs/default');
  });
  const app = (extra: Record<string, unknown> = {}): PodTemplate => ({
    metadata: { labels: { app: 'web' } },
    spec: { containers: [{ name: 'web', image: 'web:1', ports: [{ containerPort: 8080 }], readinessProbe: { httpGet: { path: '/ready', port: 8080 } }, ...extra }] },
  });

  it('injects a classic or a native sidecar as the knob says', () => {
    const classic = render(cluster, app(), { nativeSidecars: false }).pod!;
    expect(classic.spec.containers.map((c) => c.name)).toEqual(['web', 'istio-proxy']);
    expect(classic.spec.initContainers!.map((c) => c.name)).toEqual(['istio-init']);
    const native = render(cluster, app(), { nativeSidecars: true }).pod!;
    expect(native.spec.containers.map((c) => c.name)).toEqual(['web']);
    expect(native.spec.initContainers!.map((c) => [c.name, c.restartPolicy])).toEqual([['istio-init', undefined], ['istio-proxy', 'Always']]);
    // Probe rewrite and Prometheus merge ran.
    expect(native.spec.containers[0]!.readinessProbe).toEqual({ httpGet: { path: '/app-health/web/readyz', port: 15020 } });
    expect(native.metadata.annotations).toMatchObject({ 'prometheus.io/port': '15020' });
    // The renderer keeps Istio's form of volumes written with `emptyDir: null` (kube-inject prints
    // them byte for byte); the `inject` preset defaults them to `emptyDir: {}`.
    expect(native.spec.volumes!.find((v) => v.name === 'workload-socket')).toEqual({ name: 'workload-socket' });
  });

  it('re-applies a user istio-proxy on top (image: auto) and records it', () => {
    const user = app();
    user.spec.containers.push({ name: 'istio-proxy', image: 'auto', args: ['proxy', 'sidecar', '--concurrency', '4'] });
    const out = render(cluster, user, { nativeSidecars: false }).pod!;
    const proxy = out.spec.containers.find((c) => c.name === 'istio-proxy')!;
    expect(proxy.image).toBe('registry.istio.io/testing/proxyv2:latest');
    expect(proxy.args).toEqual(['proxy', 'sidecar', '--concurrency', '4']);
    expect(JSON.parse(out.metadata.annotations!['proxy.istio.io/overrides']!)).toEqual({ containers: [{ name: 'istio-proxy', args: ['proxy', 'sidecar', '--concurrency', '4'], resources: {} }] });
  });

  it('puts the network on the pod and the proxy', () => {
    const withLabel = app();
    withLabel.metadata.labels!['topology.istio.io/network'] = 'net-a';
    const out = render(cluster, withLabel).pod!;
    expect(out.metadata.labels).toMatchObject({ 'topology.istio.io/network': 'net-a' });
    const env = out.spec.containers.find((c) => c.name === 'istio-proxy')!.env!;
    expect(env.filter((e) => e.name === 'ISTIO_META_NETWORK')).toEqual([{ name: 'ISTIO_META_NETWORK', value: 'net-a' }]);
    // Istio's updateClusterEnvs moves it after the template's env, before the post-processing's.
    expect(env.map((e) => e.name).slice(-2)).toEqual(['ISTIO_META_NETWORK', 'ISTIO_KUBE_APP_PROBERS']);
  });

  it('re-injecting its own output gives the same pod (previous injection stripped)', () => {
    const once = render(cluster, app(), { nativeSidecars: false }).pod!;
    const twice = render(cluster, once, { nativeSidecars: false }).pod!;
    expect(twice).toEqual(once);
  });

  it('as the engine preset: a pod whose only container is istio-proxy keeps a classic sidecar', () => {
    const preset = templatePreset(cluster);
    const config = defaultTestConfig({ istio: { nativeSidecars: true } });
    const only: PodTemplate = { metadata: {}, spec: { containers: [{ name: 'istio-proxy', image: 'auto' }] } };
    const out = preset.render({ pod: only, workload: WORKLOAD, config, podPath: 'spec.template' }).pod!;
    expect(out.spec.containers.map((c) => c.name)).toEqual(['istio-proxy']);
    const withApp = preset.render({ pod: app(), workload: WORKLOAD, config, podPath: 'spec.template' }).pod!;
    expect(withApp.spec.initContainers!.map((c) => c.name)).toContain('istio-proxy');
  });
});
