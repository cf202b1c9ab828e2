/**
 * The pure `linkerd inject` / `linkerd uninject` stream semantics, with a stand-in pod injection
 * (the real one is the Linkerd preset; its output is checked by test/conformance/linkerd.test.ts).
 */
import { formatGoDuration, parseGoDuration } from '../../../transformer/gotemplate/go-duration.js';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  applyInjectFlags, linkerdInject, linkerdUninject, overrideAnnotations,
  type LinkerdInjectOptions, type LinkerdPodInjector,
} from '../../../transformer/linkerd-inject/index.js';
import { defaultLinkerdValues, type LinkerdValues } from '../../../transformer/mesh/linkerd/index.js';

const values = (ingress = false): LinkerdValues => {
  const v = defaultLinkerdValues({ identityTrustAnchorsPEM: 'anchors' });
  v.proxy.isIngress = ingress;
  return v;
};

/** Marks the pod as injected: a `linkerd-proxy` container and the created-by annotation. */
const fakeInjector: LinkerdPodInjector = ({ pod, createdBy, cliAnnotations }) => ({
  pod: {
    metadata: { ...pod.metadata, annotations: { ...pod.metadata.annotations, ...cliAnnotations, 'linkerd.io/created-by': createdBy } },
    spec: { ...pod.spec, containers: [{ name: 'linkerd-proxy', image: 'cr.l5d.io/linkerd/proxy:x' }, ...(pod.spec.containers ?? [])] },
  },
  results: [],
});

const options = (over: Partial<LinkerdInjectOptions> = {}): LinkerdInjectOptions => ({
  mode: 'uninject-then-inject',
  values: values(),
  overrides: {},
  manual: true,
  enableDebugSidecar: false,
  allowNsInject: true,
  createdBy: 'mesh-inject test',
  injectPod: fakeInjector,
  verbose: false,
  ...over,
});

const pod = (name: string, extra = '') => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n  - name: app\n    image: app\n${extra}`;
const docs = (text: string) => parseAllDocuments(text).map((d) => d.toJS() as Record<string, any> | null);

describe('linkerdInject', () => {
  it('injects each document, writes --- after each, and reports each resource', () => {
    const out = linkerdInject([`${pod('a')}---\n${pod('b')}`], options());
    expect(out.exitCode).toBe(0);
    expect(out.stdout.match(/^---$/gm)).toHaveLength(2);
    expect(docs(out.stdout).slice(0, 2).map((d) => d!.spec.containers[0].name)).toEqual(['linkerd-proxy', 'linkerd-proxy']);
    expect(out.stderr).toBe('\npod "a" injected\npod "b" injected\n\n');
  });

  it('uninjects first, so injecting its own output again gives the same output', () => {
    const once = linkerdInject([pod('a')], options());
    const twice = linkerdInject([once.stdout], options());
    expect(twice.stdout).toBe(once.stdout);
  });

  it('injects the items of a kind: List and reports them', () => {
    const list = `apiVersion: v1\nkind: List\nitems:\n- ${pod('a').replaceAll('\n', '\n  ').trimEnd()}\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: c}\n`;
    const out = linkerdInject([list], options());
    expect(out.exitCode).toBe(0);
    const [doc] = docs(out.stdout);
    expect(doc!.kind).toBe('List');
    expect(doc!.items[0].spec.containers[0].name).toBe('linkerd-proxy');
    expect(doc!.items[1]).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } });
    expect(out.stderr).toBe('\npod "a" injected\nconfigmap "c" skipped\n\n');
  });

  it('drops the linkerd.io/inject: ingress override after the first manual injection, as Linkerd does', () => {
    const out = linkerdInject([`${pod('a')}---\n${pod('b')}`], options({ values: values(true), overrides: { 'linkerd.io/inject': 'ingress' } }));
    const [a, b] = docs(out.stdout);
    expect(a!.metadata.annotations['linkerd.io/inject']).toBe('ingress');
    expect(b!.metadata.annotations['linkerd.io/inject']).toBeUndefined();
  });

  it('without --manual only annotates (enabled, or nothing in ingress mode)', () => {
    const enabled = linkerdInject([pod('a')], options({ manual: false }));
    expect(docs(enabled.stdout)[0]!.metadata.annotations).toEqual({ 'linkerd.io/inject': 'enabled' });
    const ingress = linkerdInject([pod('a')], options({ manual: false, values: values(true), overrides: { 'linkerd.io/inject': 'ingress' } }));
    expect(docs(ingress.stdout)[0]!.metadata.annotations).toEqual({ 'linkerd.io/inject': 'ingress' });
  });

  it('skips a pod annotated linkerd.io/inject: disabled, copying it as it is', () => {
    const disabled = pod('a').replace('  name: a\n', '  name: a\n  annotations:\n    linkerd.io/inject: disabled\n');
    const out = linkerdInject([disabled], options({ mode: 'inject-only' }));
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toBe(`${disabled}---\n`);
    expect(out.stderr).toBe('\n\u203c "linkerd.io/inject: disabled" annotation set on pod/a\n\npod "a" skipped\n\n');
  });

  it('warns about UDP ports (uses / use) but injects', () => {
    const udp = (name: string) => `${pod(name)}    ports:\n    - containerPort: 53\n      protocol: UDP\n`;
    const one = linkerdInject([udp('a')], options({ mode: 'inject-only' }));
    expect(one.exitCode).toBe(0);
    expect(one.stderr).toBe('\n\u203c pod/a uses "protocol: UDP"\n\npod "a" injected\n\n');
    const two = linkerdInject([`${udp('a')}---\n${udp('b')}`], options({ mode: 'inject-only' }));
    expect(two.stderr).toContain('pod/a, pod/b use "protocol: UDP"');
  });

  it('names a document without a kind in the report', () => {
    const out = linkerdInject(['foo: bar\n'], options());
    expect(out.stderr).toBe('\n\u203c no supported objects found\n\ndocument missing "kind" field, skipped\n\n');
  });

  it('fails the run on a bad document separator, writing nothing', () => {
    const out = linkerdInject([`${pod('a')}--- x\n${pod('b')}`], options());
    expect(out.exitCode).toBe(1);
    expect(out.stdout).toBe('');
    expect(out.stderr).toBe('Error transforming resources:\ninvalid Yaml document separator: x');
  });

  it('inject-only gives one report per input, after the output of the inputs before it', () => {
    const out = linkerdInject([pod('a'), pod('b')], options({ mode: 'inject-only' }));
    expect(out.stderr).toBe('\npod "a" injected\n\n\npod "b" injected\n\n');
  });

  it('the preset\'s error results fail the run with their messages', () => {
    const refusing: LinkerdPodInjector = () => ({ pod: null, results: [{ severity: 'error', code: 'invalid-annotation', message: 'bad value' }] });
    const out = linkerdInject([pod('a')], options({ injectPod: refusing }));
    expect(out.exitCode).toBe(1);
    expect(out.stderr).toBe('Error transforming resources:\nbad value');
  });
});

describe('linkerdUninject', () => {
  it('removes the proxy, the init container, their volumes and linkerd.io metadata, keeping inject: disabled and config annotations', () => {
    const injected = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  annotations:\n    linkerd.io/created-by: x\n    config.linkerd.io/admin-port: "1"\n  labels:\n    linkerd.io/control-plane-ns: linkerd\n    app: a\nspec:\n  initContainers:\n  - name: linkerd-init\n    image: i\n  containers:\n  - name: linkerd-proxy\n    image: p\n  - name: app\n    image: app\n  volumes:\n  - name: linkerd-identity-end-entity\n    emptyDir: {}\n  - name: data\n    emptyDir: {}\n`;
    const out = linkerdUninject([injected]);
    expect(out.exitCode).toBe(0);
    const [doc] = docs(out.stdout);
    expect(doc).toEqual({
      apiVersion: 'v1', kind: 'Pod',
      metadata: { name: 'a', annotations: { 'config.linkerd.io/admin-port': '1' }, labels: { app: 'a' } },
      spec: { containers: [{ name: 'app', image: 'app' }], volumes: [{ name: 'data', emptyDir: {} }] },
    });
    expect(out.stderr).toBe('\npod "a" uninjected\n\n');
  });
});

describe('flags and override annotations', () => {
  it('rounds CPU flags up to whole cores for the proxy workers', () => {
    const out = applyInjectFlags(values(), { proxyCpuRequest: '110m', proxyCpuLimit: '1500m' });
    expect([out.proxy.runtime.workers.minimum, out.proxy.runtime.workers.maximum]).toEqual([1, 2]);
  });

  it('--registry moves the proxy and debug images to it, which then differ from the values (override annotations)', () => {
    const base = values();
    const out = applyInjectFlags(base, { registry: 'registry.example.com/mirror' });
    expect(out.proxy.image.name).toBe('registry.example.com/mirror/proxy');
    expect(overrideAnnotations(out, base)).toEqual({
      'config.linkerd.io/proxy-image': 'registry.example.com/mirror/proxy',
      'config.linkerd.io/debug-image': 'registry.example.com/mirror/debug',
    });
  });

  it('writes a group id only when one is set', () => {
    expect(overrideAnnotations({ proxy: { gid: -1 } }, { proxy: { gid: -1 } })).toEqual({});
    expect(overrideAnnotations({ proxy: { gid: 5 } }, { proxy: { gid: -1 } })).toEqual({ 'config.linkerd.io/proxy-gid': '5' });
  });

  it('prints close-wait durations as Go does', () => {
    expect(['90s', '1h', '1m30s', '500ms', '0'].map((d) => formatGoDuration(BigInt((parseGoDuration(d) as { nanos: number }).nanos)))).toEqual(['1m30s', '1h0m0s', '1m30s', '500ms', '0s']);
    expect(parseGoDuration('5 minutes')).toEqual({ error: 'time: unknown unit " minutes" in duration "5 minutes"' });
  });
});
