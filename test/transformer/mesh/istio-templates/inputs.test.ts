import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { applyMeshConfig, defaultMeshConfig, injectorPolicy, parseClusterInputs, type ClusterInputs } from '../../../../transformer/mesh/istio-templates/index.js';
import type { ParsedInputs } from '../../../../transformer/mesh/istio-templates/inputs.js';
import { readCorpusFile } from '../../../conformance/istio-corpus.js';
import { ISTIO_CORPUS } from '../../../helpers/shared-data.js';

const CONFIG = `policy: disabled
defaultTemplates: [sidecar, extra]
aliases:
  both: [sidecar, extra]
neverInjectSelector:
- matchLabels: {skip: "yes"}
- {}
alwaysInjectSelector:
- matchExpressions:
  - {key: team, operator: In, values: [a, b]}
injectedAnnotations:
  seccomp: runtime/default
templates:
  sidecar: |
    spec:
      containers:
      - name: istio-proxy
        image: {{ .ProxyImage }}
  extra: |
    metadata:
      labels:
        extra: "true"
`;
const VALUES = '{"global": {"hub": "docker.io/istio", "tag": 1.32, "proxy": {"image": "proxyv2"}}, "sidecarInjectorWebhook": {"rewriteAppHTTPProbe": true}}';
const MESH = 'trustDomain: example.org\ndefaultConfig:\n  discoveryAddress: istiod-canary.istio-system.svc:15012\n';

function configMap(name: string, data: Record<string, string>): string {
  return stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'istio-system' }, data }, { blockQuote: 'literal' });
}

function parsed(inputs: ClusterInputs): ParsedInputs {
  const outcome = parseClusterInputs(inputs);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.results));
  return outcome.inputs;
}

function summary(p: ParsedInputs) {
  return {
    policy: p.injector.policy,
    defaultTemplates: p.injector.defaultTemplates,
    aliases: p.injector.aliases,
    templates: [...p.injector.templates.keys()],
    injectedAnnotations: p.injector.injectedAnnotations,
    values: p.values,
    settings: p.settings,
    trustDomain: p.mesh.trustDomain,
    discovery: (p.mesh.defaultConfig as Record<string, unknown>).discoveryAddress,
  };
}

describe('cluster inputs: ConfigMap manifests or bare data content', () => {
  const bare = parsed({ injector: { path: 'config.yaml', text: CONFIG }, values: { path: 'values.json', text: VALUES }, meshConfig: { path: 'mesh.yaml', text: MESH } });

  it('reads the bare injector config, values and mesh config', () => {
    expect(summary(bare)).toEqual({
      policy: 'disabled',
      defaultTemplates: ['sidecar', 'extra'],
      aliases: { both: ['sidecar', 'extra'] },
      templates: ['sidecar', 'extra'],
      injectedAnnotations: { seccomp: 'runtime/default' },
      values: { global: { hub: 'docker.io/istio', tag: 1.32, proxy: { image: 'proxyv2' } }, sidecarInjectorWebhook: { rewriteAppHTTPProbe: true } },
      settings: {
        hub: 'docker.io/istio',
        tag: '1.32',
        variant: '',
        proxyImageName: 'proxyv2',
        proxyInitImageName: 'proxyv2',
        clusterName: '',
        network: '',
        holdApplicationUntilProxyStarts: false,
        rewriteAppHTTPProbe: true,
      },
      trustDomain: 'example.org',
      discovery: 'istiod-canary.istio-system.svc:15012',
    });
  });

  it('reads the same from the ConfigMaps, taking values from the injector ConfigMap', () => {
    const fromConfigMaps = parsed({
      injector: { path: 'injector.yaml', text: configMap('istio-sidecar-injector', { config: CONFIG, values: VALUES }) },
      meshConfig: { path: 'istio.yaml', text: configMap('istio', { mesh: MESH }) },
    });
    expect(summary(fromConfigMaps)).toEqual(summary(bare));
  });

  it.skipIf(!ISTIO_CORPUS.found)('parses the corpus ConfigMap data the way Istio renders it: every template, numbers as float64', () => {
    const p = parsed({
      injector: { path: 'config.yaml', text: readCorpusFile('configs/default/config.yaml') },
      values: { path: 'values.json', text: readCorpusFile('configs/default/values.json') },
    });
    expect([...p.injector.templates.keys()]).toEqual(['sidecar', 'gateway', 'grpc-simple', 'grpc-agent', 'waypoint', 'kube-gateway', 'agentgateway', 'agentgateway-waypoint']);
    expect(typeof (p.values.global as { proxy: { statusPort: unknown } }).proxy.statusPort).toBe('number');
    expect(p.settings).toMatchObject({ hub: 'registry.istio.io/testing', tag: 'latest', rewriteAppHTTPProbe: true });
  });

  it('without values, .Values is empty', () => {
    expect(parsed({ injector: { path: 'config.yaml', text: CONFIG } }).values).toEqual({});
  });

  it('refuses a ConfigMap without the data key it needs', () => {
    const outcome = parseClusterInputs({ injector: { path: 'injector.yaml', text: configMap('istio-sidecar-injector', { values: VALUES }) } });
    expect(outcome).toMatchObject({ ok: false, results: [{ code: 'config-invalid', file: { path: 'injector.yaml', line: 1 } }] });
    expect(!outcome.ok && outcome.results[0]!.message).toContain('no data.config');
  });

  it('takes a file that is not an injector config as the sidecar template (kube-inject --injectConfigFile)', () => {
    const p = parsed({ injector: { path: 'sidecar.tmpl', text: 'spec:\n  containers:\n  - name: istio-proxy\n    image: {{ .ProxyImage }}\n' } });
    expect([...p.injector.templates.keys()]).toEqual(['sidecar']);
    expect(p.injector).toMatchObject({ policy: 'enabled', defaultTemplates: ['sidecar'] });
  });

  it('refuses a config holding only the pre-1.8 `template`', () => {
    const outcome = parseClusterInputs({ injector: { path: 'old.yaml', text: 'policy: enabled\ntemplate: |\n  containers: []\n' } });
    expect(outcome).toMatchObject({ ok: false, results: [{ code: 'config-invalid', file: { path: 'old.yaml', line: 2, column: 11 } }] });
  });

  it('reports YAML errors of the values and mesh config where they are', () => {
    const outcome = parseClusterInputs({
      injector: { path: 'config.yaml', text: CONFIG },
      values: { path: 'values.json', text: '{"global": {"hub": "x",\n  "tag": }' },
    });
    expect(outcome).toMatchObject({ ok: false, results: [{ code: 'config-invalid', file: { path: 'values.json', line: 2 } }] });
    const mesh = parseClusterInputs({ injector: { path: 'config.yaml', text: CONFIG }, meshConfig: { path: 'mesh.yaml', text: 'trustDomain: a\nproxyListenPort: lots\n' } });
    expect(mesh).toMatchObject({ ok: false, results: [{ code: 'config-invalid', file: { path: 'mesh.yaml', line: 2, column: 18 } }] });
    expect(!mesh.ok && mesh.results[0]!.message).toContain('proxyListenPort: expected an integer');
  });

  it('caches the parse per inputs object', () => {
    const inputs: ClusterInputs = { injector: { path: 'config.yaml', text: CONFIG } };
    expect(parseClusterInputs(inputs)).toBe(parseClusterInputs(inputs));
  });
});

describe('a bad template fails the whole input, naming the template, line and column', () => {
  it('in a ConfigMap: the position is in the ConfigMap file, through both block scalars', () => {
    const text = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: istio-sidecar-injector',
      'data:',
      '  config: |',
      '    policy: enabled',
      '    templates:',
      '      good: |',
      '        metadata: {}',
      '      sidecar: |',
      '        metadata:',
      '          labels:',
      '            a: {{ .Bad | nosuchfunc }}',
      '',
    ].join('\n');
    const outcome = parseClusterInputs({ injector: { path: 'injector.yaml', text } });
    expect(outcome.ok).toBe(false);
    const results = outcome.ok ? [] : outcome.results;
    expect(results).toHaveLength(1);
    const column = text.split('\n')[13]!.indexOf('nosuchfunc') + 1;
    expect(results[0]).toMatchObject({ severity: 'error', code: 'template-error', file: { path: 'injector.yaml', line: 14, column } });
    expect(results[0]!.message).toBe(`injector.yaml:14:${column}: templates.sidecar: template: inject:3: function "nosuchfunc" not defined`);
  });

  it('in a bare config', () => {
    const text = 'policy: enabled\ntemplates:\n  sidecar: |\n    metadata:\n      labels: {{ if }}\n';
    const outcome = parseClusterInputs({ injector: { path: 'config.yaml', text } });
    expect(outcome).toMatchObject({ ok: false, results: [{ code: 'template-error', file: { path: 'config.yaml', line: 5 } }] });
    expect(!outcome.ok && outcome.results[0]!.message).toContain('templates.sidecar: template: inject:2: missing value for if');
  });

  it.skipIf(!ISTIO_CORPUS.found)('the legacy tripwire template is not parsed (Istio ignores `template`)', () => {
    expect(parseClusterInputs({ injector: { path: 'config.yaml', text: readCorpusFile('configs/default/config.yaml') } }).ok).toBe(true);
  });
});

describe('mesh config over Istio defaults', () => {
  it('starts from the defaults', () => {
    const mesh = defaultMeshConfig();
    expect(mesh).toMatchObject({ proxyListenPort: 15001, proxyInboundListenPort: 15006, trustDomain: 'cluster.local', enablePrometheusMerge: true, inboundTrafficPolicy: { mode: 'PASSTHROUGH' } });
    expect(mesh.defaultConfig).toMatchObject({ statusPort: 15020, drainDuration: '45s', discoveryAddress: 'istiod.istio-system.svc:15012' });
  });

  it('top-level fields replace, unknown fields are dropped, proto names are accepted', () => {
    const applied = applyMeshConfig(defaultMeshConfig(), { trustDomain: 'a.org', inbound_traffic_policy: { mode: 'LOCALHOST' }, noSuchField: 1, outboundTrafficPolicy: {} });
    expect(applied).toMatchObject({ ok: true, mesh: { trustDomain: 'a.org', inboundTrafficPolicy: { mode: 'LOCALHOST' }, outboundTrafficPolicy: {} } });
    expect(applied.ok && 'noSuchField' in applied.mesh).toBe(false);
  });

  it('defaultConfig merges field by field, proxyMetadata key by key', () => {
    const first = applyMeshConfig(defaultMeshConfig(), { defaultConfig: { proxyMetadata: { A: '1' }, drainDuration: '23s' } });
    if (!first.ok) throw new Error(first.message);
    const second = applyMeshConfig(first.mesh, { defaultConfig: { proxyMetadata: { B: '2' }, interceptionMode: 'TPROXY' } });
    expect(second.ok && second.mesh.defaultConfig).toMatchObject({
      proxyMetadata: { A: '1', B: '2' },
      drainDuration: '23s',
      interceptionMode: 'TPROXY',
      statusPort: 15020,
      binaryPath: '/usr/local/bin/envoy',
    });
  });

  it('extensionProviders merge by name, trustDomainAliases are unioned and sorted', () => {
    const applied = applyMeshConfig(
      { ...defaultMeshConfig(), trustDomainAliases: ['z.org'] },
      {
        extensionProviders: [
          { name: 'envoy', envoyFileAccessLog: { path: '/dev/stderr' } },
          { name: 'otel', opentelemetry: { service: 'otel.svc', port: 4317 } },
        ],
        trustDomainAliases: ['b.org', 'z.org'],
      },
    );
    expect(applied.ok && applied.mesh.extensionProviders).toEqual([
      { name: 'prometheus', prometheus: {} },
      { name: 'stackdriver', stackdriver: {} },
      { name: 'envoy', envoyFileAccessLog: { path: '/dev/stderr' } },
      { name: 'otel', opentelemetry: { service: 'otel.svc', port: 4317 } },
    ]);
    expect(applied.ok && applied.mesh.trustDomainAliases).toEqual(['b.org', 'z.org']);
  });

  it('refuses values of the wrong type, naming the field', () => {
    expect(applyMeshConfig(defaultMeshConfig(), { enablePrometheusMerge: 'yes' })).toMatchObject({ ok: false, field: 'enablePrometheusMerge' });
    expect(applyMeshConfig(defaultMeshConfig(), { connectTimeout: '1m' })).toMatchObject({ ok: false, field: 'connectTimeout' });
    expect(applyMeshConfig(defaultMeshConfig(), { defaultConfig: { interceptionMode: 'SIDEWAYS' } })).toMatchObject({ ok: false, field: 'defaultConfig' });
  });
});

describe('injectorPolicy', () => {
  it('gives the policy and the selectors Istio evaluates (an empty selector matches nothing and is dropped)', () => {
    expect(injectorPolicy({ injector: { path: 'config.yaml', text: CONFIG } })).toEqual({
      policy: 'disabled',
      neverInjectSelector: [{ matchLabels: { skip: 'yes' }, matchExpressions: [] }],
      alwaysInjectSelector: [{ matchLabels: {}, matchExpressions: [{ key: 'team', operator: 'In', values: ['a', 'b'] }] }],
    });
  });

  it('is undefined when the inputs do not parse', () => {
    expect(injectorPolicy({ injector: { path: 'config.yaml', text: 'templates:\n  sidecar: "{{ end }}"\n' } })).toBeUndefined();
  });
});
