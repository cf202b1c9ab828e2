/**
 * Regression tests for what a tester saw: layouts that broke edits, and an undo record that
 * steered `inject` and `uninject` into changing the user's own content.
 */
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { presetFor, transformResourceList, transformText, type InjectConfig, type Mode } from '../../../transformer/index.js';
import { transformKustomizeStream } from '../../../plugin/kustomize-stream.js';
import { defaultTestConfig } from '../../helpers/default-config.js';
import { sidecarsOnlyConfig } from '../../helpers/configs.js';
import { editRecord } from './tamper.js';

const config: InjectConfig = defaultTestConfig({ namespaces: { inject: ['*'], skip: [] } });

function run(text: string, mode: Mode = 'inject') {
  return transformText(text, { mode, config, preset: presetFor(config), path: 'app.yaml' });
}

function codes(outcome: { results: Array<{ severity: string; code: string }> }): string[] {
  return outcome.results.filter((r) => r.severity === 'error').map((r) => r.code);
}

function parses(text: string): boolean {
  return parseAllDocuments(text).every((d) => d.errors.length === 0);
}

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports:
        - containerPort: 8080
        readinessProbe:
          httpGet:
            path: /ready
            port: 8080
`;

describe('layouts that broke edits', () => {
  it('injects a JSON-style Deployment as JSON, and re-injects and uninjects it', () => {
    const json = JSON.stringify(parseAllDocuments(deployment)[0]!.toJS(), null, 4) + '\n';
    const injected = run(json);
    expect(codes(injected)).toEqual([]);
    expect(injected.changed).toBe(true);
    expect(parses(injected.text)).toBe(true);
    expect(run(injected.text).text).toBe(injected.text);
    expect(run(injected.text, 'uninject').text).toBe(json);
  });

  for (const handler of ['tcpSocket:\n            port: 8080', 'grpc:\n            port: 9090']) {
    it(`re-injects a key-sorted manifest whose probe handler (${handler.split(':')[0]}) is a container's last key`, () => {
      const sorted = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
      - image: api:1
        name: api
        readinessProbe:
          ${handler}
`;
      const injected = run(sorted);
      expect(codes(injected)).toEqual([]);
      expect(run(injected.text).text).toBe(injected.text);
      const undone = run(injected.text, 'uninject');
      expect(codes(undone)).toEqual([]);
      expect(undone.text).toBe(sorted);
    });
  }
});

describe('a crafted or damaged record', () => {
  const injected = run(deployment).text;

  const swapImage = editRecord(injected, (r) => {
    r.replaced = [...(r.replaced ?? []), { path: ['spec', 'containers', { name: 'web' }, 'image'], text: 'image: evil.example/miner:1\n', column: 8 }];
  });
  const addPrivileged = editRecord(injected, (r) => {
    r.removed = [...(r.removed ?? []), { path: ['spec', 'containers', { name: 'web' }, 'securityContext'], text: '        securityContext:\n          privileged: true\n', before: null, gap: 0 }];
  });
  const deleteUserContainer = editRecord(injected, (r) => {
    r.added = [...(r.added ?? []), ['spec', 'containers', [{ name: 'web' }]]];
  });
  const secondDocument = editRecord(injected, (r) => {
    r.replaced = [...(r.replaced ?? []), { path: ['spec', 'containers', { name: 'web' }, 'image'], text: 'image: nginx:1.27\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\n', column: 8 }];
  });

  const cases: Array<[string, string, string]> = [
    ['swaps the app image', swapImage, 'record-untrusted'],
    ['adds privileged: true to the app container', addPrivileged, 'record-untrusted'],
    ['deletes the user container', deleteUserContainer, 'record-untrusted'],
    ['writes a second document', secondDocument, 'invalid-record'],
  ];
  for (const [what, text, code] of cases) {
    for (const mode of ['inject', 'uninject'] as const) {
      it(`is refused when it ${what} (${mode}), leaving the file as it is`, () => {
        const outcome = run(text, mode);
        expect(codes(outcome)).toContain(code);
        expect(outcome.text).toBe(text);
        expect(outcome.changed).toBe(false);
      });
    }
  }

  it('is refused through the KRM function, which then changes no item', () => {
    const list = `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n${swapImage.replace(/^/gm, '  ').replace(/^  apiVersion: apps/m, '- apiVersion: apps')}`;
    const outcome = transformResourceList(list, { mode: 'inject', resolveConfig: () => ({ config, results: [] }), presetFor });
    expect(outcome.results.filter((r) => r.severity === 'error').map((r) => r.code)).toContain('record-untrusted');
    const item = (parseAllDocuments(outcome.text)[0]!.toJS() as { items: Array<{ spec: { template: { spec: { containers: Array<{ name: string; image: string }> } } } }> }).items[0]!;
    expect(item.spec.template.spec.containers.map((c) => [c.name, c.image])).toContainEqual(['web', 'nginx:1.27']);
    expect(JSON.stringify(item)).toBe(JSON.stringify((parseAllDocuments(list)[0]!.toJS() as { items: unknown[] }).items[0]));
  });

  it('is refused through the kustomize plugin stream', () => {
    const outcome = transformKustomizeStream(deleteUserContainer, config, 'uninject');
    expect(outcome.results.filter((r) => r.severity === 'error').map((r) => r.code)).toContain('record-untrusted');
    expect(outcome.text).toBe(deleteUserContainer);
  });
});

describe('hand edits inside an injected region', () => {
  it('refuses (never drops) a label added by hand to labels the injection re-rendered', () => {
    const injected = run(deployment).text;
    expect(injected).toMatch(/labels:\n {8}app: web\n {8}security\.istio\.io\/tlsMode: istio/);
    const edited = injected.replace(/(labels:\n {8}app: web\n)/, '$1        team: payments\n');
    const expected = { inject: ['injected-content-edited', 'spec.template.metadata.labels'], uninject: ['record-untrusted', 'spec.template.metadata.labels.team'] };
    for (const mode of ['inject', 'uninject'] as const) {
      const outcome = run(edited, mode);
      const errors = outcome.results.filter((r) => r.severity === 'error');
      expect(errors.map((r) => [r.code, r.field?.path]), mode).toEqual([expected[mode]]);
      expect(outcome.text).toBe(edited);
    }
  });
});

describe('hand edits of what mesh-inject injected', () => {
  it('are refused by inject (which would regenerate them away) and discarded by uninject', () => {
    const injected = run(deployment).text;
    const edited = injected.replace(/(- name: istio-proxy\n(?:.*\n)*? {10}limits:\n {12}cpu: )"2"/, '$1"4"');
    expect(edited).not.toBe(injected);
    const outcome = run(edited);
    expect(codes(outcome)).toEqual(['injected-content-edited']);
    expect(outcome.text).toBe(edited);
    expect(run(edited, 'uninject').text).toBe(deployment);
  });

  it('are no hand edits when kustomize or kpt only re-serialise the file (the digests are taken on data)', () => {
    const injected = run(deployment).text;
    const reserialised = injected.replace(/^( +)image: (\S*proxyv2\S*)$/gm, '$1image: "$2"');
    expect(reserialised).not.toBe(injected);
    expect(codes(run(reserialised))).toEqual([]);
  });
});

describe('a custom sidecar removed from the config', () => {
  const withSidecar = sidecarsOnlyConfig();
  const logging = withSidecar.sidecars.filter((s) => s.name === 'logging');
  const active: InjectConfig = { ...withSidecar, sidecars: logging };
  const removed: InjectConfig = { ...withSidecar, sidecars: [] };
  const retired: InjectConfig = { ...withSidecar, sidecars: logging.map((s) => ({ ...s, retired: true })) };
  const runWith = (text: string, c: InjectConfig, mode: Mode = 'inject') => transformText(text, { mode, config: c, preset: presetFor(c), path: 'app.yaml' });

  it('is refused when its entry is simply deleted (the record then names a container nothing owns)', () => {
    const injected = runWith(deployment, active).text;
    const outcome = runWith(injected, removed);
    expect(codes(outcome)).toEqual(['record-untrusted']);
    expect(outcome.text).toBe(injected);
  });

  it('is removed by inject while its entry stays as `retired: true`, which injects nothing new', () => {
    const injected = runWith(deployment, active).text;
    expect(injected).toContain('fluent-bit');
    const outcome = runWith(injected, retired);
    expect(codes(outcome)).toEqual([]);
    expect(outcome.text).toBe(deployment);
    expect(runWith(deployment, retired).text).toBe(deployment);
  });
});
