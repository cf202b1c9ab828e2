import { describe, expect, it } from 'vitest';
import { parseGoBool, parseGoInt, wholeCpuCores } from '../../../../transformer/mesh/linkerd/go-parse.js';
import { parseGoDuration } from '../../../../transformer/gotemplate/go-duration.js';

describe('Go parsers', () => {
  it('ParseBool takes Go spellings only', () => {
    expect(['1', 't', 'T', 'TRUE', 'true', 'True'].map(parseGoBool)).toEqual(Array(6).fill(true));
    expect(['0', 'f', 'F', 'FALSE', 'false', 'False'].map(parseGoBool)).toEqual(Array(6).fill(false));
    expect(['yes', 'on', '', 'tRUE'].map(parseGoBool)).toEqual(Array(4).fill(undefined));
  });

  it('ParseInt respects the bit size and sign', () => {
    expect(parseGoInt('2147483647', 32)).toBe(2147483647);
    expect(parseGoInt('2147483648', 32)).toBeUndefined();
    expect(parseGoInt('-1', 64)).toBe(-1);
    expect(parseGoInt('-1', 64, true)).toBeUndefined();
    expect(parseGoInt('1.5', 64)).toBeUndefined();
  });

  it('ParseDuration: units, fractions, compounds, and Go errors', () => {
    expect(parseGoDuration('1m30s')).toEqual({ nanos: 90e9 });
    expect(parseGoDuration('1.5s')).toEqual({ nanos: 1.5e9 });
    expect(parseGoDuration('600ms')).toEqual({ nanos: 600e6 });
    expect(parseGoDuration('0')).toEqual({ nanos: 0 });
    expect(parseGoDuration('10')).toEqual({ error: 'time: missing unit in duration "10"' });
    expect(parseGoDuration('5d')).toEqual({ error: 'time: unknown unit "d" in duration "5d"' });
    expect(parseGoDuration('')).toEqual({ error: 'time: invalid duration ""' });
  });

  it('whole CPU cores round up', () => {
    expect(wholeCpuCores('110m')).toBe(1);
    expect(wholeCpuCores('1')).toBe(1);
    expect(wholeCpuCores('1500m')).toBe(2);
    expect(wholeCpuCores('2')).toBe(2);
    expect(wholeCpuCores('1k')).toBe(1000);
  });
});
