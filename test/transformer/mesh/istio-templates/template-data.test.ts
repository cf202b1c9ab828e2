import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseClusterInputs, sidecarTemplateData } from '../../../../transformer/mesh/istio-templates/index.js';
import { parseBlock, proxyIDs } from '../../../../transformer/mesh/istio-templates/openshift.js';
import { mergeProxyConfig, parseProxyConfigAnnotation, type ProxyConfig } from '../../../../transformer/mesh/istio/proxy-config.js';
import type { PodTemplate, WorkloadInfo } from '../../../../transformer/mesh/types.js';

const POD: PodTemplate = {
  metadata: { labels: { app: 'web', version: 'v2' }, annotations: { team: 'a' } },
  spec: {
    serviceAccountName: 'web-sa',
    containers: [
      { name: 'web', image: 'web:1', ports: [{ containerPort: 8080, name: 'http' }, { containerPort: 53, protocol: 'UDP' }] },
      { name: 'side', image: 'side:1' },
    ],
  },
};
const DEPLOYMENT: WorkloadInfo = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'shop', labels: {} };

interface Options {
  pod?: PodTemplate;
  workload?: WorkloadInfo;
  values?: Record<string, unknown>;
  mesh?: string;
  annotationProxyConfig?: string;
  ids?: { uid: bigint; gid: bigint };
}

/** Runs `template` (parsed as the injector would parse it) on the template data of a pod. */
function render(template: string, options: Options = {}): string {
  const outcome = parseClusterInputs({
    injector: { path: 'config.yaml', text: stringify({ templates: { t: template } }) },
    values: { path: 'values.json', text: JSON.stringify(options.values ?? { global: { hub: 'docker.io/istio', tag: '1.32.0' } }) },
    ...(options.mesh ? { meshConfig: { path: 'mesh.yaml', text: options.mesh } } : {}),
  });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.results));
  const inputs = outcome.inputs;
  let proxyConfig = inputs.mesh.defaultConfig as ProxyConfig;
  if (options.annotationProxyConfig !== undefined) {
    const parsed = parseProxyConfigAnnotation(options.annotationProxyConfig);
    if (parsed.ok) proxyConfig = mergeProxyConfig(proxyConfig, parsed.overlay);
  }
  const data = sidecarTemplateData({
    pod: options.pod ?? POD,
    workload: options.workload ?? DEPLOYMENT,
    proxyConfig,
    mesh: inputs.mesh,
    values: inputs.values,
    settings: inputs.settings,
    revision: 'canary',
    nativeSidecars: true,
    proxyUID: options.ids?.uid ?? 1337n,
    proxyGID: options.ids?.gid ?? 1337n,
    compliancePolicy: '',
    messages: inputs.cache,
  });
  return inputs.injector.templates.get('t')!.execute(data);
}

describe('the pod as Go structs', () => {
  it('reads PodSpec, Container and ContainerPort fields by their Go names', () => {
    const out = render('{{ .Spec.ServiceAccountName }}|{{ range .Spec.Containers }}{{ .Name }}:{{ range .Ports }}{{ .ContainerPort }}/{{ .Protocol }}/{{ .Name }} {{ end }};{{ end }}');
    expect(out).toBe('web-sa|web:8080//http 53/UDP/ ;side:;');
  });

  it('gives unset fields their Go zero values', () => {
    expect(render('[{{ .Spec.NodeName }}][{{ .Spec.HostNetwork }}][{{ .Spec.InitContainers }}][{{ (index .Spec.Containers 1).Ports }}][{{ len .Spec.Volumes }}]')).toBe('[][false][[]][[]][0]');
    // A nil pointer is nil: false, and `<no value>` when printed (Go prints `<nil>`).
    expect(render('{{ if .Spec.SecurityContext }}yes{{ else }}no{{ end }}|{{ if .Spec.InitContainers }}yes{{ else }}no{{ end }}|{{ .Spec.TerminationGracePeriodSeconds }}')).toBe('no|no|<no value>');
  });

  it('reads labels and annotations as map[string]string (missing keys are "")', () => {
    expect(render('{{ .ObjectMeta.Labels.app }}|{{ index .ObjectMeta.Labels "nope" }}|{{ index .ObjectMeta.Annotations "team" }}|{{ isset .ObjectMeta.Annotations "team" }}')).toBe('web||a|true');
    expect(render('{{ .ObjectMeta.Namespace }}')).toBe('shop');
  });

  it('prints the Kubernetes JSON form with toJSON, structToJSON and toYaml', () => {
    expect(render('{{ range (index .Spec.Containers 0).Ports }}{{ structToJSON . }} {{ end }}')).toBe('{"name":"http","containerPort":8080} {"containerPort":53,"protocol":"UDP"} ');
    expect(render('{{ structToJSON (index .Spec.Containers 1) }}')).toBe('{"name":"side","image":"side:1","resources":{}}');
    expect(render('{{ toYaml (index .Spec.Containers 0).Ports }}')).toBe('- containerPort: 8080\n  name: http\n- containerPort: 53\n  protocol: UDP\n');
    expect(render('{{ toJSON .ObjectMeta.Labels }}')).toBe('{"app":"web","version":"v2"}');
  });

  it('names the owner: TypeMeta and DeploymentMeta', () => {
    expect(render('{{ .TypeMeta.Kind }} {{ .TypeMeta.APIVersion }} {{ .DeploymentMeta.Namespace }}/{{ .DeploymentMeta.Name }} {{ .DeploymentMeta }}')).toBe('Deployment apps/v1 shop/web shop/web');
  });

  it("names a bare Pod's controller the way Istio's GetDeployMetaFromPod does", () => {
    const pod: PodTemplate = {
      metadata: { generateName: 'web-7d9-', labels: { 'pod-template-hash': '7d9' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d9', uid: 'u', controller: true }] },
      spec: { containers: [{ name: 'web' }] },
    };
    const workload: WorkloadInfo = { apiVersion: 'v1', kind: 'Pod', name: '', namespace: 'shop', labels: {} };
    expect(render('{{ .TypeMeta.Kind }}/{{ .DeploymentMeta.Name }}', { pod, workload })).toBe('Deployment/web');
  });
});

describe('ProxyConfig and MeshConfig as protobuf structs', () => {
  it('enums print by name, wrappers have GetValue, unset fields are zero', () => {
    expect(render('{{ .ProxyConfig.InterceptionMode }} {{ .ProxyConfig.InterceptionMode.String }} {{ .ProxyConfig.HoldApplicationUntilProxyStarts.GetValue }} {{ .ProxyConfig.StatusPort }} [{{ .ProxyConfig.MeshId }}]')).toBe(
      'REDIRECT REDIRECT false 15020 []',
    );
    const annotated = render('{{ .ProxyConfig.InterceptionMode }} {{ .ProxyConfig.HoldApplicationUntilProxyStarts.GetValue }} {{ .ProxyConfig.Concurrency.GetValue }}', {
      annotationProxyConfig: '{"interceptionMode": "TPROXY", "holdApplicationUntilProxyStarts": true, "concurrency": 2}',
    });
    expect(annotated).toBe('TPROXY true 2');
  });

  it('proto getters are nil-safe down a chain', () => {
    const chain = '{{ if .ProxyConfig.GetTracing.GetTlsSettings }}{{ .ProxyConfig.GetTracing.GetTlsSettings.GetCaCertificates }}{{ else }}none{{ end }}';
    expect(render(chain)).toBe('none');
    expect(render(chain, { annotationProxyConfig: '{"tracing": {}}' })).toBe('none');
    expect(render(chain, { annotationProxyConfig: '{"tracing": {"tlsSettings": {"caCertificates": "/etc/certs/ca.pem"}}}' })).toBe('/etc/certs/ca.pem');
    // Like Go's nil pointers: false, yet methods can be called on them.
    expect(render('{{ if .ProxyConfig.GetTracing }}set{{ else }}nil{{ end }} {{ if .ProxyConfig.HoldApplicationUntilProxyStarts }}set{{ else }}nil{{ end }} {{ .ProxyConfig.GetTracing.GetMaxPathTagLength }}')).toBe('nil nil 0');
  });

  it('proxyMetadata is a map[string]string, ranged in key order', () => {
    const template = '{{ index .ProxyConfig.ProxyMetadata "B" }}|{{ index .ProxyConfig.ProxyMetadata "none" }}|{{ range $k, $v := .ProxyConfig.ProxyMetadata }}{{ $k }}={{ $v }};{{ end }}';
    expect(render(template, { mesh: 'defaultConfig:\n  proxyMetadata: {B: "2", A: "1"}\n' })).toBe('2||A=1;B=2;');
  });

  it('protoToJSON writes the ProxyConfig minus its defaults, as PROXY_CONFIG', () => {
    expect(render('{{ protoToJSON .ProxyConfig }}')).toBe('{}');
    expect(render('{{ protoToJSON .ProxyConfig }}', { mesh: 'defaultConfig:\n  drainDuration: 23s\n  discoveryAddress: istiod.istio-system.svc:15012\n' })).toBe('{"drainDuration":"23s"}');
    expect(render('{{ protoToJSON .ProxyConfig }}', { annotationProxyConfig: '{"proxyMetadata": {"B": "2", "A": "1"}, "holdApplicationUntilProxyStarts": true}' })).toBe(
      '{"proxyMetadata":{"A":"1","B":"2"},"holdApplicationUntilProxyStarts":true}',
    );
  });

  it('MeshConfig fields the templates read', () => {
    const out = render('{{ .MeshConfig.ProxyListenPort }} {{ .MeshConfig.ProxyInboundListenPort | default "x" | quote }} {{ .MeshConfig.TrustDomain }} {{ .MeshConfig.InboundTrafficPolicy.Mode }} {{ .InboundTrafficPolicyMode }} {{ .MeshConfig.DefaultConfig.DiscoveryAddress }} {{ len .MeshConfig.ExtensionProviders }}', {
      mesh: 'trustDomain: example.org\ninboundTrafficPolicy: {mode: LOCALHOST}\n',
    });
    expect(out).toBe('15001 "15006" example.org LOCALHOST localhost istiod.istio-system.svc:15012 3');
  });

  it('the mesh defaults pass a semantic-conventions OpenTelemetry provider to otelResourceAttributes', () => {
    const mesh = 'extensionProviders:\n- name: otel\n  opentelemetry: {service: otel.svc, port: 4317, serviceAttributeEnrichment: OTEL_SEMANTIC_CONVENTIONS}\n';
    expect(render('{{ otelResourceAttributes .MeshConfig .ObjectMeta.Annotations .ObjectMeta.Labels .DeploymentMeta.Namespace .Spec.Containers }}', { mesh })).toBe(
      'service.namespace=shop,service.instance.id=shop.$(POD_NAME).web',
    );
  });
});

describe('images, ids and the other scalars', () => {
  it('ProxyImage / ProxyInitImage follow Istio: values image name, variant, ProxyConfig image type, annotation', () => {
    const values = { global: { hub: 'r.io/istio', tag: 1.32, variant: 'distroless', proxy: { image: 'proxyTest' }, proxy_init: { image: 'initTest' } } };
    expect(render('{{ .ProxyImage }} {{ .ProxyInitImage }}', { values })).toBe('r.io/istio/proxyTest:1.32-distroless r.io/istio/initTest:1.32-distroless');
    expect(render('{{ .ProxyImage }}', { values, annotationProxyConfig: '{"image": {"imageType": "debug"}}' })).toBe('r.io/istio/proxyTest:1.32-debug');
    const pod: PodTemplate = { metadata: { annotations: { 'sidecar.istio.io/proxyImageType': 'default' } }, spec: POD.spec };
    expect(render('{{ .ProxyImage }} {{ .ProxyInitImage }}', { values, pod })).toBe('r.io/istio/proxyTest:1.32 r.io/istio/initTest:1.32');
    expect(render('{{ .ProxyImage }}', { values: { global: { hub: 'h', tag: '1.32.0' } } })).toBe('h/proxyv2:1.32.0');
  });

  it('Revision, NativeSidecars, ProxyUID/GID, Values, CompliancePolicy', () => {
    expect(render('{{ .Revision }} {{ .NativeSidecars }} {{ .ProxyUID }}:{{ .ProxyGID }} {{ .Values.global.hub }} [{{ .CompliancePolicy }}]', { ids: { uid: 1000629999n, gid: 7n } })).toBe(
      'canary true 1000629999:7 docker.io/istio []',
    );
  });

  it('OpenShift ids come from the namespace SCC ranges', () => {
    const annotations = { 'openshift.io/sa.scc.uid-range': '1000620000/10000', 'openshift.io/sa.scc.supplemental-groups': '5000-5009,6000/10' };
    expect(proxyIDs(true, annotations)).toEqual({ uid: 1000629999n, gid: 5009n });
    expect(proxyIDs(false, annotations)).toEqual({ uid: 1337n, gid: 1337n });
    expect(proxyIDs(true, { 'openshift.io/sa.scc.uid-range': '1000620000/10000' })).toEqual({ uid: 1000629999n, gid: 1000629999n });
    expect(proxyIDs(true, { 'openshift.io/sa.scc.uid-range': 'garbage' })).toEqual({ uid: 1337n, gid: 1337n });
    expect(parseBlock('10-20')).toEqual({ start: 10n, end: 20n });
    expect(parseBlock('4294967296/1')).toBeUndefined();
  });
});
