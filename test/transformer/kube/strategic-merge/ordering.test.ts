import { describe, expect, it } from 'vitest';
import { POD_SCHEMA, strategicMerge } from '../../../../transformer/kube/strategic-merge/index.js';
import { runCase, type MergeCase } from './run-case.js';

/**
 * apimachinery `normalizeElementOrder` / `mergeSortedSlice` (design proposal "Preserve Order in
 * Strategic Merge Patch"): patch items in patch order, original-only items in original order,
 * interleaved by original positions; an item only the patch has goes before the next original-only item.
 */
const cases: MergeCase[] = [
  {
    name: 'Istio: injected volumes precede the user volumes (patch-only items before original-only items)',
    original: 'spec: {volumes: [{name: data, emptyDir: {}}]}',
    patch: 'spec: {volumes: [{name: istio-envoy, emptyDir: {medium: Memory}}, {name: istio-data, emptyDir: {}}]}',
    expected: 'spec: {volumes: [{name: istio-envoy, emptyDir: {medium: Memory}}, {name: istio-data, emptyDir: {}}, {name: data, emptyDir: {}}]}',
  },
  {
    name: 'Istio: template containers come first (istio-proxy before the app container)',
    original: 'spec: {containers: [{name: app}, {name: worker}]}',
    patch: 'spec: {containers: [{name: istio-proxy, image: proxyv2}]}',
    expected: 'spec: {containers: [{name: istio-proxy, image: proxyv2}, {name: app}, {name: worker}]}',
  },
  {
    name: 'an item in both keeps its original place; a new item listed before it goes before the original-only items',
    original: 'spec: {containers: [{name: a}, {name: b}, {name: c}]}',
    patch: 'spec: {containers: [{name: x}, {name: b, image: i}]}',
    expected: 'spec: {containers: [{name: x}, {name: a}, {name: b, image: i}, {name: c}]}',
  },
  {
    name: 'a new item listed after an item in both follows it',
    original: 'spec: {containers: [{name: a}, {name: b}, {name: c}]}',
    patch: 'spec: {containers: [{name: b}, {name: x}]}',
    expected: 'spec: {containers: [{name: a}, {name: b}, {name: x}, {name: c}]}',
  },
  {
    name: 'patch items follow the patch order, original-only items fall in by their original position',
    original: 'spec: {containers: [{name: a}, {name: b}, {name: c}]}',
    patch: 'spec: {containers: [{name: c}, {name: a}]}',
    expected: 'spec: {containers: [{name: b}, {name: c}, {name: a}]}',
  },
  {
    name: 'Istio re-injection: items in both keep the template order, a new one lands where the template puts it',
    original: 'spec: {volumes: [{name: workload-socket}, {name: istio-envoy}, {name: istiod-ca-cert}]}',
    patch: 'spec: {volumes: [{name: workload-socket}, {name: istio-envoy}, {name: istiod-ca-cert}, {name: istio-ca-crl}]}',
    expected: 'spec: {volumes: [{name: workload-socket}, {name: istio-envoy}, {name: istiod-ca-cert}, {name: istio-ca-crl}]}',
  },
  {
    name: 'env: a variable added after the existing ones stays after them',
    original: 'spec: {containers: [{name: app, env: [{name: A}, {name: B}]}]}',
    patch: 'spec: {containers: [{name: app, env: [{name: B, value: b}, {name: C}]}]}',
    expected: 'spec: {containers: [{name: app, env: [{name: A}, {name: B, value: b}, {name: C}]}]}',
  },
  {
    name: 'sets of scalars are ordered the same way (finalizers)',
    original: 'metadata: {finalizers: [a, b, c]}',
    patch: 'metadata: {finalizers: [d, b]}',
    expected: 'metadata: {finalizers: [d, a, b, c]}',
  },
  {
    name: 'deleted items leave the order of the rest untouched',
    original: 'spec: {containers: [{name: a}, {name: b}, {name: c}]}',
    patch: 'spec: {containers: [{name: c, image: z}, {name: b, $patch: delete}]}',
    expected: 'spec: {containers: [{name: a}, {name: c, image: z}]}',
  },
];

describe('list order (normalizeElementOrder / mergeSortedSlice)', () => {
  for (const c of cases) it(c.name, () => runCase(c));

  it('merging the same patch again moves nothing', () => {
    const original = { spec: { containers: [{ name: 'a' }, { name: 'b' }, { name: 'c' }, { name: 'd' }] } };
    const patch = { spec: { containers: [{ name: 'x' }, { name: 'c' }, { name: 'y' }, { name: 'a' }] } };
    const once = strategicMerge(original, patch, POD_SCHEMA);
    expect(once.spec.containers.map((c) => c.name)).toEqual(['x', 'b', 'c', 'y', 'a', 'd']);
    expect(strategicMerge(once, patch, POD_SCHEMA)).toEqual(once);
  });
});
