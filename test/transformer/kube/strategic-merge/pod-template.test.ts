import { describe, expect, it } from 'vitest';
import { POD_TEMPLATE_SCHEMA, strategicMerge } from '../../../../transformer/kube/strategic-merge/index.js';

type Obj = Record<string, any>;
const merge = (original: Obj, patch: Obj): Obj => strategicMerge(original, patch, POD_TEMPLATE_SCHEMA);
const container = (fields: Obj): Obj => ({ spec: { containers: [{ name: 'c', ...fields }] } });

/** What the built-in Istio preset relies on when it merges its sidecar onto a pod template. */
describe('strategic merge of a pod template', () => {
  it('puts patch-only items before original-only items', () => {
    const out = merge({ spec: { volumes: [{ name: 'data', emptyDir: {} }] } }, { spec: { volumes: [{ name: 'a' }, { name: 'b' }] } });
    expect(out.spec.volumes.map((v: { name: string }) => v.name)).toEqual(['a', 'b', 'data']);
  });

  it('keeps items present in both at their original position', () => {
    const out = merge(
      { spec: { containers: [{ name: 'x' }, { name: 'istio-proxy', tty: true }, { name: 'y' }] } },
      { spec: { containers: [{ name: 'istio-proxy', image: 'p' }] } },
    );
    expect(out.spec.containers).toEqual([{ name: 'x' }, { name: 'istio-proxy', tty: true, image: 'p' }, { name: 'y' }]);
  });

  it('appends new mounts after the ones the original already had when re-applied', () => {
    const out = merge(container({ volumeMounts: [{ mountPath: '/a' }, { mountPath: '/b' }] }), container({ volumeMounts: [{ mountPath: '/b', readOnly: true }, { mountPath: '/z' }] }));
    expect(out.spec.containers[0].volumeMounts).toEqual([{ mountPath: '/a' }, { mountPath: '/b', readOnly: true }, { mountPath: '/z' }]);
  });

  it('merges env by name, ports by containerPort, maps recursively', () => {
    const out = merge(
      container({ env: [{ name: 'A', value: '1' }], ports: [{ containerPort: 80, name: 'http' }], resources: { limits: { cpu: '1' } } }),
      container({ env: [{ name: 'A', value: '2' }], ports: [{ containerPort: 80, protocol: 'TCP' }], resources: { limits: { memory: '1Gi' } } }),
    );
    expect(out).toEqual(
      container({ env: [{ name: 'A', value: '2' }], ports: [{ containerPort: 80, name: 'http', protocol: 'TCP' }], resources: { limits: { cpu: '1', memory: '1Gi' } } }),
    );
  });

  it('replaces lists without a merge key and deletes on null', () => {
    expect(merge(container({ args: ['a', 'b'], tty: true, stdin: true }), container({ args: ['c'], stdin: null }))).toEqual(container({ args: ['c'], tty: true }));
  });

  it('does not modify its arguments', () => {
    const original = { spec: { volumes: [{ name: 'a', emptyDir: {} }] } };
    const patch = { spec: { volumes: [{ name: 'a', emptyDir: { medium: 'Memory' } }] } };
    const copy = structuredClone([original, patch]);
    merge(original, patch);
    expect([original, patch]).toEqual(copy);
  });
});
