/**
 * The effective ProxyConfig from the mesh default, ProxyConfig CRs and the pod's annotation, by
 * the webhook's rules (Istio's `TestEffectiveProxyConfig` cases, ported, then our own table).
 */
import { describe, expect, it } from 'vitest';
import { readProxyConfigResource } from '../../../../transformer/mesh/istio/proxy-config-crs.js';
import { applyProxyConfigLayers, podProxyConfigs, selectProxyConfigs } from '../../../../transformer/mesh/istio/proxy-config-layers.js';
import { defaultProxyConfig, mergeProxyConfig, parseProxyConfigAnnotation, type ProxyConfig } from '../../../../transformer/mesh/istio/proxy-config.js';
import { configOf, DEPLOYMENT, podOf } from './fixtures.js';

const ROOT = 'istio-system';

interface CrOptions {
  selector?: Record<string, string>;
  emptySelector?: boolean;
}

function cr(name: string, namespace: string | undefined, spec: Record<string, unknown>, options: CrOptions = {}): Record<string, unknown> {
  const selector = options.emptySelector ? { selector: {} } : options.selector ? { selector: { matchLabels: options.selector } } : {};
  return { apiVersion: 'networking.istio.io/v1beta1', kind: 'ProxyConfig', metadata: { name, ...(namespace ? { namespace } : {}) }, spec: { ...selector, ...spec } };
}

interface Pod {
  namespace: string;
  labels?: Record<string, string>;
  annotation?: string;
}

/** Istio's DefaultProxyConfig + `defaultConfig`, the CRs and the annotation, as the webhook merges them. */
function effective(crs: Record<string, unknown>[], pod: Pod, defaultConfig: ProxyConfig = {}, rootNamespace = ROOT): ProxyConfig {
  const resources = crs.map((object) => readProxyConfigResource(object));
  const selected = selectProxyConfigs(resources, { namespace: pod.namespace, labels: pod.labels ?? {} }, rootNamespace, 'default');
  if (!selected.ok) throw new Error(selected.invalid.message);
  const annotation = pod.annotation === undefined ? undefined : parseProxyConfigAnnotation(pod.annotation);
  if (annotation && !annotation.ok) throw new Error(annotation.error);
  return applyProxyConfigLayers(mergeProxyConfig(defaultProxyConfig(), defaultConfig), annotation?.overlay, selected.layers);
}

/** Istio's expectation: DefaultProxyConfig with the expected fields merged in. */
const expected = (fields: ProxyConfig) => ({ ...defaultProxyConfig(), ...fields });

describe("Istio's TestEffectiveProxyConfig cases", () => {
  it('CR applies to matching namespace', () => {
    const crs = [cr('ns', 'test-ns', { concurrency: 3, image: { imageType: 'debug' } })];
    expect(effective(crs, { namespace: 'test-ns' })).toEqual(expected({ concurrency: 3, image: { imageType: 'debug' } }));
  });

  it('CR takes precedence over meshConfig.defaultConfig', () => {
    const crs = [cr('ns', ROOT, { concurrency: 3 })];
    expect(effective(crs, { namespace: 'bar' }, { concurrency: 2 })).toEqual(expected({ concurrency: 3 }));
  });

  it('workload matching CR takes precedence over namespace matching CR', () => {
    const crs = [cr('workload', 'test-ns', { concurrency: 3 }, { selector: { test: 'selector' } }), cr('ns', 'test-ns', { concurrency: 2 })];
    expect(effective(crs, { namespace: 'test-ns', labels: { test: 'selector' } })).toEqual(expected({ concurrency: 3 }));
  });

  it('matching workload CR takes precedence over annotation', () => {
    const crs = [cr('workload', 'test-ns', { concurrency: 3, image: { imageType: 'debug' } }, { selector: { test: 'selector' } })];
    const pod = { namespace: 'test-ns', labels: { test: 'selector' }, annotation: '{ "concurrency": 5 }' };
    expect(effective(crs, pod)).toEqual(expected({ concurrency: 3, image: { imageType: 'debug' } }));
  });

  it('CR in other namespaces get ignored', () => {
    const crs = [
      cr('ns', 'wrong-ns', { concurrency: 1 }),
      cr('workload', 'wrong-ns', { concurrency: 2 }, { selector: { test: 'selector' } }),
      cr('global', ROOT, { concurrency: 3 }),
    ];
    expect(effective(crs, { namespace: 'test-ns', labels: { test: 'selector' } })).toEqual(expected({ concurrency: 3 }));
  });

  it('multiple matching workload CRs, oldest (here: first) applies', () => {
    const crs = ['A', 'B', 'C'].map((key, i) => cr(`workload-${key}`, 'test-ns', { environmentVariables: { [key]: String(i + 1) } }, { selector: { test: 'selector' } }));
    expect(effective(crs, { namespace: 'test-ns', labels: { test: 'selector' } })).toEqual(expected({ proxyMetadata: { A: '1' } }));
  });

  it('multiple matching namespace CRs, oldest (here: first) applies', () => {
    const crs = ['A', 'B', 'C'].map((key, i) => cr(`workload-${key}`, 'test-ns', { environmentVariables: { [key]: String(i + 1) } }));
    expect(effective(crs, { namespace: 'test-ns' })).toEqual(expected({ proxyMetadata: { A: '1' } }));
  });

  it('no configured CR or default config', () => {
    expect(effective([], { namespace: 'ns' })).toEqual(defaultProxyConfig());
  });
});

describe('precedence (the table in proxy-config-layers.ts)', () => {
  // Each level sets concurrency to its row number; the highest level present wins.
  const LEVELS = {
    root: cr('root', ROOT, { concurrency: 2 }),
    namespace: cr('namespace', 'shop', { concurrency: 3 }),
    workload: cr('workload', 'shop', { concurrency: 5 }, { selector: { app: 'web' } }),
  };
  const TABLE: { name: string; levels: (keyof typeof LEVELS)[]; annotation?: boolean; concurrency: number }[] = [
    { name: 'mesh defaultConfig alone', levels: [], concurrency: 1 },
    { name: 'root namespace over mesh defaultConfig', levels: ['root'], concurrency: 2 },
    { name: "pod's namespace over root namespace", levels: ['root', 'namespace'], concurrency: 3 },
    { name: 'annotation over namespace CRs', levels: ['root', 'namespace'], annotation: true, concurrency: 4 },
    { name: 'workload CR over the annotation', levels: ['root', 'namespace', 'workload'], annotation: true, concurrency: 5 },
    { name: 'workload CR over namespace CRs', levels: ['root', 'namespace', 'workload'], concurrency: 5 },
  ];
  it.each(TABLE.map((row) => [row.name, row] as const))('%s', (_, row) => {
    const pod = { namespace: 'shop', labels: { app: 'web' }, ...(row.annotation ? { annotation: 'concurrency: 4' } : {}) };
    expect(effective(row.levels.map((level) => LEVELS[level]), pod, { concurrency: 1 }).concurrency).toBe(row.concurrency);
  });

  it('merges proxyMetadata key by key across every level, the higher level winning a key', () => {
    const crs = [
      cr('root', ROOT, { environmentVariables: { ROOT: 'r', SHARED: 'root' } }),
      cr('namespace', 'shop', { environmentVariables: { NS: 'n', SHARED: 'namespace' } }),
      cr('workload', 'shop', { environmentVariables: { WL: 'w', SHARED: 'workload' } }, { selector: { app: 'web' } }),
    ];
    const pod = { namespace: 'shop', labels: { app: 'web' }, annotation: 'proxyMetadata: {POD: p, SHARED: annotation}' };
    expect(effective(crs, pod, { proxyMetadata: { MESH: 'm', SHARED: 'mesh' } }).proxyMetadata).toEqual({ MESH: 'm', ROOT: 'r', NS: 'n', POD: 'p', WL: 'w', SHARED: 'workload' });
  });

  it('a level sets only the fields it names: the others stay as the levels below left them', () => {
    const crs = [cr('root', ROOT, { concurrency: 2, image: { imageType: 'distroless' } }), cr('namespace', 'shop', { environmentVariables: { A: '1' } })];
    expect(effective(crs, { namespace: 'shop' })).toMatchObject({ concurrency: 2, image: { imageType: 'distroless' }, proxyMetadata: { A: '1' } });
  });
});

describe('which CRs apply to a pod', () => {
  const layersFor = (crs: Record<string, unknown>[], pod: Pod, rootNamespace = ROOT) => {
    const selected = selectProxyConfigs(crs.map((o) => readProxyConfigResource(o)), { namespace: pod.namespace, labels: pod.labels ?? {} }, rootNamespace, 'default');
    if (!selected.ok) throw new Error(selected.invalid.message);
    const { root, namespace, workload } = selected.layers;
    return { root: root?.name, namespace: namespace?.name, workload: workload?.name };
  };

  it.each([
    ['all selector labels on the pod (the pod has more)', { app: 'web' }, { app: 'web', version: 'v1' }, 'wl'],
    ['a selector label missing on the pod', { app: 'web', tier: 'front' }, { app: 'web' }, undefined],
    ['a selector label with another value', { app: 'web' }, { app: 'api' }, undefined],
    ['an empty-string label value matches only an empty value', { app: '' }, {}, undefined],
  ])('selector subset: %s', (_, selector, labels, workload) => {
    expect(layersFor([cr('wl', 'shop', {}, { selector })], { namespace: 'shop', labels }).workload).toBe(workload);
  });

  it('a selector without labels selects no pod: neither the namespace nor a workload', () => {
    expect(layersFor([cr('empty', 'shop', { concurrency: 9 }, { emptySelector: true })], { namespace: 'shop', labels: { app: 'web' } })).toEqual({});
  });

  it('the first matching CR in input order wins at each level, whatever its name', () => {
    const crs = [cr('z-ns', 'shop', {}), cr('a-ns', 'shop', {}), cr('z-wl', 'shop', {}, { selector: { app: 'web' } }), cr('a-wl', 'shop', {}, { selector: { app: 'web' } })];
    expect(layersFor(crs, { namespace: 'shop', labels: { app: 'web' } })).toEqual({ namespace: 'z-ns', workload: 'z-wl' });
  });

  it('a pod in the root namespace gets its namespace-wide CR once (as the root level) and its workload CRs', () => {
    const crs = [cr('global', ROOT, {}), cr('second', ROOT, {}), cr('gateway', ROOT, {}, { selector: { app: 'gw' } })];
    expect(layersFor(crs, { namespace: ROOT, labels: { app: 'gw' } })).toEqual({ root: 'global', workload: 'gateway' });
  });

  it('workload CRs in the root namespace do not select pods of other namespaces', () => {
    expect(layersFor([cr('gateway', ROOT, {}, { selector: { app: 'web' } })], { namespace: 'shop', labels: { app: 'web' } })).toEqual({});
  });

  it('a CR without metadata.namespace is in the default namespace', () => {
    expect(layersFor([cr('plain', undefined, {})], { namespace: 'default' })).toEqual({ namespace: 'plain' });
    expect(layersFor([cr('plain', undefined, {})], { namespace: 'shop' })).toEqual({});
  });

  it('without a root namespace there is no mesh-wide level', () => {
    expect(layersFor([cr('global', ROOT, {}), cr('ns', 'shop', {})], { namespace: 'shop' }, '')).toEqual({ namespace: 'ns' });
  });

  it('an invalid CR in the root or the pod namespace fails the pod; one elsewhere is ignored', () => {
    const invalid = (namespace: string) => cr('broken', namespace, { concurrency: -1 });
    const select = (namespace: string) => selectProxyConfigs([readProxyConfigResource(invalid(namespace))], { namespace: 'shop', labels: {} }, ROOT, 'default');
    expect(select('shop')).toMatchObject({ ok: false, invalid: { name: 'broken' } });
    expect(select(ROOT)).toMatchObject({ ok: false, invalid: { name: 'broken' } });
    expect(select('other')).toMatchObject({ ok: true, layers: {} });
  });
});

describe('podProxyConfigs (the presets’ step)', () => {
  const input = (crs: Record<string, unknown>[]) => ({
    pod: podOf(),
    workload: DEPLOYMENT,
    config: configOf(),
    podPath: 'spec.template',
    proxyConfigs: crs.map((o) => readProxyConfigResource(o, { path: 'mesh/proxyconfig.yaml', index: 0 })),
  });

  it('names the CRs it applies, lowest precedence first', () => {
    const outcome = podProxyConfigs(input([cr('wl', 'shop', {}, { selector: { app: 'web' } }), cr('global', ROOT, {}), cr('ns', 'shop', {})]), ROOT);
    expect(outcome).toMatchObject({ ok: true, applied: ['istio-system/global', 'shop/ns', 'shop/wl'] });
  });

  it('an invalid CR gives an invalid-proxyconfig error naming the CR and its file', () => {
    const outcome = podProxyConfigs(input([cr('broken', 'shop', { concurrency: -1 })]), ROOT);
    expect(outcome).toMatchObject({ ok: false, result: { severity: 'error', code: 'invalid-proxyconfig' } });
    if (!outcome.ok) expect(outcome.result.message).toContain('shop/broken in mesh/proxyconfig.yaml');
  });
});
