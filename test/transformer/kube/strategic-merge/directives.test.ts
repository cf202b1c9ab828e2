import { describe, it } from 'vitest';
import type { PatchSchema } from '../../../../transformer/kube/strategic-merge/index.js';
import { runCase, type MergeCase } from './run-case.js';

/** A table with a `retainKeys` map field, as apps/v1 DeploymentSpec.strategy. */
const withStrategy: PatchSchema = { name: 'WithStrategy', root: 'R', types: { R: { strategy: { patchStrategy: 'retainKeys' } } } };

const replaceCases: MergeCase[] = [
  {
    name: '$patch: replace on a map takes the patch map literally (SMP "replace Directive", Istio TestStrategicMerge on labels)',
    original: 'metadata: {labels: {app: web, version: v1}}',
    patch: 'metadata: {labels: {$patch: replace, app: other}}',
    expected: 'metadata: {labels: {app: other}}',
  },
  {
    name: '$patch: replace on the document root ("delete all keys from map")',
    original: 'spec: {hostname: a}\nmetadata: {name: x}',
    patch: '$patch: replace\nspec: {subdomain: b}',
    expected: 'spec: {subdomain: b}',
  },
  {
    name: '$patch: replace is recursive: nested directives and nulls are not applied',
    original: 'spec: {securityContext: {runAsUser: 1, fsGroup: 2}}',
    patch: 'spec: {securityContext: {$patch: replace, runAsUser: 3, fsGroup: null, seLinuxOptions: {$patch: delete}, sysctls: [{name: a, $patch: delete}, {name: b}]}}',
    expected: 'spec: {securityContext: {runAsUser: 3, sysctls: [{name: b}]}}',
  },
  {
    name: '$patch: replace on a map the original lacks drops the map (apimachinery removeDirectives)',
    original: 'metadata: {name: x}',
    patch: 'metadata: {labels: {$patch: replace, app: web}}',
    expected: 'metadata: {name: x}',
  },
  {
    name: '$patch: replace item in a list makes the other patch items the whole list (SMP "List of Maps")',
    original: 'spec: {containers: [{name: nginx, image: nginx-0.9}, {name: log-tailer}]}',
    patch: 'spec: {containers: [{name: nginx, image: nginx-1.0}, {$patch: replace}]}',
    expected: 'spec: {containers: [{name: nginx, image: nginx-1.0}]}',
  },
  {
    name: 'a list holding only $patch: replace becomes empty ("delete all items from merging list")',
    original: 'spec: {volumes: [{name: a}, {name: b}]}',
    patch: 'spec: {volumes: [{$patch: replace}]}',
    expected: 'spec: {volumes: []}',
  },
  {
    name: '$patch: replace in a list the original lacks: the marker item is dropped, the rest kept',
    original: 'spec: {}',
    patch: 'spec: {volumes: [{$patch: replace}, {name: a}]}',
    expected: 'spec: {volumes: [{name: a}]}',
  },
];

const deleteCases: MergeCase[] = [
  {
    name: '$patch: delete on a map empties it (apimachinery "delete map from nested map" gives {})',
    original: 'spec: {securityContext: {runAsUser: 1}, hostname: a}',
    patch: 'spec: {securityContext: {$patch: delete}}',
    expected: 'spec: {securityContext: {}, hostname: a}',
  },
  {
    name: '$patch: delete item removes every item with its key (SMP: "delete all entries in the list that match the merge key")',
    original: 'spec: {containers: [{name: a}, {name: log-tailer, image: x}, {name: b}, {name: log-tailer}]}',
    patch: 'spec: {containers: [{name: log-tailer, $patch: delete}]}',
    expected: 'spec: {containers: [{name: a}, {name: b}]}',
  },
  {
    name: '$patch: delete items and new items in one list',
    original: 'spec: {containers: [{name: nginx, image: nginx-1.0}, {name: log-tailer}]}',
    patch: 'spec: {containers: [{name: sidecar}, {name: log-tailer, $patch: delete}]}',
    expected: 'spec: {containers: [{name: sidecar}, {name: nginx, image: nginx-1.0}]}',
  },
  {
    name: '$patch: delete of an item the original lacks changes nothing ("delete missing map from merging list")',
    original: 'spec: {volumes: [{name: a}]}',
    patch: 'spec: {volumes: [{name: zz, $patch: delete}]}',
    expected: 'spec: {volumes: [{name: a}]}',
  },
  {
    name: '$patch: delete items of a list the original lacks vanish',
    original: 'spec: {}',
    patch: 'spec: {volumes: [{name: a, $patch: delete}, {name: b}]}',
    expected: 'spec: {volumes: [{name: b}]}',
  },
  {
    name: '$patch: delete in a list item needs the merge key',
    original: 'spec: {volumes: [{name: a}]}',
    patch: 'spec: {volumes: [{$patch: delete}]}',
    error: 'missing-merge-key',
  },
];

const invalidDirectiveCases: MergeCase[] = [
  {
    name: '$patch: merge on a map is rejected (SMP: "merge directive is used only in the go struct tags")',
    original: 'metadata: {labels: {a: "1"}}',
    patch: 'metadata: {labels: {$patch: merge, b: "2"}}',
    error: 'invalid-patch-directive',
  },
  {
    name: '$patch: merge in a list is rejected ("merging lists cannot yet be specified in the patch")',
    original: 'spec: {containers: [{name: a}]}',
    patch: 'spec: {containers: [{name: b}, {$patch: merge}]}',
    error: 'invalid-patch-directive',
  },
  {
    name: 'an unknown $patch value is rejected (ErrBadPatchType)',
    original: 'spec: {hostname: a}',
    patch: 'spec: {$patch: remove}',
    error: 'invalid-patch-directive',
  },
];

const retainKeysCases: MergeCase[] = [
  {
    name: '$retainKeys clears the fields it does not name (SMP "retainKeys Directive" union example)',
    original: 'union: {foo: a, other: b}',
    patch: 'union: {$retainKeys: [another, bar], another: d, bar: c}',
    expected: 'union: {another: d, bar: c}',
  },
  {
    name: '$retainKeys switches a volume source: emptyDir gone, configMap set (Volume is merge,retainKeys)',
    original: 'spec: {volumes: [{name: v, emptyDir: {medium: Memory}}, {name: w, secret: {secretName: s}}]}',
    patch: 'spec: {volumes: [{name: v, $retainKeys: [configMap, name], configMap: {name: c}}]}',
    expected: 'spec: {volumes: [{name: v, configMap: {name: c}}, {name: w, secret: {secretName: s}}]}',
  },
  {
    name: '$retainKeys keeps named fields the patch does not set and merges those it sets (a retainKeys map field)',
    schema: withStrategy,
    original: 'strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 0}, extra: x}',
    patch: 'strategy: {$retainKeys: [type, rollingUpdate], rollingUpdate: {maxSurge: 2}}',
    expected: 'strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 2, maxUnavailable: 0}}',
  },
  {
    name: 'a null outside $retainKeys is allowed (it deletes nothing that would stay anyway)',
    original: 'u: {a: 1, b: 2}',
    patch: 'u: {$retainKeys: [a], b: null}',
    expected: 'u: {a: 1}',
  },
  {
    name: 'a patch field that $retainKeys does not name is rejected (ErrBadPatchFormatForRetainKeys)',
    original: 'union: {foo: a}',
    patch: 'union: {$retainKeys: [foo], foo: b, bar: x}',
    error: 'invalid-retain-keys',
  },
  {
    name: '$retainKeys must be a list',
    original: 'union: {foo: a}',
    patch: 'union: {$retainKeys: foo}',
    error: 'invalid-retain-keys',
  },
];

const setElementOrderCases: MergeCase[] = [
  {
    name: '$setElementOrder reorders a list of primitives (SMP "setElementOrder Directive" finalizers example)',
    original: 'metadata: {finalizers: [a, b, c]}',
    patch: 'metadata: {$setElementOrder/finalizers: [b, c, a]}',
    expected: 'metadata: {finalizers: [b, c, a]}',
  },
  {
    name: '$setElementOrder reorders a list of maps by merge key (SMP containers example)',
    original: 'spec: {containers: [{name: a, image: x}, {name: b}, {name: c}]}',
    patch: 'spec: {$setElementOrder/containers: [{name: b}, {name: c}, {name: a}]}',
    expected: 'spec: {containers: [{name: b}, {name: c}, {name: a, image: x}]}',
  },
  {
    name: '$setElementOrder with an added item: the original-only item keeps its place among the ordered ones',
    original: 'metadata: {finalizers: ["1", "4", "2"]}',
    patch: 'metadata: {$setElementOrder/finalizers: ["3", "1", "2"], finalizers: ["3"]}',
    expected: 'metadata: {finalizers: ["3", "1", "4", "2"]}',
  },
  {
    name: '$setElementOrder naming only some items: the others are interleaved by original position',
    original: 'spec: {containers: [{name: a}, {name: b}, {name: c}]}',
    patch: 'spec: {$setElementOrder/containers: [{name: c}, {name: a}]}',
    expected: 'spec: {containers: [{name: b}, {name: c}, {name: a}]}',
  },
  {
    name: '$setElementOrder together with changes to the same list: merged, then ordered',
    original: 'spec: {containers: [{name: a}, {name: b}]}',
    patch: 'spec: {$setElementOrder/containers: [{name: b}, {name: new}, {name: a}], containers: [{name: b, image: x}, {name: new}]}',
    expected: 'spec: {containers: [{name: b, image: x}, {name: new}, {name: a}]}',
  },
  {
    name: '$setElementOrder with $patch: delete items: deletions need no place in the order',
    original: 'spec: {containers: [{name: a}, {name: b}, {name: c}]}',
    patch: 'spec: {$setElementOrder/containers: [{name: c}, {name: a}], containers: [{name: b, $patch: delete}]}',
    expected: 'spec: {containers: [{name: c}, {name: a}]}',
  },
  {
    name: '$setElementOrder for a list neither side has adds nothing',
    original: 'spec: {hostname: a}',
    patch: 'spec: {$setElementOrder/containers: [{name: a}]}',
    expected: 'spec: {hostname: a}',
  },
  {
    name: '$setElementOrder whose patch list names items out of its order is rejected',
    original: 'spec: {containers: [{name: a}, {name: b}]}',
    patch: 'spec: {$setElementOrder/containers: [{name: a}, {name: b}], containers: [{name: b}, {name: a}]}',
    error: 'invalid-set-element-order',
  },
  {
    name: '$setElementOrder whose patch list names an item it lacks is rejected',
    original: 'spec: {containers: [{name: a}]}',
    patch: 'spec: {$setElementOrder/containers: [{name: a}], containers: [{name: x}]}',
    error: 'invalid-set-element-order',
  },
  {
    name: '$setElementOrder must hold a list',
    original: 'metadata: {finalizers: [a]}',
    patch: 'metadata: {$setElementOrder/finalizers: a}',
    error: 'invalid-set-element-order',
  },
  {
    name: '$setElementOrder items of a keyed list need the merge key',
    original: 'spec: {containers: [{name: a}]}',
    patch: 'spec: {$setElementOrder/containers: [{image: a}]}',
    error: 'missing-merge-key',
  },
];

const deleteFromPrimitiveListCases: MergeCase[] = [
  {
    name: '$deleteFromPrimitiveList removes the named items (SMP "deleteFromPrimitiveList Directive" finalizers example)',
    original: 'metadata: {finalizers: [a, b, c]}',
    patch: 'metadata: {$deleteFromPrimitiveList/finalizers: [b, c]}',
    expected: 'metadata: {finalizers: [a]}',
  },
  {
    name: '$deleteFromPrimitiveList removes every duplicate ("Deleting an item that has duplicates will delete all matching items")',
    original: 'metadata: {finalizers: [a, b, a, c, a]}',
    patch: 'metadata: {$deleteFromPrimitiveList/finalizers: [a]}',
    expected: 'metadata: {finalizers: [b, c]}',
  },
  {
    name: '$deleteFromPrimitiveList also works on lists without the merge strategy (kubernetes#110472: args)',
    original: 'spec: {containers: [{name: app, args: [--a, --b, --c]}]}',
    patch: 'spec: {containers: [{name: app, $deleteFromPrimitiveList/args: [--b]}]}',
    expected: 'spec: {containers: [{name: app, args: [--a, --c]}]}',
  },
  {
    name: '$deleteFromPrimitiveList of an item the list lacks adds nothing',
    original: 'metadata: {finalizers: [a]}',
    patch: 'metadata: {$deleteFromPrimitiveList/finalizers: [z]}',
    expected: 'metadata: {finalizers: [a]}',
  },
  {
    name: '$deleteFromPrimitiveList on a list the original lacks does not create it',
    original: 'metadata: {name: x}',
    patch: 'metadata: {$deleteFromPrimitiveList/finalizers: [z]}',
    expected: 'metadata: {name: x}',
  },
  {
    name: '$deleteFromPrimitiveList applies after the same list is merged, whatever the key order (Go visits keys in map order)',
    original: 'metadata: {finalizers: [a, b]}',
    patch: 'metadata: {$deleteFromPrimitiveList/finalizers: [a, c], finalizers: [c, d]}',
    expected: 'metadata: {finalizers: [d, b]}',
  },
  {
    name: '$deleteFromPrimitiveList needs "/<field>"',
    original: 'metadata: {finalizers: [a]}',
    patch: 'metadata: {$deleteFromPrimitiveList: [a]}',
    error: 'invalid-delete-from-primitive-list',
  },
  {
    name: '$deleteFromPrimitiveList deletes scalars only',
    original: 'spec: {volumes: [{name: a}]}',
    patch: 'spec: {$deleteFromPrimitiveList/volumes: [{name: a}]}',
    error: 'invalid-delete-from-primitive-list',
  },
];

describe('$patch: replace', () => {
  for (const c of replaceCases) it(c.name, () => runCase(c));
});

describe('$patch: delete', () => {
  for (const c of deleteCases) it(c.name, () => runCase(c));
});

describe('invalid $patch values', () => {
  for (const c of invalidDirectiveCases) it(c.name, () => runCase(c));
});

describe('$retainKeys', () => {
  for (const c of retainKeysCases) it(c.name, () => runCase(c));
});

describe('$setElementOrder', () => {
  for (const c of setElementOrderCases) it(c.name, () => runCase(c));
});

describe('$deleteFromPrimitiveList', () => {
  for (const c of deleteFromPrimitiveListCases) it(c.name, () => runCase(c));
});
