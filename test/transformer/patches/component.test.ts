import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { presetFor, RECORD_ANNOTATION, transformText } from '../../../transformer/index.js';
import { KUSTOMIZATION_FILE, OWNED_MARKER, patchEntries, renderComponent, type DocumentPair } from '../../../transformer/patches/component.js';
import { applyPatch } from '../../../transformer/patches/json-patch.js';
import { defaultTestConfig } from '../../helpers/default-config.js';

const config = defaultTestConfig();

function deployment(name: string, namespace: string | undefined, extra = ''): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
${namespace ? `  namespace: ${namespace}\n` : ''}spec:
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
      annotations:
        prometheus.io/scrape: "true"
        prometheus.io/port: "9090"${extra}
    spec:
      containers:
      - name: web
        image: nginx
        readinessProbe:
          httpGet:
            path: /ready
            port: 8080
`;
}

function injected(text: string): DocumentPair {
  const outcome = transformText(text, { mode: 'inject', config, preset: presetFor(config) });
  expect(outcome.results.filter((r) => r.severity === 'error')).toEqual([]);
  return { before: text, after: outcome.text };
}

const data = (text: string) => parse(text, { version: '1.1' });

function withoutRecord(object: any): any {
  delete object.spec.template.metadata.annotations[RECORD_ANNOTATION];
  return object;
}

describe('patchEntries', () => {
  it('gives the injected object without its record when applied to the original', () => {
    const pair = injected(deployment('web', 'shop'));
    const [entry, ...rest] = patchEntries([pair]);
    expect(rest).toEqual([]);
    expect(entry!.file).toBe('deployment-shop-web.yaml');
    expect(entry!.target).toEqual({ group: 'apps', version: 'v1', kind: 'Deployment', name: 'web', namespace: 'shop' });
    expect(applyPatch(data(pair.before), entry!.ops)).toEqual(withoutRecord(data(pair.after)));
    expect(entry!.ops.some((op) => op.path.includes('mesh-inject.dev~1injected'))).toBe(false);
    // Prometheus merge and probe rewrite are replacements at escaped paths.
    expect(entry!.ops).toContainEqual(expect.objectContaining({ op: 'replace', path: '/spec/template/metadata/annotations/prometheus.io~1port' }));
    expect(entry!.ops).toContainEqual(expect.objectContaining({ op: 'replace', path: '/spec/template/spec/containers/0/readinessProbe/httpGet/path' }));
  });

  it('leaves a record the input already carries as it is', () => {
    const once = injected(deployment('web', 'shop')).after;
    const record = (data(once) as any).spec.template.metadata.annotations[RECORD_ANNOTATION];
    const bumped = transformText(once, { mode: 'inject', config: defaultTestConfig({ istio: { tag: 'newer' } }), preset: presetFor(defaultTestConfig({ istio: { tag: 'newer' } })) });
    const [entry] = patchEntries([{ before: once, after: bumped.text }]);
    expect(entry!.ops.length).toBeGreaterThan(0);
    expect(entry!.ops.some((op) => op.path.includes('mesh-inject.dev~1injected'))).toBe(false);
    expect((applyPatch(data(once), entry!.ops) as any).spec.template.metadata.annotations[RECORD_ANNOTATION]).toBe(record);
  });

  it('names files <kind>-<namespace>-<name>.yaml, lowercased and sorted, a taken name suffixed', () => {
    const crd = deployment('a-b', undefined).replace('apps/v1', 'example.com/v1').replace('kind: Deployment', 'kind: Deployment');
    const pairs = [
      injected(deployment('zeta', 'shop')),
      injected(deployment('web', undefined)),
      injected(deployment('b', 'a')),
      { before: crd, after: crd.replace('app: a-b\n  template', 'app: a-b\n  paused: true\n  template') },
      injected(deployment('alpha', 'Shop')),
    ];
    const entries = patchEntries(pairs, [], 'any');
    expect(entries.map((e) => e.file)).toEqual(['deployment-a-b.yaml', 'deployment-a-b-2.yaml', 'deployment-shop-alpha.yaml', 'deployment-shop-zeta.yaml', 'deployment-web.yaml']);
    expect(entries.find((e) => e.file === 'deployment-web.yaml')!.target).not.toHaveProperty('namespace');
    expect(entries.map((e) => e.target.group)).toEqual(['apps', 'example.com', 'apps', 'apps', 'apps']);
  });

  it('pins an object without a namespace to kustomize\'s default namespace (a stream), so its patch selects it alone', () => {
    const entries = patchEntries([injected(deployment('web', undefined)), injected(deployment('web', 'shop'))]);
    expect(entries.map((e) => [e.file, e.target.namespace])).toEqual([['deployment-default-web.yaml', 'default'], ['deployment-shop-web.yaml', 'shop']]);
  });

  it('leaves a file\'s object without a namespace free, unless the same name is in some namespace of the input', () => {
    const alone = patchEntries([injected(deployment('web', undefined)), injected(deployment('api', 'shop'))], [], 'any');
    expect(alone.find((e) => e.target.name === 'web')!.target).not.toHaveProperty('namespace');
    // the namespaced one is not even changed: its name still counts
    const unchanged = deployment('web', 'shop');
    const shared = patchEntries([injected(deployment('web', undefined)), { before: unchanged, after: unchanged }], [], 'any');
    expect(shared.map((e) => [e.file, e.target.namespace])).toEqual([['deployment-default-web.yaml', 'default']]);
  });

  it('patches each item of a kind: List as its own object', () => {
    const item = (d: string) => d.trimEnd().split('\n').map((line, i) => (i === 0 ? '- ' : '  ') + line).join('\n') + '\n';
    const list = `apiVersion: v1\nkind: List\nitems:\n${item(deployment('one', 'shop'))}${item(deployment('two', 'shop'))}`;
    const pair = injected(list);
    expect(patchEntries([pair]).map((e) => e.file)).toEqual(['deployment-shop-one.yaml', 'deployment-shop-two.yaml']);
  });

  it('works the same for mesh: none with a custom sidecar', () => {
    const custom = defaultTestConfig({
      mesh: 'none',
      sidecars: [{ name: 'log', selector: {}, containers: [{ name: 'log-agent', image: 'fluent-bit:3' }], initContainers: [], volumes: [], annotations: { 'example.com/logs': 'on' }, labels: {}, native: true }],
    });
    const text = deployment('web', 'shop');
    const outcome = transformText(text, { mode: 'inject', config: custom, preset: presetFor(custom) });
    expect(outcome.results.filter((r) => r.severity === 'error')).toEqual([]);
    const [entry] = patchEntries([{ before: text, after: outcome.text }]);
    expect(applyPatch(data(text), entry!.ops)).toEqual(withoutRecord(data(outcome.text)));
    expect(entry!.ops).toContainEqual(expect.objectContaining({ op: 'add', path: '/spec/template/metadata/annotations/example.com~1logs', value: 'on' }));
  });

  it('gives nothing for documents the pipeline left alone', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n';
    expect(patchEntries([{ before: text, after: text }])).toEqual([]);
  });
});

describe('renderComponent', () => {
  it('writes a Component listing every patch, each file marked as generated, ops reading back exactly', () => {
    const pairs = [injected(deployment('web', 'shop')), injected(deployment('api', 'shop'))];
    const entries = patchEntries(pairs);
    const files = renderComponent(entries);
    expect([...files.keys()]).toEqual([KUSTOMIZATION_FILE, 'deployment-shop-api.yaml', 'deployment-shop-web.yaml']);
    for (const text of files.values()) expect(text.startsWith(OWNED_MARKER)).toBe(true);
    const kustomization = data(files.get(KUSTOMIZATION_FILE)!);
    expect(kustomization).toMatchObject({ apiVersion: 'kustomize.config.k8s.io/v1alpha1', kind: 'Component' });
    expect(kustomization.patches).toEqual(entries.map((e) => ({ path: e.file, target: e.target })));
    // kustomize matches targets as regular expressions: a dot matches only a dot.
    const dotted = renderComponent(patchEntries([injected(deployment('web.v1', 'shop'))])).get(KUSTOMIZATION_FILE)!;
    expect(data(dotted).patches[0].target).toEqual({ group: 'apps', version: 'v1', kind: 'Deployment', name: 'web\\.v1', namespace: 'shop' });
    // Read back with YAML 1.1 rules (kustomize's): "15020", "*", "" stay strings.
    for (const entry of entries) expect(parseAllDocuments(files.get(entry.file)!, { version: '1.1' })[0]!.toJS()).toEqual(entry.ops);
  });

  it('writes an empty Component when nothing is injected', () => {
    const files = renderComponent([]);
    expect([...files.keys()]).toEqual([KUSTOMIZATION_FILE]);
    expect(data(files.get(KUSTOMIZATION_FILE)!).patches).toEqual([]);
  });
});
