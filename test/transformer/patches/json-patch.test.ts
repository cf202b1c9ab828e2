import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyPatch, diffToPatch, jsonPointer } from '../../../transformer/patches/json-patch.js';

describe('diffToPatch', () => {
  it('inserts init containers at the front, in their order, ahead of the user\'s', () => {
    const from = { initContainers: [{ name: 'setup', image: 'busybox' }] };
    const to = { initContainers: [{ name: 'istio-init', image: 'proxy' }, { name: 'istio-proxy', image: 'proxy' }, { name: 'setup', image: 'busybox' }] };
    const ops = diffToPatch(from, to);
    expect(ops).toEqual([
      { op: 'add', path: '/initContainers/0', value: { name: 'istio-init', image: 'proxy' } },
      { op: 'add', path: '/initContainers/1', value: { name: 'istio-proxy', image: 'proxy' } },
    ]);
    expect(applyPatch(from, ops)).toEqual(to);
  });

  it('replaces a rewritten probe in place and removes what the target drops', () => {
    const from = { containers: [{ name: 'web', readinessProbe: { httpGet: { path: '/ready', port: 8080 } }, tty: true }] };
    const to = { containers: [{ name: 'web', readinessProbe: { exec: { command: ['check'] } } }] };
    const ops = diffToPatch(from, to);
    expect(ops).toContainEqual({ op: 'remove', path: '/containers/0/tty' });
    expect(ops).toContainEqual({ op: 'remove', path: '/containers/0/readinessProbe/httpGet' });
    expect(ops).toContainEqual({ op: 'add', path: '/containers/0/readinessProbe/exec', value: { command: ['check'] } });
    expect(applyPatch(from, ops)).toEqual(to);
  });

  it('escapes `/` and `~` in keys as JSON pointers do (~1, ~0)', () => {
    const from = { metadata: { annotations: { 'prometheus.io/port': '8080' } } };
    const to = { metadata: { annotations: { 'prometheus.io/port': '15020', 'a~b/c': 'x' } } };
    const ops = diffToPatch(from, to);
    expect(ops).toEqual([
      { op: 'test', path: '/metadata/annotations/prometheus.io~1port', value: '8080' },
      { op: 'replace', path: '/metadata/annotations/prometheus.io~1port', value: '15020' },
      { op: 'add', path: '/metadata/annotations/a~0b~1c', value: 'x' },
    ]);
    expect(applyPatch(from, ops)).toEqual(to);
    expect(jsonPointer(['x/y', '~', 0])).toBe('/x~1y/~0/0');
  });

  it('adds a missing map whole and replaces a list with nothing in common whole', () => {
    expect(diffToPatch({ spec: {} }, { spec: { volumes: [{ name: 'v' }] } })).toEqual([{ op: 'add', path: '/spec/volumes', value: [{ name: 'v' }] }]);
    expect(diffToPatch({ args: ['a', 'b'] }, { args: ['c'] })).toEqual([{ op: 'replace', path: '/args', value: ['c'] }]);
  });

  it('removes list items at the index the list has when the op runs', () => {
    const from = { c: [{ name: 'a' }, { name: 'istio-proxy' }, { name: 'b' }, { name: 'linkerd-proxy' }] };
    const to = { c: [{ name: 'a' }, { name: 'b' }] };
    const ops = diffToPatch(from, to);
    expect(ops).toEqual([
      { op: 'test', path: '/c/1/name', value: 'istio-proxy' },
      { op: 'remove', path: '/c/1' },
      { op: 'test', path: '/c/2/name', value: 'linkerd-proxy' },
      { op: 'remove', path: '/c/2' },
    ]);
    expect(applyPatch(from, ops)).toEqual(to);
  });

  it('guards what depends on the base: a changed item\'s name, a replaced value (test ops fail on drift)', () => {
    const from = { containers: [{ name: 'web', readinessProbe: { httpGet: { path: '/ready' } } }] };
    const to = { containers: [{ name: 'web', readinessProbe: { httpGet: { path: '/app-health/web/readyz' } } }] };
    const ops = diffToPatch(from, to);
    expect(ops.slice(0, 2)).toEqual([
      { op: 'test', path: '/containers/0/name', value: 'web' },
      { op: 'test', path: '/containers/0/readinessProbe/httpGet/path', value: '/ready' },
    ]);
    expect(() => applyPatch({ containers: [{ name: 'sidecar', readinessProbe: { httpGet: { path: '/ready' } } }, from.containers[0]] }, ops)).toThrow();
    expect(() => applyPatch({ containers: [{ name: 'web', readinessProbe: { httpGet: { path: '/edited' } } }] }, ops)).toThrow();
  });

  it('gives no ops for equal values', () => {
    expect(diffToPatch({ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] })).toEqual([]);
  });

  it('turns any value into any other (applied in order, as RFC 6902 does)', () => {
    const key = fc.constantFrom('name', 'a', 'b/c', 'd~e', 'image');
    const scalar = fc.oneof(fc.constantFrom('x', 'y', 'web', 'proxy'), fc.integer({ min: 0, max: 3 }), fc.boolean(), fc.constant(null));
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, scalar, tie('list'), tie('map')),
      list: fc.array(tie('value'), { maxLength: 4 }),
      map: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
    }));
    fc.assert(
      fc.property(value, value, (from, to) => {
        expect(applyPatch(from, diffToPatch(from, to))).toEqual(to);
      }),
      { numRuns: 500 },
    );
  });
});
