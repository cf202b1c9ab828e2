import { describe, expect, it } from 'vitest';
import { amountsJson, formatCpu, formatMemory } from '../../../transformer/resource-cost/format-amount.js';

describe('formatting amounts', () => {
  it.each([[0n, '0 CPU'], [100n, '0.1 CPU'], [1n, '0.001 CPU'], [1200n, '1.2 CPU'], [2000n, '2 CPU'], [-250n, '-0.25 CPU'], ['unbounded', 'unbounded']] as const)('cpu %s → %s', (amount, text) => {
    expect(formatCpu(amount)).toBe(text);
  });

  it.each([[0n, '0 B'], [1023n, '1023 B'], [1024n, '1 KiB'], [134217728n, '128 MiB'], [1610612736n, '1.5 GiB'], [100000000n, '95.37 MiB'], [1024n ** 4n, '1 TiB'], ['unbounded', 'unbounded']] as const)('memory %s → %s', (amount, text) => {
    expect(formatMemory(amount)).toBe(text);
  });

  it('gives JSON numbers in millicores and bytes', () => {
    expect(amountsJson({ cpu: 100n, memory: 'unbounded' })).toEqual({ cpuMillicores: 100, memoryBytes: 'unbounded' });
  });
});
