import { describe, expect, it } from 'vitest';
import { ITEM_SELECTOR_KEYS, listKeysOf, mergeKeyFor, SET_LISTS } from '../../../../transformer/kube/merge-keys.js';
import {
  patchMetaAt,
  POD_SCHEMA,
  POD_TEMPLATE_SCHEMA,
  schemaProblems,
  strategicMerge,
  UNTYPED_SCHEMA,
  type PatchSchema,
} from '../../../../transformer/kube/strategic-merge/index.js';

/** Facts from the Kubernetes OpenAPI (`x-kubernetes-patch-strategy` / `-merge-key`) for Pod. */
const POD_FACTS: Array<[path: string, strategy: string | undefined, mergeKey: string | undefined]> = [
  ['spec.containers', 'merge', 'name'],
  ['spec.initContainers', 'merge', 'name'],
  ['spec.ephemeralContainers', 'merge', 'name'],
  ['spec.volumes', 'merge,retainKeys', 'name'],
  ['spec.imagePullSecrets', 'merge', 'name'],
  ['spec.hostAliases', 'merge', 'ip'],
  ['spec.topologySpreadConstraints', 'merge', 'topologyKey'],
  ['spec.schedulingGates', 'merge', 'name'],
  ['spec.resourceClaims', 'merge,retainKeys', 'name'],
  ['spec.containers.env', 'merge', 'name'],
  ['spec.containers.volumeMounts', 'merge', 'mountPath'],
  ['spec.containers.ports', 'merge', 'containerPort'],
  ['spec.containers.volumeDevices', 'merge', 'devicePath'],
  ['spec.initContainers.env', 'merge', 'name'],
  ['spec.ephemeralContainers.volumeMounts', 'merge', 'mountPath'],
  ['metadata.finalizers', 'merge', undefined],
  ['metadata.ownerReferences', 'merge', 'uid'],
  ['status.conditions', 'merge', 'type'],
  ['status.podIPs', 'merge', 'ip'],
  ['spec.tolerations', undefined, undefined],
  ['spec.containers.args', undefined, undefined],
  ['spec.containers.command', undefined, undefined],
  ['metadata.labels', undefined, undefined],
];

describe('Pod patch metadata table', () => {
  for (const [path, strategy, mergeKey] of POD_FACTS) {
    it(`${path}: strategy ${strategy ?? 'none'}, merge key ${mergeKey ?? 'none'}`, () => {
      const meta = patchMetaAt(path.split('.'), POD_SCHEMA);
      expect(meta).toBeDefined();
      expect(meta?.patchStrategy).toBe(strategy);
      expect(meta?.patchMergeKey).toBe(mergeKey);
    });
  }

  it('a pod template shares metadata and spec with the Pod', () => {
    expect(patchMetaAt(['spec', 'containers', 'env'], POD_TEMPLATE_SCHEMA)).toEqual(patchMetaAt(['spec', 'containers', 'env'], POD_SCHEMA));
    expect(patchMetaAt(['status', 'conditions'], POD_TEMPLATE_SCHEMA)).toBeUndefined();
  });

  it('fields without tags and unknown fields have no metadata', () => {
    expect(patchMetaAt(['spec', 'affinity'])).toBeUndefined();
    expect(patchMetaAt(['spec', 'containers', 'securityContext', 'capabilities', 'add'])).toBeUndefined();
    expect(patchMetaAt(['spec', 'noSuchField', 'env'])).toBeUndefined();
    expect(patchMetaAt(['spec', 'containers'], UNTYPED_SCHEMA)).toBeUndefined();
  });

  it('gives the text edits, records and trust checks their merge keys (transformer/kube/merge-keys.ts)', () => {
    for (const [path, , mergeKey] of POD_FACTS) {
      if (path.startsWith('status.')) continue; // not in a pod template
      expect(mergeKeyFor(path.split('.').at(-1)), path).toBe(mergeKey);
    }
    expect(SET_LISTS).toEqual(new Set(['finalizers']));
    expect(ITEM_SELECTOR_KEYS).toEqual(new Set(['name', 'uid', 'ip', 'topologyKey', 'containerPort', 'mountPath', 'devicePath']));
  });

  it('derives merge keys by field name only where the name has one key', () => {
    const clash: PatchSchema = {
      name: 'clash',
      root: 'Root',
      types: { Root: { a: { type: 'A' }, b: { type: 'B' } }, A: { items: { patchStrategy: 'merge', patchMergeKey: 'id' } }, B: { items: { patchStrategy: 'merge', patchMergeKey: 'name' } } },
    };
    expect(() => listKeysOf(clash)).toThrow();
    const status: PatchSchema = { ...POD_SCHEMA, name: 'status only', root: 'PodStatus' };
    expect(listKeysOf(status).keyed.get('conditions')).toBe('type');
  });

  it('is consistent: every referenced type exists, strategies are known', () => {
    expect(schemaProblems(POD_SCHEMA)).toEqual([]);
    expect(schemaProblems(POD_TEMPLATE_SCHEMA)).toEqual([]);
    expect(schemaProblems(UNTYPED_SCHEMA)).toEqual([]);
  });

  it('reports a table that references a missing type or misuses a merge key', () => {
    const broken: PatchSchema = {
      name: 'broken',
      root: 'Root',
      types: { Root: { items: { patchStrategy: 'merge', patchMergeKey: 'id', type: 'Item' }, tags: { patchMergeKey: 'id' } } },
    };
    expect(schemaProblems(broken)).toHaveLength(2);
  });
});

describe('other schema tables', () => {
  /** apps/v1 Deployment: strategy is retainKeys, the pod template is PodTemplateSpec. */
  const deployment: PatchSchema = {
    name: 'Deployment',
    root: 'Deployment',
    types: {
      ...POD_SCHEMA.types,
      Deployment: { spec: { type: 'DeploymentSpec' } },
      DeploymentSpec: { template: { type: 'PodTemplateSpec' }, strategy: { patchStrategy: 'retainKeys' } },
    },
  };

  it('look up through a table that embeds the Pod types', () => {
    expect(schemaProblems(deployment)).toEqual([]);
    expect(patchMetaAt(['spec', 'template', 'spec', 'containers', 'env'], deployment)?.patchMergeKey).toBe('name');
    expect(patchMetaAt(['spec', 'strategy'], deployment)?.patchStrategy).toBe('retainKeys');
  });

  it('drive the merge: containers merge by name under spec.template of a Deployment', () => {
    const original = { spec: { template: { spec: { containers: [{ name: 'app', image: 'a' }] } } } };
    const patch = { spec: { template: { spec: { containers: [{ name: 'istio-proxy', image: 'p' }] } } } };
    expect(strategicMerge(original, patch, deployment).spec.template.spec.containers.map((c) => c.name)).toEqual(['istio-proxy', 'app']);
    // the Pod table knows no `spec.template`: the same patch then replaces the list
    expect(strategicMerge(original, patch, POD_SCHEMA).spec.template.spec.containers.map((c) => c.name)).toEqual(['istio-proxy']);
  });

  it('"*" gives the value type of every key of a map (Go map[string]T)', () => {
    const table: PatchSchema = {
      name: 'Registry',
      root: 'Root',
      types: { Root: { byTeam: { type: 'Teams' } }, Teams: { '*': { type: 'Team' } }, Team: { people: { patchStrategy: 'merge', patchMergeKey: 'id' } } },
    };
    expect(patchMetaAt(['byTeam', 'red', 'people'], table)?.patchMergeKey).toBe('id');
    const out = strategicMerge({ byTeam: { red: { people: [{ id: 1 }] } } }, { byTeam: { red: { people: [{ id: 2 }] } } }, table);
    expect(out.byTeam.red.people).toEqual([{ id: 2 }, { id: 1 }]);
  });
});
