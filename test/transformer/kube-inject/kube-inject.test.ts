/**
 * The stream logic of kube-inject (Istio's IntoResourceFile / IntoObject), with a stand-in
 * renderer so each behaviour is visible on its own: which documents are decoded, where the pod
 * template is, what is skipped with which warning, how errors stop the stream. The real templates
 * are exercised by test/plugin/kube-inject/cli.test.ts and test/conformance/istio.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { kubeInject } from '../../../transformer/kube-inject/index.js';
import type { TemplateRenderInput, TemplateRenderer, TemplateKnobs } from '../../../transformer/mesh/istio-templates/types.js';

const knobs: TemplateKnobs = { revision: '', nativeSidecars: false, compliancePolicy: '', openshift: false, namespaceAnnotations: {} };
const inputs = { injector: { path: 'inject.yaml', text: 'templates: {}' } };

/** Adds a proxy container, an annotation and a source-less volume; records what it was given. */
function stubRenderer(seen: TemplateRenderInput[] = []): TemplateRenderer {
  return (input) => {
    seen.push(structuredClone(input));
    const pod = structuredClone(input.pod);
    pod.metadata.annotations = { ...pod.metadata.annotations, injected: 'yes' };
    pod.spec.containers = [...(pod.spec.containers ?? []), { name: 'istio-proxy', image: 'proxy' }];
    pod.spec.volumes = [...(pod.spec.volumes ?? []), { name: 'workload-socket', emptyDir: null } as never];
    return { pod, results: [] };
  };
}

const run = (text: string, render: TemplateRenderer = stubRenderer()) => kubeInject(text, { render, inputs, knobs });

const deployment = (extra = '', template = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
${extra}spec:
  template:
    metadata:
${template || '      labels: {app: web}\n'}    spec:
      containers:
      - name: web
        image: nginx
`;

describe('kube-inject stream', () => {
  it('copies unknown kinds byte for byte, re-serialises known kinds Go-style, and ends every document with ---', () => {
    const service = 'apiVersion: v1\nkind: Service   # keep me\nmetadata: {name: web}\n';
    const out = run(`${service}---\n${deployment()}`);
    expect(out.error).toBeUndefined();
    expect(out.text).toBe(`${service}---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector: null
  strategy: {}
  template:
    metadata:
      annotations:
        injected: "yes"
      labels:
        app: web
    spec:
      containers:
      - image: nginx
        name: web
        resources: {}
      - image: proxy
        name: istio-proxy
        resources: {}
      volumes:
      - name: workload-socket
status: {}
---
`);
  });

  it('splits like Go: CRLF to LF, empty documents dropped, comment-only documents copied', () => {
    const out = run('---\r\n---\r\n# just a comment\r\n--- # trailing comment\r\nkind: ConfigMap\r\n');
    expect(out.text).toBe('# just a comment\n---\nkind: ConfigMap\n---\n');
    expect(run('kind: ConfigMap\n---junk\n').error?.message).toBe('invalid Yaml document separator: junk');
  });

  it('recognises a kind whatever its apiVersion (Istio registers its kinds unversioned)', () => {
    const seen: TemplateRenderInput[] = [];
    const out = run(deployment().replace('apps/v1', 'extensions/v1beta1'), stubRenderer(seen));
    expect(seen).toHaveLength(1);
    expect(seen[0]!.workload).toMatchObject({ apiVersion: 'extensions/v1beta1', kind: 'Deployment', name: 'web', namespace: '' });
    expect(out.text).toContain('apiVersion: extensions/v1beta1');
    const rollout = 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nspec: {template: {spec: {containers: [{name: a}]}}}\n';
    expect(run(rollout).text).toBe(`${rollout}---\n`);
  });

  it('gives the renderer the pod as Go decoded it', () => {
    const seen: TemplateRenderInput[] = [];
    run(deployment().replace('image: nginx', 'image: nginx\n        resources: {limits: {cpu: 2000m}}\n        bogus: 1'), stubRenderer(seen));
    expect(seen[0]!.pod.spec.containers).toEqual([{ name: 'web', image: 'nginx', resources: { limits: { cpu: '2' } } }]);
    expect(seen[0]!.podPath).toBe('spec.template');
  });

  it('injects List items one by one and leaves other items as they are', () => {
    const seen: TemplateRenderInput[] = [];
    const list = `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata: {name: s, labels: {v: 1}}\n- ${deployment().trimEnd().split('\n').join('\n  ')}\n`;
    const out = run(list, stubRenderer(seen));
    expect(seen).toHaveLength(1);
    expect(out.text).toMatch(/^apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata:\n    labels:\n      v: 1\n    name: s\n- apiVersion: apps\/v1/);
    expect(out.text).toMatch(/kind: List\nmetadata: \{\}\n---\n$/);
    expect(run('apiVersion: v1\nkind: List\n').text).toBe('apiVersion: v1\nitems: null\nkind: List\nmetadata: {}\n---\n');
  });

  it('reads and writes CronJob metadata on spec.jobTemplate.metadata (Istio quirk)', () => {
    const seen: TemplateRenderInput[] = [];
    const cron = 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    metadata: {labels: {job: j}}\n    spec:\n      template:\n        metadata: {labels: {pod: p}}\n        spec: {containers: [{name: a, image: b}]}\n';
    const out = run(cron, stubRenderer(seen));
    expect(seen[0]!.pod.metadata).toEqual({ labels: { job: 'j' } });
    expect(out.text).toContain('  jobTemplate:\n    metadata:\n      annotations:\n        injected: "yes"\n      labels:\n        job: j\n');
    expect(out.text).toContain('      template:\n        metadata:\n          labels:\n            pod: p\n');
  });

  it('skips host-network pods with istioctl\'s warning and still re-serialises them', () => {
    const out = run(deployment('  namespace: sample\n').replace('    spec:\n', '    spec:\n      hostNetwork: true\n'));
    expect(out.warnings).toEqual(['===> Skipping injection because Deployment "sample/web" has host networking enabled']);
    expect(out.text).toContain('strategy: {}');
    expect(out.text).not.toContain('istio-proxy');
  });

  it.each([
    ['label false', '      labels: {sidecar.istio.io/inject: "false"}\n', false, undefined],
    ['annotation false', '      annotations: {sidecar.istio.io/inject: "false"}\n', false, undefined],
    ['label wins over annotation', '      labels: {sidecar.istio.io/inject: "true"}\n      annotations: {sidecar.istio.io/inject: "false"}\n', true, undefined],
    ['system namespace', '      namespace: kube-system\n', false, undefined],
    ['unknown value', '      labels: {sidecar.istio.io/inject: "yes"}\n', true, `Invalid value for sidecar.istio.io/inject: "yes". Only 'true' and 'false' are accepted. Falling back to default injection policy.`],
  ])('decides like injectRequired with policy enabled: %s', (_, template, injected, warning) => {
    const out = run(deployment('', template));
    expect(out.text.includes('istio-proxy')).toBe(injected);
    const skipped = '===> Skipping injection because Deployment "web" has sidecar injection disabled';
    expect(out.warnings).toEqual([...(injected ? [] : [skipped]), ...(warning ? [warning] : [])]);
  });

  it('names a generated Pod by its controller in warnings, as GetDeployMetaFromPod does', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  generateName: web-7d4-\n  namespace: prod\n  labels: {pod-template-hash: 7d4}\n  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-7d4, uid: u, controller: true}]\nspec:\n  hostNetwork: true\n  containers: [{name: a}]\n';
    expect(run(pod).warnings).toEqual(['===> Skipping injection because Deployment "prod/web" has host networking enabled']);
  });

  it('passes the renderer\'s warnings on, with the workload and document', () => {
    const warn: TemplateRenderer = (input) => ({
      pod: input.pod,
      results: [{ severity: 'warning', code: 'dns-policy-not-cluster-first', message: 'dnsPolicy is Default' }],
    });
    const out = kubeInject(`kind: ConfigMap\n---\n${deployment('  namespace: shop\n')}`, { render: warn, inputs, knobs, path: 'app.yaml' });
    expect(out.results).toEqual([
      {
        severity: 'warning',
        code: 'dns-policy-not-cluster-first',
        message: 'dnsPolicy is Default',
        resourceRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'shop' },
        file: { path: 'app.yaml', index: 1 },
      },
    ]);
  });

  it('stops at the first error, keeping what was written before', () => {
    const failing: TemplateRenderer = () => ({ pod: null, results: [{ severity: 'error', code: 'invalid-annotation', message: "invalid value 'x' for annotation 'y': bad" }] });
    const out = run(`kind: ConfigMap\n---\n${deployment()}---\nkind: Secret\n`, failing);
    expect(out.error).toEqual({ message: "failed to run injection template: invalid value 'x' for annotation 'y': bad", document: 1 });
    expect(out.text).toBe('kind: ConfigMap\n---\n');
  });

  it.each([
    ['apiVersion: v1\nkind: ReplicationController\nmetadata: {name: rc}\nspec: {replicas: 1}\n', 'spec.template is required value'],
    ['kind: Deployment\nspec:\n  replicas: "2"\n', 'error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32'],
    ['kind: Deployment\nspec: [\n', 'error converting YAML to JSON: yaml: line'],
    ['- just\n- a list\n', 'error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type v1.TypeMeta'],
  ])('reports %j with Go\'s message', (text, message) => {
    expect(run(text).error?.message).toContain(message);
  });
});
