import { describe, expect, it } from 'vitest';
import { deepFreeze, isDeeplyFrozen } from '../../transformer/frozen-data.js';
import { marshalYAML } from '../../transformer/gotemplate/index.js';

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
});
