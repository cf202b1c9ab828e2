/**
 * Istio's injection functions (pkg/kube/inject/template.go semantics), and that Istio's set wins
 * over sprig's on name clashes.
 */
import { describe, expect, it } from 'vitest';
import { Template, structValue, stringMap } from '../../../../../transformer/gotemplate/index.js';
import { injectionFuncMap, istioFuncs } from '../../../../../transformer/mesh/istio-templates/funcs/funcs-istio.js';
import { render, renderError, type Case } from '../../../gotemplate/helpers.js';

const port = (containerPort: bigint, protocol = '') => structValue('v1.ContainerPort', { ContainerPort: containerPort, Protocol: protocol });
const data = {
  ObjectMeta: structValue('v1.ObjectMeta', {
    Annotations: stringMap({ 'sidecar.istio.io/interceptionMode': 'TPROXY', 'status.sidecar.istio.io/port': '123' }),
    Labels: stringMap({ app: 'web', 'app.kubernetes.io/version': '' }),
  }),
  Empty: structValue('v1.ObjectMeta', { Annotations: stringMap({}) }),
  Mode: structValue('v1alpha1.ProxyConfig_InboundInterceptionMode', { String: () => 'REDIRECT' }),
  Containers: [
    structValue('v1.Container', { Name: 'app', Image: 'nginx:1.21@sha256:abc', Ports: [port(80n), port(53n, 'UDP'), port(8080n, 'TCP')] }),
    structValue('v1.Container', { Name: 'istio-proxy', Image: 'proxyv2', Ports: [port(15090n, 'TCP'), port(9999n, 'SCTP')] }),
  ],
  Values: { statusPort: 15020, excluded: '', nested: { a: null, b: { c: null }, d: [null, 1] }, allNil: { a: null } },
};

function run(text: string, d: unknown = data): string {
  return render(text, d, 'injection');
}

describe('Istio functions', () => {
  const cases: Case[] = [
    { name: 'annotation: the value when present', text: '{{ annotation .ObjectMeta `sidecar.istio.io/interceptionMode` "x" }}', want: 'TPROXY' },
    { name: 'annotation: fmt.Sprint of the default when absent (float64, Stringer, nil, missing)', text: '{{ annotation .Empty "a" .Values.statusPort }} {{ annotation .Empty "a" .Mode }} {{ annotation .Empty "a" nil }} {{ annotation .Empty "a" .Values.missing }} {{ annotation .Empty "a" false }}', want: '15020 REDIRECT <nil> <nil> false' },
    { name: 'isset: key presence in a map[string]string, even with an empty value', text: '{{ isset .ObjectMeta.Labels "app" }} {{ isset .ObjectMeta.Labels "app.kubernetes.io/version" }} {{ isset .ObjectMeta.Labels "nope" }} {{ isset .Values.missing "x" }}', want: 'true true false false' },
    { name: 'valueOrDefault: only "" and nil take the default', text: '{{ valueOrDefault "" "d" }} {{ valueOrDefault .Values.missing "d" }} {{ valueOrDefault 0 "d" }} {{ valueOrDefault false "d" }} {{ valueOrDefault "v" "d" }}', want: 'd d 0 false v' },
    { name: 'excludeInboundPort adds the status port once; "0" and "" change nothing', text: '[{{ excludeInboundPort .Values.statusPort "" }}] [{{ excludeInboundPort "15020" "80,15020" }}] [{{ excludeInboundPort "0" "80" }}] [{{ excludeInboundPort 15020 " 80 , 90" }}] [{{ excludeInboundPort "" "a" }}]', want: '[15020] [80,15020] [80] [80,90,15020] [a]' },
    { name: 'includeInboundPorts / applicationPorts: TCP ports, applicationPorts without istio-proxy', text: '{{ includeInboundPorts .Containers }} {{ applicationPorts .Containers }}', want: '80,8080,15090 80,8080' },
    { name: 'kubevirtInterfaces / excludeInterfaces return their argument', text: '{{ kubevirtInterfaces "net1" }} {{ excludeInterfaces "eth1" }}', want: 'net1 eth1' },
    { name: 'indent (Istio) leaves the first line alone; nindent stays sprig', text: '{{ indent 4 "a\\nb" }}|{{ nindent 2 "a\\nb" }}', want: 'a\n    b|\n  a\n  b' },
    { name: 'contains needle haystack', text: '{{ contains "/" "docker.io/proxy" }} {{ contains "/" "proxyv2" }}', want: 'true false' },
    { name: 'fromJSON decodes; bad JSON gives the string "{}"', text: '{{ (fromJSON "{\\"a\\":{\\"b\\":1}}").a.b }} {{ fromJSON "nope" }}', want: '1 {}' },
    { name: 'toJSON of a map[string]string; nil is "{}"', text: '{{ toJSON .ObjectMeta.Labels }} {{ toJSON .Values.missing }}', want: '{"app":"web","app.kubernetes.io/version":""} {}' },
    { name: 'structToJSON / protoToJSON of nil are "{}"', text: '{{ structToJSON .Values.missing }} {{ protoToJSON .Values.missing }} {{ structToJSON (index .Containers 0).Ports }}', want: '{} {} [{"ContainerPort":80,"Protocol":""},{"ContainerPort":53,"Protocol":"UDP"},{"ContainerPort":8080,"Protocol":"TCP"}]' },
    { name: 'toYaml (sigs.k8s.io/yaml) keeps its trailing newline', text: '[{{ toYaml (dict "b" (list 1 "x") "a" "true") }}]', want: '[a: "true"\nb:\n- 1\n- x\n]' },
    { name: 'omitNil drops nils recursively; an all-nil map becomes nil', text: '{{ omitNil .Values.nested }} {{ omitNil .Values.allNil }}', want: 'map[d:[1]] <no value>' },
    { name: 'directory is the path up to the last slash', text: '[{{ directory "/etc/certs/root-cert.pem" }}] [{{ directory "file" }}]', want: '[/etc/certs/] []' },
    { name: 'toLower', text: '{{ toLower "Deployment" }}', want: 'deployment' },
    { name: 'strdict builds a map[string]string; a lone key gets ""', text: '{{ strdict "b" "2" "a" "1" "c" }}', want: 'map[a:1 b:2 c:]' },
    { name: 'omit (Istio) works on map[string]string', text: '{{ omit .ObjectMeta.Labels "app" }}', want: 'map[app.kubernetes.io/version:]' },
    { name: 'toJsonMap merges maps, later ones win; with none it is null', text: '{{ toJsonMap (strdict "a" "1" "b" "2") .ObjectMeta.Labels (strdict "a" "3") }} {{ toJsonMap }}', want: '{"a":"3","app":"web","app.kubernetes.io/version":"","b":"2"} null' },
    { name: 'mergeMaps', text: '{{ mergeMaps (strdict "a" "1") (strdict "a" "2" "b" "3") }}', want: 'map[a:2 b:3]' },
    { name: 'appendMultusNetwork: empty, comma lists, already present', text: '[{{ appendMultusNetwork "" "default/istio-cni" }}] [{{ appendMultusNetwork "macvlan-conf, sriov" "default/istio-cni" }}] [{{ appendMultusNetwork "a, default/istio-cni" "default/istio-cni" }}]', want: '[default/istio-cni] [macvlan-conf, sriov, default/istio-cni] [a, default/istio-cni]' },
    { name: 'appendMultusNetwork: JSON lists (namespace split off), present, or unparseable', text: '{{ appendMultusNetwork `[{"name": "a"}]` "default/istio-cni" }} {{ appendMultusNetwork `[{"name":"istio-cni","namespace":"default"}]` "default/istio-cni" }} {{ appendMultusNetwork `[{"name": "a"}]` "istio-cni" }} {{ appendMultusNetwork `[{]` "x" }}', want: '[{"name": "a"}, {"name": "istio-cni", "namespace": "default"}] [{"name":"istio-cni","namespace":"default"}] [{"name": "a"}, {"name": "istio-cni"}] [{]' },
    { name: 'formatDuration prints time.Duration strings', text: '{{ formatDuration .a }} {{ formatDuration .b }} {{ formatDuration .c }} {{ formatDuration .missing }} {{ formatDuration "23s" }}', want: '23s 1h2m3.5s 1.5ms 0s 23s' },
  ];
  it.each(cases)('$name', ({ text, want }) => {
    const d = {
      ...data,
      a: structValue('*durationpb.Duration', { Seconds: 23n, Nanos: 0n }),
      b: structValue('*durationpb.Duration', { Seconds: 3723n, Nanos: 500_000_000n }),
      c: { seconds: 0, nanos: 1_500_000 },
    };
    expect(run(text, d)).toBe(want);
  });

  it('env reads the map the caller passes, never the process environment', () => {
    const t = new Template('t').funcs(injectionFuncMap({ env: { REGION: 'eu', EMPTY: '' } })).parse('{{ env "REGION" "d" }} {{ env "EMPTY" "d" }} {{ env "PATH" "d" }}');
    expect(t.execute({})).toBe('eu d d');
  });

  it('protoToJSON and structToJSON use the serializers the caller passes', () => {
    const funcs = istioFuncs({ protoToJSON: (m) => `proto:${(m as { Mode: string }).Mode}`, structToJSON: () => 'struct' });
    const t = new Template('t').funcs(funcs).parse('{{ protoToJSON . }} {{ structToJSON . }}');
    expect(t.execute({ Mode: 'TPROXY' })).toBe('proto:TPROXY struct');
  });

  it('otelResourceAttributes follows the OTel Kubernetes service attribute rules', () => {
    const otelMesh = (enrichment: string) =>
      structValue('*v1alpha1.MeshConfig', {
        GetExtensionProviders: () => [{ Name: 'otel', GetOpentelemetry: () => ({ ServiceAttributeEnrichment: { String: () => enrichment } }) }],
      });
    const text = '{{ otelResourceAttributes .Mesh .Annotations .Labels "prod" .Containers }}';
    const base = { Annotations: stringMap({}), Labels: stringMap({}), Containers: data.Containers.slice(0, 1) };
    expect(run(text, { ...base, Mesh: otelMesh('OTEL_SEMANTIC_CONVENTIONS') })).toBe(
      'service.namespace=prod,service.version=1.21@sha256:abc,service.instance.id=prod.$(POD_NAME).app',
    );
    expect(
      run(text, {
        ...base,
        Mesh: otelMesh('OTEL_SEMANTIC_CONVENTIONS'),
        Annotations: stringMap({ 'resource.opentelemetry.io/service.namespace': 'ns2', 'resource.opentelemetry.io/service.instance.id': 'id' }),
        Labels: stringMap({ 'app.kubernetes.io/version': 'v9' }),
      }),
    ).toBe('service.namespace=ns2,service.version=v9,service.instance.id=id');
    expect(run(text, { ...base, Mesh: otelMesh('NONE') })).toBe('');
    expect(run('[{{ otelResourceAttributes .Missing .Annotations .Labels "prod" .Containers }}]', base)).toBe('[]');
  });

  it("Istio's functions take Go-typed arguments", () => {
    expect(renderError('{{ isset .m "a" }}', { m: { a: 1 } }, 'injection').message).toBe(
      'template: t:1:9: executing "t" at <.m>: wrong type for value; expected map[string]string; got map[string]interface {}',
    );
    expect(renderError('{{ annotation .missing "a" "b" }}', {}, 'injection').message).toBe(
      'template: t:1:14: executing "t" at <.missing>: invalid value; expected v1.ObjectMeta',
    );
    expect(renderError('{{ omit (dict "a" 1) "a" }}', {}, 'injection').message).toBe(
      // Go reports the last node evaluated inside the parenthesized pipeline.
      'template: t:1:18: executing "t" at <1>: wrong type for value; expected map[string]string; got map[string]interface {}',
    );
  });
});
