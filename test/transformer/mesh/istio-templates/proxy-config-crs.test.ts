/**
 * ProxyConfig CRs through the engine: the built-in preset and template mode (Istio's own sidecar
 * template) give the pod the same CR-driven settings, the CRs pass through unchanged, and an
 * invalid CR stops the file and the pods it could configure.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { InjectConfig } from '../../../../transformer/inject-config.js';
import { clusterContextFromText, presetFor, transformText } from '../../../../transformer/index.js';
import type { Container } from '../../../../transformer/kube/objects.js';
import { defaultTestConfig } from '../../../helpers/default-config.js';
import { ISTIO_CORPUS } from '../../../helpers/shared-data.js';
import { clusterInputsFor } from './corpus-inputs.js';

const ROOT_CR = `apiVersion: networking.istio.io/v1beta1
kind: ProxyConfig
metadata:
  name: mesh-wide
  namespace: istio-system
spec:
  concurrency: 2
  environmentVariables:
    ROOT_ONLY: root
    SHARED: root
`;

const WORKLOAD_CR = `apiVersion: networking.istio.io/v1beta1
kind: ProxyConfig
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels:
      app: web
  environmentVariables:
    SHARED: web
  image:
    imageType: distroless
`;

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: web:1
`;

const builtIn = defaultTestConfig();
/** Istio's own templates come from the conformance data; without it the template-mode tests skip. */
const templates: InjectConfig | undefined = ISTIO_CORPUS.found ? { ...builtIn, istio: { ...builtIn.istio, cluster: clusterInputsFor('configs/default') } } : undefined;

function inject(text: string, config: InjectConfig) {
  return transformText(text, { mode: 'inject', config, preset: presetFor(config), cluster: clusterContextFromText(text, undefined, 'app.yaml'), path: 'app.yaml', verify: true });
}

function proxyOf(text: string): Container {
  const docs = text.split(/^---\n/m).map((d) => parse(d) as { kind: string; spec: { template: { spec: { containers: Container[]; initContainers?: Container[] } } } });
  const pod = docs.find((d) => d.kind === 'Deployment')!.spec.template.spec;
  return [...pod.containers, ...(pod.initContainers ?? [])].find((c) => c.name === 'istio-proxy')!;
}

const env = (c: Container, name: string) => c.env?.find((e) => e.name === name)?.value;

for (const [label, maybeConfig] of [['built-in preset', builtIn], ['template mode', templates]] as const) {
  describe.skipIf(maybeConfig === undefined)(`ProxyConfig CRs with the ${label}`, () => {
    const config = maybeConfig!;
    const text = `${ROOT_CR}---\n${WORKLOAD_CR}---\n${DEPLOYMENT}`;

    it('shape the proxy: PROXY_CONFIG, proxyMetadata env by key, the image type', () => {
      const out = inject(text, config);
      expect(out.results.filter((r) => r.severity !== 'info')).toEqual([]);
      const proxy = proxyOf(out.text);
      expect(JSON.parse(env(proxy, 'PROXY_CONFIG')!)).toEqual({ concurrency: 2, proxyMetadata: { ROOT_ONLY: 'root', SHARED: 'web' }, image: { imageType: 'distroless' } });
      expect(env(proxy, 'ROOT_ONLY')).toBe('root');
      expect(env(proxy, 'SHARED')).toBe('web');
      expect(proxy.image).toBe('registry.istio.io/testing/proxyv2:latest-distroless');
    });

    it('are reported per workload and pass through unchanged', () => {
      const out = inject(text, config);
      expect(out.workloads).toMatchObject([{ action: 'injected', proxyConfigs: ['istio-system/mesh-wide', 'shop/web'] }]);
      expect(out.text.startsWith(`${ROOT_CR}---\n${WORKLOAD_CR}---\n`)).toBe(true);
    });

    it('do not reach a pod in another namespace or without the selected labels', () => {
      const other = inject(`${WORKLOAD_CR}---\n${DEPLOYMENT.replace('app: web', 'app: api')}`, config);
      expect(env(proxyOf(other.text), 'PROXY_CONFIG')).toBe('{}\n');
      expect(other.workloads[0]!.proxyConfigs).toBeUndefined();
    });

    it('an invalid CR is an error at its field, and neither it nor the pods it could configure change', () => {
      const broken = WORKLOAD_CR.replace('SHARED: web', 'SHARED: 1');
      const out = inject(`${broken}---\n${DEPLOYMENT}`, config);
      expect(out.changed).toBe(false);
      expect(out.results.filter((r) => r.severity === 'error')).toMatchObject([
        { code: 'invalid-proxyconfig', resourceRef: { kind: 'ProxyConfig', name: 'web', namespace: 'shop' }, field: { path: 'spec.environmentVariables.SHARED' }, file: { path: 'app.yaml', index: 0, line: 11 } },
        { code: 'invalid-proxyconfig', resourceRef: { kind: 'Deployment', name: 'web' } },
      ]);
      expect(out.workloads).toMatchObject([{ action: 'error', code: 'invalid-proxyconfig' }]);
    });
  });
}

describe('ProxyConfig CRs, whichever preset', () => {
  it.skipIf(templates === undefined)('both presets give the pod the same CR-driven settings', () => {
    const text = `${ROOT_CR}---\n${WORKLOAD_CR}---\n${DEPLOYMENT}`;
    const [a, b] = [builtIn, templates!].map((config) => proxyOf(inject(text, config).text));
    for (const name of ['PROXY_CONFIG', 'ROOT_ONLY', 'SHARED']) {
      expect(env(a!, name), name).toBeDefined();
      expect(env(a!, name), name).toBe(env(b!, name));
    }
    expect(a!.image).toBe(b!.image);
  });

  it('an invalid CR is not checked when nothing is injected (uninject, mesh: none)', () => {
    const text = `${ROOT_CR.replace('concurrency: 2', 'concurrency: -2')}---\n${DEPLOYMENT}`;
    const none = { ...builtIn, mesh: 'none' as const };
    expect(transformText(text, { mode: 'inject', config: none, preset: presetFor(none), cluster: clusterContextFromText(text) }).results.filter((r) => r.severity === 'error')).toEqual([]);
    expect(transformText(text, { mode: 'uninject', config: builtIn, preset: presetFor(builtIn), cluster: clusterContextFromText(text) }).results.filter((r) => r.severity === 'error')).toEqual([]);
  });
});
