/**
 * Istio's own injection templates, run unmodified from the conformance configs
 * (`../shared/conformance/istio/configs/<set>/config.yaml`, read in place; skipped without it):
 *
 * - every template of every config set parses with the sprig + Istio function map, and the
 *   legacy `template` tripwire fails the way Istio's does;
 * - for a set of Istio's golden cases, the template output for the case's pod is compared with
 *   the containers and volumes of Istio's golden (`inject/*.injected`) on every field the template
 *   produced (Go's zero-value omission applied to both sides; quantities are not canonicalized,
 *   so `resources` is left out).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { Template, structValue, stringMap } from '../../../../../transformer/gotemplate/index.js';
import { injectionFuncMap } from '../../../../../transformer/mesh/istio-templates/funcs/funcs-istio.js';
import { ISTIO_CORPUS } from '../../../../helpers/shared-data.js';

const read = (relative: string): string => readFileSync(join(ISTIO_CORPUS.dir, relative), 'utf8');

type Json = Record<string, unknown>;

interface InjectorConfig {
  template: string;
  templates: Record<string, string>;
}

const loaded = new Map<string, { config: InjectorConfig; values: Json }>();

function loadConfig(set: string): { config: InjectorConfig; values: Json } {
  let entry = loaded.get(set);
  if (entry === undefined) {
    entry = { config: parse(read(`configs/${set}/config.yaml`)) as InjectorConfig, values: JSON.parse(read(`configs/${set}/values.json`)) as Json };
    loaded.set(set, entry);
  }
  // Values are handed to templates that may change maps (sprig set/merge): give each caller a copy.
  return { config: entry.config, values: structuredClone(entry.values) };
}

const CONFIG_SETS = ISTIO_CORPUS.found ? readdirSync(join(ISTIO_CORPUS.dir, 'configs')).sort() : [];

describe.skipIf(!ISTIO_CORPUS.found)('every template in every injector config parses', () => {
  const cases = CONFIG_SETS.flatMap((set) => Object.keys(loadConfig(set).config.templates).map((name) => ({ set, name })));

  it('covers the config sets and their templates', () => {
    expect(CONFIG_SETS.length).toBeGreaterThanOrEqual(20);
    expect(new Set(cases.map((c) => c.name))).toEqual(
      new Set(['sidecar', 'gateway', 'grpc-simple', 'grpc-agent', 'waypoint', 'kube-gateway', 'agentgateway', 'agentgateway-waypoint', 'custom', 'spire']),
    );
  });

  it.each(cases)('$set: $name', ({ set, name }) => {
    const text = loadConfig(set).config.templates[name]!;
    const t = new Template(name).funcs(injectionFuncMap()).parse(text);
    expect(t.definedTemplates()).toContain(name);
  });

  it('the legacy `template` tripwire fails to parse, naming the unknown function', () => {
    const { config } = loadConfig('default');
    expect(() => new Template('inject').funcs(injectionFuncMap()).parse(config.template)).toThrow(
      'template: inject:1: function "Template_Version_And_Istio_Version_Mismatched_Check_Installation" not defined',
    );
  });
});

// --- the template data Istio's injector builds (SidecarTemplateData), from a case's input ---

interface KubeObject {
  kind: string;
  apiVersion: string;
  metadata: { name: string; namespace?: string };
  spec: { template: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec: Json } };
}

function containerPort(p: Json) {
  return structValue('v1.ContainerPort', {
    Name: (p.name as string | undefined) ?? '',
    HostPort: BigInt((p.hostPort as number | undefined) ?? 0),
    ContainerPort: BigInt((p.containerPort as number | undefined) ?? 0),
    Protocol: (p.protocol as string | undefined) ?? '',
    HostIP: (p.hostIP as string | undefined) ?? '',
    /** corev1.ContainerPort's json tags: field order, omitempty except containerPort. */
    toJSON(this: { Name: string; HostPort: bigint; ContainerPort: bigint; Protocol: string; HostIP: string }) {
      const out: Json = {};
      if (this.Name !== '') out.name = this.Name;
      if (this.HostPort !== 0n) out.hostPort = this.HostPort;
      out.containerPort = this.ContainerPort;
      if (this.Protocol !== '') out.protocol = this.Protocol;
      if (this.HostIP !== '') out.hostIP = this.HostIP;
      return out;
    },
  });
}

function container(c: Json) {
  return structValue('v1.Container', {
    Name: c.name as string,
    Image: (c.image as string | undefined) ?? '',
    Ports: ((c.ports as Json[] | undefined) ?? []).map(containerPort),
  });
}

interface Knobs {
  native: boolean;
  interceptionMode?: string;
}

function proxyImage(values: Json, image: string): string {
  const global = values.global as Json;
  return image.includes('/') ? image : `${String(global.hub)}/${image}:${String(global.tag)}`;
}

function templateData(workload: KubeObject, values: Json, knobs: Knobs): Json {
  const pod = workload.spec.template;
  const global = values.global as Json;
  const mode = knobs.interceptionMode ?? 'REDIRECT';
  return {
    TypeMeta: structValue('v1.TypeMeta', { Kind: workload.kind, APIVersion: workload.apiVersion }),
    DeploymentMeta: structValue('types.NamespacedName', { Namespace: workload.metadata.namespace ?? '', Name: workload.metadata.name }),
    ObjectMeta: structValue('v1.ObjectMeta', {
      Name: '',
      Namespace: '',
      Labels: stringMap(pod.metadata?.labels ?? {}),
      Annotations: stringMap(pod.metadata?.annotations ?? {}),
    }),
    Spec: structValue('v1.PodSpec', {
      Containers: ((pod.spec.containers as Json[] | undefined) ?? []).map(container),
      ServiceAccountName: (pod.spec.serviceAccountName as string | undefined) ?? '',
    }),
    ProxyConfig: structValue('*v1alpha1.ProxyConfig', {
      InterceptionMode: structValue('v1alpha1.ProxyConfig_InboundInterceptionMode', { String: () => mode }),
      HoldApplicationUntilProxyStarts: structValue('*wrapperspb.BoolValue', { GetValue: () => false }),
      ProxyMetadata: stringMap({}),
      GetTracing: () => structValue('*v1alpha1.Tracing', { GetTlsSettings: () => null }),
      /** PROXY_CONFIG: the fields that differ from Istio's defaults, as Istio's protoToJSON writes them. */
      toJSON: () => (mode === 'REDIRECT' ? {} : { interceptionMode: mode }),
    }),
    MeshConfig: structValue('*v1alpha1.MeshConfig', {
      ProxyListenPort: 15001n,
      ProxyInboundListenPort: 15006n,
      TrustDomain: 'cluster.local',
      GetExtensionProviders: () => [],
    }),
    Values: values,
    Revision: '',
    NativeSidecars: knobs.native,
    ProxyImage: proxyImage(values, (global.proxy as Json).image as string),
    ProxyInitImage: proxyImage(values, (global.proxy_init as Json).image as string),
    ProxyUID: 1337n,
    ProxyGID: 1337n,
    InboundTrafficPolicyMode: 'passthrough',
    CompliancePolicy: '',
  };
}

/** Go's `omitempty` view: no zero numbers, empty strings, nulls or empty collections. */
function omitEmpty(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(omitEmpty);
  if (typeof v === 'object' && v !== null) {
    const out: Json = {};
    for (const [k, x] of Object.entries(v)) {
      const y = omitEmpty(x);
      const empty = y === 0 || y === '' || y === null || (typeof y === 'object' && Object.keys(y as object).length === 0);
      if (!empty) out[k] = y;
    }
    return out;
  }
  return v;
}

function byName(list: unknown): unknown {
  return Array.isArray(list) ? [...(list as { name: string }[])].sort((a, b) => a.name.localeCompare(b.name)) : list;
}

function podSpecOf(doc: unknown): Json {
  return ((doc as KubeObject).spec.template.spec ?? {}) as Json;
}

interface GoldenCase {
  name: string;
  input: string;
  golden: string;
  set: string;
  knobs: Knobs;
}

const GOLDEN_CASES: GoldenCase[] = [
  { name: '[96] hello: native sidecar', input: 'hello.yaml', golden: 'hello.yaml.injected', set: 'default', knobs: { native: true } },
  { name: '[06] hello: classic sidecar (native sidecars off)', input: 'hello.yaml', golden: 'hello-old-version.yaml.injected', set: 'default', knobs: { native: false } },
  { name: '[03] hello: TPROXY interception', input: 'hello.yaml', golden: 'hello-tproxy.yaml.injected', set: 'default', knobs: { native: true, interceptionMode: 'TPROXY' } },
  { name: '[00] hello: CNI and a network', input: 'hello.yaml', golden: 'hello.yaml.cni.injected', set: 'enabled-true__provider-default__network-network1', knobs: { native: true } },
  { name: '[16] hello: CNI with multus', input: 'hello.yaml', golden: 'hello-cncf-networks.yaml.injected', set: 'enabled-true__provider-multus', knobs: { native: true } },
  { name: '[04] hello: imagePullPolicy Always', input: 'hello.yaml', golden: 'hello-always.yaml.injected', set: 'imagePullPolicy-Always', knobs: { native: true } },
  { name: '[01] hello: proxy image name from values', input: 'hello.yaml', golden: 'hello.yaml.proxyImageName.injected', set: 'image-proxyTest', knobs: { native: true } },
  { name: '[15] hello: mTLS certificates mounted', input: 'hello.yaml', golden: 'hello-mount-mtls-certs.yaml.injected', set: 'mountMtlsCerts-true', knobs: { native: true } },
  { name: '[45] gateway template', input: 'gateway.yaml', golden: 'gateway.yaml.injected', set: 'default', knobs: { native: true } },
  { name: '[82] grpc-agent template', input: 'grpc-agent.yaml', golden: 'grpc-agent.yaml.injected', set: 'default', knobs: { native: true } },
  { name: '[83] grpc-simple template', input: 'grpc-simple.yaml', golden: 'grpc-simple.yaml.injected', set: 'default', knobs: { native: true } },
];

function renderCase(c: GoldenCase): { output: Json; golden: Json; goldenMeta: Json; text: string } {
  const { config, values } = loadConfig(c.set);
  const workload = parse(read(`inject/${c.input}`)) as KubeObject;
  const templateName = workload.spec.template.metadata?.annotations?.['inject.istio.io/templates'] ?? 'sidecar';
  const text = new Template('inject').funcs(injectionFuncMap()).parse(config.templates[templateName]!).execute(templateData(workload, values, c.knobs));
  const goldenDoc = parseAllDocuments(read(`inject/${c.golden}`))[0]!.toJS() as KubeObject;
  return { output: parse(text) as Json, golden: podSpecOf(goldenDoc), goldenMeta: (goldenDoc.spec.template.metadata ?? {}) as Json, text };
}

describe.skipIf(!ISTIO_CORPUS.found)("Istio's templates reproduce Istio's goldens", () => {
  it.each(GOLDEN_CASES)('$name', (c) => {
    const { output, golden, goldenMeta } = renderCase(c);
    const spec = output.spec as Json;
    expect([...((spec.initContainers as Json[] | undefined) ?? []), ...((spec.containers as Json[] | undefined) ?? [])].length).toBeGreaterThan(0);
    for (const list of ['initContainers', 'containers'] as const) {
      for (const produced of (spec[list] as Json[] | undefined) ?? []) {
        const expected = ((golden[list] as Json[] | undefined) ?? []).find((g) => g.name === produced.name);
        expect(expected, `${list} ${String(produced.name)} in the golden`).toBeDefined();
        for (const [key, value] of Object.entries(produced)) {
          if (key === 'resources') continue;
          // Istio's post-processing re-appends the cluster/network variables, so env is compared by name.
          const view = (v: unknown) => (key === 'env' ? byName(v) : v);
          expect(omitEmpty(view(value)), `${list}/${String(produced.name)}/${key}`).toEqual(omitEmpty(view(expected![key])));
        }
      }
    }
    const volumes = ((spec.volumes as Json[] | undefined) ?? []).map((v) => v.name);
    expect(volumes).toEqual(((golden.volumes as Json[] | undefined) ?? []).map((v) => v.name));
    const meta = (output.metadata ?? {}) as { labels?: Json; annotations?: Json };
    expect(goldenMeta.labels).toMatchObject(meta.labels ?? {});
    expect(goldenMeta.annotations ?? {}).toMatchObject(meta.annotations ?? {});
  });
});

describe.skipIf(!ISTIO_CORPUS.found)('the default sidecar template on a simple pod', () => {
  const render = (knobs: Knobs) => renderCase({ ...GOLDEN_CASES[0]!, knobs }).output;

  it('renders istio-init and a native istio-proxy init container with the expected environment', () => {
    const out = render({ native: true });
    const spec = out.spec as { initContainers: Json[]; containers?: Json[] };
    expect(spec.initContainers.map((c) => c.name)).toEqual(['istio-init', 'istio-proxy']);
    expect(spec.containers).toBeUndefined();
    const proxy = spec.initContainers[1]!;
    expect(proxy.restartPolicy).toBe('Always');
    const env = Object.fromEntries((proxy.env as { name: string; value?: string }[]).map((e) => [e.name, e.value]));
    expect(env).toMatchObject({
      PILOT_CERT_PROVIDER: 'istiod',
      CA_ADDR: 'istiod.istio-system.svc:15012',
      PROXY_CONFIG: '{}\n',
      ISTIO_META_POD_PORTS: '[\n    {"name":"http","containerPort":80}\n]',
      ISTIO_META_APP_CONTAINERS: 'hello',
      ISTIO_META_CLUSTER_ID: 'Kubernetes',
      ISTIO_META_INTERCEPTION_MODE: 'REDIRECT',
      ISTIO_META_WORKLOAD_NAME: 'hello',
      ISTIO_META_OWNER: 'kubernetes://apis/apps/v1/namespaces/default/deployments/hello',
      ISTIO_META_MESH_ID: 'cluster.local',
      TRUST_DOMAIN: 'cluster.local',
    });
    expect(spec.initContainers[0]!.args).toEqual([
      'istio-iptables', '-p', '15001', '-z', '15006', '-u', '1337', '-m', 'REDIRECT', '-i', '*', '-x', '', '-b', '*', '-d', '15090,15021,15020', '--log_output_level=default:info',
    ]);
    expect((proxy.resources as Json).limits).toEqual({ cpu: '2000m', memory: '1024Mi' });
  });

  it('puts istio-proxy among the containers when native sidecars are off', () => {
    const spec = render({ native: false }).spec as { initContainers: Json[]; containers: Json[] };
    expect(spec.initContainers.map((c) => c.name)).toEqual(['istio-init']);
    expect(spec.containers.map((c) => c.name)).toEqual(['istio-proxy']);
  });
});

describe.skipIf(!ISTIO_CORPUS.found)('the kube-gateway template (Gateway API deployment controller data)', () => {
  it('renders the ServiceAccount, Deployment, Service, HPA and PDB of a Gateway', () => {
    const { config, values } = loadConfig('default');
    const hello = parse(read('inject/hello.yaml')) as KubeObject;
    const base = templateData(hello, values, { native: true });
    const data = {
      ...base,
      ObjectMeta: structValue('v1.ObjectMeta', { Annotations: stringMap({}), Labels: stringMap({}) }),
      ServiceAccount: 'gw-istio',
      Namespace: 'edge',
      Name: 'gw',
      GatewayClass: 'istio',
      ControllerLabel: 'istio.io-gateway-controller',
      KubeVersion: 130n,
      UID: 'uid-1',
      DeploymentName: 'gw-istio',
      GatewayNameLabel: 'gateway.networking.k8s.io/gateway-name',
      InfrastructureAnnotations: stringMap({ 'kubectl.kubernetes.io/last-applied-configuration': '{}', team: 'a' }),
      InfrastructureLabels: stringMap({ 'topology.istio.io/network': 'net1' }),
      ClusterID: 'Kubernetes',
      ServiceType: 'LoadBalancer',
      Ports: [structValue('v1.ServicePort', { Name: 'http', Port: 80n, Protocol: 'TCP', AppProtocol: 'http' })],
      Spec: structValue('v1.GatewaySpec', { Addresses: [structValue('v1.GatewaySpecAddress', { Value: '1.2.3.4' })] }),
    };
    const text = new Template('kube-gateway').funcs(injectionFuncMap()).parse(config.templates['kube-gateway']!).execute(data);
    const docs = parseAllDocuments(text).map((d) => d.toJS() as { kind: string; metadata: Json; spec: Json });
    expect(docs.map((d) => d.kind)).toEqual(['ServiceAccount', 'Deployment', 'Service', 'HorizontalPodAutoscaler', 'PodDisruptionBudget']);
    const [sa, deployment, service] = docs;
    expect(sa!.metadata).toMatchObject({
      name: 'gw-istio',
      namespace: 'edge',
      annotations: { team: 'a' },
      labels: { 'gateway.networking.k8s.io/gateway-name': 'gw', 'gateway.networking.k8s.io/gateway-class-name': 'istio', 'topology.istio.io/network': 'net1' },
      ownerReferences: [{ kind: 'Gateway', name: 'gw', uid: 'uid-1' }],
    });
    const pod = (deployment!.spec.template as { metadata: Json; spec: { containers: Json[] } });
    expect(pod.metadata.annotations).toEqual({ team: 'a', 'istio.io/rev': 'default', 'prometheus.io/path': '/stats/prometheus', 'prometheus.io/port': '15020', 'prometheus.io/scrape': 'true' });
    const env = Object.fromEntries((pod.spec.containers[0]!.env as { name: string; value?: string }[]).map((e) => [e.name, e.value]));
    expect(env).toMatchObject({ ISTIO_META_NETWORK: 'net1', ISTIO_META_REQUESTED_NETWORK_VIEW: 'net1', ISTIO_META_OWNER: 'kubernetes://apis/apps/v1/namespaces/edge/deployments/gw-istio' });
    expect(service!.spec).toMatchObject({ loadBalancerIP: '1.2.3.4', type: 'LoadBalancer', ports: [{ name: 'http', port: 80, protocol: 'TCP', appProtocol: 'http' }] });
  });
});
