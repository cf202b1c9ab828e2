import { describe, expect, it } from 'vitest';
import { POD_SCHEMA, strategicMerge, StrategicMergeError, UNTYPED_SCHEMA, type PatchSchema } from '../../../../transformer/kube/strategic-merge/index.js';
import { runCase, type MergeCase } from './run-case.js';

const mapCases: MergeCase[] = [
  {
    name: 'maps merge recursively (SMP background: "JSON objects are always merged")',
    original: 'metadata: {labels: {app: web}, annotations: {a: "1"}}',
    patch: 'metadata: {labels: {security.istio.io/tlsMode: istio}}',
    expected: 'metadata: {labels: {app: web, security.istio.io/tlsMode: istio}, annotations: {a: "1"}}',
  },
  {
    name: 'a scalar in the patch replaces the original scalar',
    original: 'spec: {dnsPolicy: Default, hostNetwork: false}',
    patch: 'spec: {dnsPolicy: ClusterFirst}',
    expected: 'spec: {dnsPolicy: ClusterFirst, hostNetwork: false}',
  },
  {
    name: 'key: null deletes the field ("rollingUpdate: null" deletes the map)',
    original: 'metadata: {labels: {app: web, tier: db}}\nspec: {securityContext: {runAsUser: 1}}',
    patch: 'metadata: {labels: {tier: null}}\nspec: {securityContext: null}',
    expected: 'metadata: {labels: {app: web}}\nspec: {}',
  },
  {
    name: 'a null for a field the original lacks is ignored (apimachinery IgnoreUnmatchedNulls)',
    original: 'spec: {hostname: a}',
    patch: 'spec: {subdomain: null}',
    expected: 'spec: {hostname: a}',
  },
  {
    name: 'nulls inside a value the original lacks are dropped (discardNullValuesFromPatch)',
    original: 'spec: {containers: [{name: app}]}',
    patch: 'spec: {containers: [{name: app, securityContext: {runAsUser: null, runAsGroup: 1337}}, {name: side, image: null}]}',
    expected: 'spec: {containers: [{name: app, securityContext: {runAsGroup: 1337}}, {name: side}]}',
  },
  {
    name: 'a value of another kind replaces the original (map over a string)',
    original: 'spec: {nodeSelector: oops}',
    patch: 'spec: {nodeSelector: {disk: ssd}}',
    expected: 'spec: {nodeSelector: {disk: ssd}}',
  },
];

const listCases: MergeCase[] = [
  {
    name: 'lists without a patch strategy are replaced (container args)',
    original: 'spec: {containers: [{name: app, args: [a, b]}]}',
    patch: 'spec: {containers: [{name: app, args: [c]}]}',
    expected: 'spec: {containers: [{name: app, args: [c]}]}',
  },
  {
    name: 'tolerations have no patch strategy: replaced although they hold maps',
    original: 'spec: {tolerations: [{key: a, operator: Exists}]}',
    patch: 'spec: {tolerations: [{key: b, operator: Exists}]}',
    expected: 'spec: {tolerations: [{key: b, operator: Exists}]}',
  },
  {
    name: 'containers merge by name (SMP background: "merge together based on the name field")',
    original: 'spec: {containers: [{name: nginx, image: nginx-1.0}]}',
    patch: 'spec: {containers: [{name: log-tailer, image: log-tailer-1.0}, {name: nginx, imagePullPolicy: Always}]}',
    expected: 'spec: {containers: [{name: log-tailer, image: log-tailer-1.0}, {name: nginx, image: nginx-1.0, imagePullPolicy: Always}]}',
  },
  {
    name: 'env merges by name and volumeMounts by mountPath inside a matched container',
    original: 'spec: {containers: [{name: app, env: [{name: A, value: "1"}], volumeMounts: [{mountPath: /data, name: data}]}]}',
    patch: 'spec: {containers: [{name: app, env: [{name: A, value: "2"}, {name: B, value: "3"}], volumeMounts: [{mountPath: /data, readOnly: true}]}]}',
    expected:
      'spec: {containers: [{name: app, env: [{name: A, value: "2"}, {name: B, value: "3"}], volumeMounts: [{mountPath: /data, name: data, readOnly: true}]}]}',
  },
  {
    name: 'ports merge by containerPort, volumeDevices by devicePath',
    original: 'spec: {initContainers: [{name: i, ports: [{containerPort: 80, name: http}], volumeDevices: [{devicePath: /dev/a, name: a}]}]}',
    patch: 'spec: {initContainers: [{name: i, ports: [{containerPort: 80, protocol: TCP}], volumeDevices: [{devicePath: /dev/a, name: b}]}]}',
    expected: 'spec: {initContainers: [{name: i, ports: [{containerPort: 80, name: http, protocol: TCP}], volumeDevices: [{devicePath: /dev/a, name: b}]}]}',
  },
  {
    name: 'imagePullSecrets by name, hostAliases by ip, topologySpreadConstraints by topologyKey, schedulingGates by name',
    original: `
spec:
  imagePullSecrets: [{name: a}]
  hostAliases: [{ip: 10.0.0.1, hostnames: [x]}]
  topologySpreadConstraints: [{topologyKey: zone, maxSkew: 1}]
  schedulingGates: [{name: g1}]`,
    patch: `
spec:
  imagePullSecrets: [{name: a}, {name: b}]
  hostAliases: [{ip: 10.0.0.1, hostnames: [y]}]
  topologySpreadConstraints: [{topologyKey: zone, maxSkew: 2}]
  schedulingGates: [{name: g2}]`,
    expected: `
spec:
  imagePullSecrets: [{name: a}, {name: b}]
  hostAliases: [{ip: 10.0.0.1, hostnames: [y]}]
  topologySpreadConstraints: [{topologyKey: zone, maxSkew: 2}]
  schedulingGates: [{name: g2}, {name: g1}]`,
  },
  {
    name: 'a list of scalars with the merge strategy is a set: union without duplicates (finalizers)',
    original: 'metadata: {finalizers: [a, b, a]}',
    patch: 'metadata: {finalizers: [b, c, c]}',
    expected: 'metadata: {finalizers: [a, b, c]}',
  },
  {
    name: 'an empty patch list leaves a merging list as it is ("merge empty merging lists")',
    original: 'spec: {containers: [{name: a}, {name: b}]}',
    patch: 'spec: {containers: []}',
    expected: 'spec: {containers: [{name: a}, {name: b}]}',
  },
  {
    name: 'the same name twice in the patch is merged into one item',
    original: 'spec: {containers: [{name: app}]}',
    patch: 'spec: {containers: [{name: side, image: a}, {name: side, tty: true}]}',
    expected: 'spec: {containers: [{name: side, image: a, tty: true}, {name: app}]}',
  },
  {
    name: 'paths the schema does not know are untyped: maps merge, lists are replaced',
    original: 'spec: {template: {spec: {containers: [{name: app}]}, metadata: {labels: {a: "1"}}}}',
    patch: 'spec: {template: {spec: {containers: [{name: istio-proxy}]}, metadata: {labels: {b: "2"}}}}',
    expected: 'spec: {template: {spec: {containers: [{name: istio-proxy}]}, metadata: {labels: {a: "1", b: "2"}}}}',
  },
  {
    name: 'with the untyped schema every list is replaced',
    original: 'spec: {containers: [{name: app}]}',
    patch: 'spec: {containers: [{name: istio-proxy}]}',
    expected: 'spec: {containers: [{name: istio-proxy}]}',
    schema: UNTYPED_SCHEMA,
  },
];

const errorCases: MergeCase[] = [
  {
    name: 'a patch item of a keyed list without its merge key is rejected (ErrNoMergeKey)',
    original: 'spec: {containers: [{name: app}]}',
    patch: 'spec: {containers: [{image: x}]}',
    error: 'missing-merge-key',
  },
  {
    name: 'an original item without the merge key is rejected when its list is merged',
    original: 'spec: {volumes: [{emptyDir: {}}]}',
    patch: 'spec: {volumes: [{name: v}]}',
    error: 'missing-merge-key',
  },
  {
    name: 'scalars in a list merged by key are rejected',
    original: 'spec: {imagePullSecrets: [a]}',
    patch: 'spec: {imagePullSecrets: [b]}',
    error: 'missing-merge-key',
  },
  {
    name: 'a merged list mixing kinds is rejected ("list element types are not identical")',
    original: 'metadata: {finalizers: [a]}',
    patch: 'metadata: {finalizers: [1]}',
    error: 'mixed-list-items',
  },
  {
    name: 'a merged list of lists is rejected (ErrNoListOfLists)',
    original: 'metadata: {finalizers: [[a]]}',
    patch: 'metadata: {finalizers: [[b]]}',
    error: 'mixed-list-items',
  },
  {
    name: 'a list of maps with the merge strategy but no merge key is rejected ("cannot merge lists without merge key")',
    original: 'items: [{id: 1}]',
    patch: 'items: [{id: 2}]',
    error: 'merge-key-undefined',
    schema: { name: 'keyless', root: 'R', types: { R: { items: { patchStrategy: 'merge' } } } },
  },
];

describe('maps, scalars and nulls', () => {
  for (const c of mapCases) it(c.name, () => runCase(c));

  it('keeps the original key order and appends new keys in patch order', () => {
    const out = strategicMerge({ b: 1, a: 1, c: 1 }, { z: 2, a: 2, y: 2 }, UNTYPED_SCHEMA);
    expect(Object.keys(out)).toEqual(['b', 'a', 'c', 'z', 'y']);
  });
});

describe('lists', () => {
  for (const c of listCases) it(c.name, () => runCase(c));
});

describe('rejected patches', () => {
  for (const c of errorCases) it(c.name, () => runCase(c));

  it('strategicMerge throws a StrategicMergeError with code and patch path', () => {
    const call = () => strategicMerge({ spec: { containers: [{ name: 'a' }] } }, { spec: { containers: [{ name: 'b' }, { image: 'x' }] } }, POD_SCHEMA);
    expect(call).toThrow(StrategicMergeError);
    expect(call).toThrow(expect.objectContaining({ code: 'missing-merge-key', path: 'spec.containers[1]' }));
  });

  it('rejects a document or patch that is not a map', () => {
    expect(() => strategicMerge([] as object, {}, POD_SCHEMA)).toThrow(expect.objectContaining({ code: 'not-a-map' }));
    expect(() => strategicMerge({}, [] as object, POD_SCHEMA)).toThrow(expect.objectContaining({ code: 'not-a-map' }));
  });
});

describe('purity', () => {
  it('returns objects the inputs do not share', () => {
    const original = { spec: { containers: [{ name: 'app', env: [{ name: 'A' }] }], volumes: [{ name: 'v', emptyDir: {} }] } };
    const patch = { spec: { containers: [{ name: 'new', resources: { limits: { cpu: '1' } } }] } };
    const out = strategicMerge(original, patch, POD_SCHEMA) as { spec: { containers: Array<Record<string, any>>; volumes: unknown[] } };
    out.spec.containers[0]!.resources.limits.cpu = '2';
    out.spec.containers[1]!.env.push({ name: 'B' });
    (out.spec.volumes[0] as { emptyDir: Record<string, string> }).emptyDir.medium = 'Memory';
    expect(patch.spec.containers[0]!.resources.limits.cpu).toBe('1');
    expect(original.spec.containers[0]!.env).toEqual([{ name: 'A' }]);
    expect(original.spec.volumes[0]!.emptyDir).toEqual({});
  });

  it('a custom table is honoured over the field names (merge by "id" in a CRD-like schema)', () => {
    const table: PatchSchema = { name: 'Widget', root: 'W', types: { W: { parts: { patchStrategy: 'merge', patchMergeKey: 'id' } } } };
    const out = strategicMerge({ parts: [{ id: 1, a: 1 }], containers: [{ name: 'x' }] }, { parts: [{ id: 1, b: 2 }], containers: [{ name: 'y' }] }, table);
    expect(out).toEqual({ parts: [{ id: 1, a: 1, b: 2 }], containers: [{ name: 'y' }] });
  });
});
