import { describe, expect, it } from 'vitest';
import { deepFreeze, isDeeplyFrozen, settle } from '../../../transformer/data/frozen-data.js';
import { marshalYAML } from '../../../transformer/gotemplate/index.js';

describe('deeply frozen data', () => {
  it('deepFreeze freezes every object and array below', () => {
    const value = deepFreeze({ a: { b: [{ c: 1 }] } });
    expect(Object.isFrozen(value.a.b[0])).toBe(true);
    expect(isDeeplyFrozen(value)).toBe(true);
  });

  it('a shallow freeze is not deep: a child can still change', () => {
    const child = { c: 1 };
    const value = Object.freeze({ child });
    expect(isDeeplyFrozen(value)).toBe(false);
    child.c = 2;
    expect(isDeeplyFrozen(Object.freeze(child)) && isDeeplyFrozen(value)).toBe(true);
  });

  it('printing remembered for deeply frozen data gives what printing a copy gives', () => {
    const resources = { limits: { cpu: '2', memory: '1Gi' }, requests: { cpu: '100m', memory: '128Mi' } };
    const frozen = deepFreeze(structuredClone(resources));
    expect(marshalYAML(frozen)).toBe(marshalYAML(resources));
    expect(marshalYAML(frozen)).toBe(marshalYAML(resources));
    const shallow = Object.freeze({ limits: { cpu: '1' } });
    const before = marshalYAML(shallow);
    (shallow.limits as { cpu: string }).cpu = '3';
    expect(marshalYAML(shallow)).not.toBe(before);
  });

  it('settle freezes all the way down and keeps content and key order, big maps included', () => {
    const big = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, { v: [i] }]));
    const value = { a: [{ b: 1 }], big };
    const copy = structuredClone(value);
    const settled = settle(value) as typeof value;
    expect(settled).toEqual(copy);
    expect(Object.keys(settled.big)).toEqual(Object.keys(copy.big));
    expect(isDeeplyFrozen(settled)).toBe(true);
    expect(Object.isFrozen(settled.big.k39!.v)).toBe(true);
  });

  it('settle does not count a part frozen only at its top as deeply frozen', () => {
    const child = Object.freeze({ inner: { c: 1 } });
    const settled = settle({ child }) as object;
    expect(Object.isFrozen(settled)).toBe(true);
    expect(isDeeplyFrozen(settled)).toBe(false);
  });
});
