import { describe, expect, it } from 'vitest';
import { deepFreeze, settle } from '../../../transformer/data/frozen-data.js';

describe('frozen shared data', () => {
  it('deepFreeze freezes every object and array below', () => {
    const value = deepFreeze({ a: { b: [{ c: 1 }] } });
    expect(Object.isFrozen(value.a)).toBe(true);
    expect(Object.isFrozen(value.a.b)).toBe(true);
    expect(Object.isFrozen(value.a.b[0])).toBe(true);
  });

  it('settle freezes all the way down and keeps content and key order, big maps included', () => {
    const big = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, { v: [i] }]));
    const value = { a: [{ b: 1 }], big };
    const copy = structuredClone(value);
    const settled = settle(value) as typeof value;
    expect(settled).toEqual(copy);
    expect(Object.keys(settled.big)).toEqual(Object.keys(copy.big));
    expect(Object.isFrozen(settled.a[0])).toBe(true);
    expect(Object.isFrozen(settled.big.k39!.v)).toBe(true);
  });

  it('settle keeps parts frozen already as they are', () => {
    const part = deepFreeze({ inner: { c: 1 } });
    const settled = settle({ part }) as { part: unknown };
    expect(settled.part).toBe(part);
  });
});
