/** Amounts for people (`1.2 CPU`, `1.5 GiB`) and for machines (numbers: millicores, bytes). */
import type { Amount, Amounts } from './effective-resources.js';

function decimal(whole: bigint, unit: bigint, digits: number): string {
  const negative = whole < 0n;
  const magnitude = negative ? -whole : whole;
  const factor = 10n ** BigInt(digits);
  const rounded = (magnitude * factor + unit / 2n) / unit;
  const integer = rounded / factor;
  const fraction = (rounded % factor).toString().padStart(digits, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${integer}${fraction ? '.' + fraction : ''}`;
}

/** Millicores as cores, to the millicore: `100m` -> `0.1 CPU`, `1500m` -> `1.5 CPU`. */
export function formatCpu(amount: Amount): string {
  return amount === 'unbounded' ? 'unbounded' : `${decimal(amount, 1000n, 3)} CPU`;
}

const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

/** Bytes in the largest binary unit the amount reaches, to two decimals: `134217728` -> `128 MiB`. */
export function formatMemory(amount: Amount): string {
  if (amount === 'unbounded') return 'unbounded';
  const magnitude = amount < 0n ? -amount : amount;
  let unit = 0;
  while (unit < BINARY_UNITS.length - 1 && magnitude >= 1024n ** BigInt(unit + 1)) unit++;
  return `${decimal(amount, 1024n ** BigInt(unit), 2)} ${BINARY_UNITS[unit]}`;
}

/** JSON numbers (millicores, bytes), `"unbounded"` for a missing limit. */
export function amountJson(amount: Amount): number | 'unbounded' {
  return amount === 'unbounded' ? amount : Number(amount);
}

export function amountsJson(a: Amounts): { cpuMillicores: number | 'unbounded'; memoryBytes: number | 'unbounded' } {
  return { cpuMillicores: amountJson(a.cpu), memoryBytes: amountJson(a.memory) };
}
