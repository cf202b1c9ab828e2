import { describe, expect, it } from 'vitest';
import { isEmptyValue, isZeroValue, omitsField } from '../../../transformer/go/go-omit.js';
import { goStruct, parseGoType } from '../../../transformer/go/go-schema.js';

/** Go's `encoding/json` `isEmptyValue`, per type: [Go type, value, empty?]. */
const EMPTY: Array<[type: string, value: unknown, empty: boolean]> = [
  ['string', '', true],
  ['string', 'x', false],
  ['bool', false, true],
  ['bool', true, false],
  ['int32', 0, true],
  ['int64', 0n, true],
  ['int32', 1, false],
  ['float64', 0, true],
  ['*int64', null, true],
  ['*int64', 0, false], // a non-nil pointer to zero
  ['*int64', 0n, false],
  ['*bool', false, false],
  ['*string', '', false],
  ['*core.Probe', {}, false],
  ['[]string', null, true],
  ['[]string', [], true],
  ['[]string', [''], false],
  ['{}string', null, true],
  ['{}string', {}, true],
  ['{}string', { a: '' }, false],
  ['bytes', '', true],
  ['bytes', null, true],
  ['bytes', 'AA==', false],
  ['core.ResourceRequirements', {}, false], // a struct is never empty
  ['Quantity', '0', false],
  ['Quantity', null, false],
  ['IntOrString', 0, false],
  ['Time', null, false], // a zero Time prints null
  ['Raw', null, false],
];

describe('Go omitempty (isEmptyValue)', () => {
  for (const [type, value, empty] of EMPTY) {
    it(`${type} ${JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? `${v}n` : v))}: ${empty ? 'empty' : 'not empty'}`, () => {
      expect(isEmptyValue(parseGoType(type), value)).toBe(empty);
    });
  }
});

describe('Go omitzero', () => {
  it('drops the zero value only', () => {
    expect(isZeroValue(parseGoType('Time'), null)).toBe(true);
    expect(isZeroValue(parseGoType('Time'), '2024-01-01T00:00:00Z')).toBe(false);
    expect(isZeroValue(parseGoType('[]string'), [])).toBe(false); // empty, not nil
    expect(isZeroValue(parseGoType('Quantity'), '0')).toBe(true);
    expect(isZeroValue(parseGoType('core.ContainerPort'), { containerPort: 0, name: '' })).toBe(true);
    expect(isZeroValue(parseGoType('core.ContainerPort'), { containerPort: 80 })).toBe(false);
  });

  it('applies to the fields that carry it (ObjectMeta.creationTimestamp)', () => {
    const field = goStruct('meta.ObjectMeta').byName.get('creationTimestamp')!;
    expect(omitsField(field, null)).toBe(true);
    expect(omitsField(goStruct('core.Container').byName.get('resources')!, {})).toBe(false);
    expect(omitsField(goStruct('core.SecurityContext').byName.get('runAsUser')!, 0n)).toBe(false);
  });
});
