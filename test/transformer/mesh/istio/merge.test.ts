import { describe, expect, it } from 'vitest';
import { strategicMerge } from '../../../../transformer/mesh/istio/merge.js';

describe('strategic merge', () => {
  it('puts patch-only items before original-only items', () => {
    const out = strategicMerge({ volumes: [{ name: 'data', emptyDir: {} }] }, { volumes: [{ name: 'a' }, { name: 'b' }] });
    expect(out.volumes.map((v: { name: string }) => v.name)).toEqual(['a', 'b', 'data']);
  });

  it('keeps items present in both at their original position', () => {
    const out = strategicMerge(
      { containers: [{ name: 'x' }, { name: 'istio-proxy', tty: true }, { name: 'y' }] },
      { containers: [{ name: 'istio-proxy', image: 'p' }] },
    );
    expect(out.containers).toEqual([{ name: 'x' }, { name: 'istio-proxy', tty: true, image: 'p' }, { name: 'y' }]);
  });

  it('appends new mounts after the ones the original already had when re-applied', () => {
    const base = { containers: [{ name: 'c', volumeMounts: [{ mountPath: '/a' }, { mountPath: '/b' }] }] };
    const out = strategicMerge(base, { containers: [{ name: 'c', volumeMounts: [{ mountPath: '/b', readOnly: true }, { mountPath: '/z' }] }] });
    expect(out.containers[0]!.volumeMounts).toEqual([{ mountPath: '/a' }, { mountPath: '/b', readOnly: true }, { mountPath: '/z' }]);
  });

  it('merges env by name, ports by containerPort, maps recursively', () => {
    const out = strategicMerge(
      { env: [{ name: 'A', value: '1' }], ports: [{ containerPort: 80, name: 'http' }], resources: { limits: { cpu: '1' } } },
      { env: [{ name: 'A', value: '2' }], ports: [{ containerPort: 80, protocol: 'TCP' }], resources: { limits: { memory: '1Gi' } } },
    );
    expect(out).toEqual({
      env: [{ name: 'A', value: '2' }],
      ports: [{ containerPort: 80, name: 'http', protocol: 'TCP' }],
      resources: { limits: { cpu: '1', memory: '1Gi' } },
    });
  });

  it('replaces lists without a merge key and deletes on null', () => {
    const out = strategicMerge({ args: ['a', 'b'], keep: 1, drop: 2 }, { args: ['c'], drop: null });
    expect(out).toEqual({ args: ['c'], keep: 1 });
  });

  it('does not modify its arguments', () => {
    const original = { volumes: [{ name: 'a', emptyDir: {} }] };
    const patch = { volumes: [{ name: 'a', emptyDir: { medium: 'Memory' } }] };
    const copy = structuredClone([original, patch]);
    strategicMerge(original, patch);
    expect([original, patch]).toEqual(copy);
  });
});
