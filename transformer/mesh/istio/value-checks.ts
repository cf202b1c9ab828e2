/**
 * Checks of single annotation values, with Go's parsing rules (`netip.ParsePrefix`,
 * `strconv.ParseUint`, `resource.ParseQuantity`, Linux interface names). Each returns the problem
 * in Istio's words, or undefined when the value is fine.
 */
import { parseGoBool, parseGoUint } from './go-compat.js';
import { INTERCEPTION_MODES } from './proxy-config-fields.js';

export type Check = (value: string) => string | undefined;

export const checkInterceptionMode: Check = (mode) =>
  (INTERCEPTION_MODES as readonly string[]).includes(mode) ? undefined : `interceptionMode invalid, use ${INTERCEPTION_MODES.join(',')}: ${mode}`;

export const checkStatusPort: Check = (port) => {
  const problem = portProblem(port);
  return problem ? `status port invalid: failed parsing port '${port}': ${problem}` : undefined;
};

export const checkUint32: Check = (value) =>
  parseGoUint(value, 32) === undefined ? `strconv.ParseUint: parsing "${value}": must be a whole number in 0..4294967295` : undefined;

export const checkBool: Check = (value) =>
  parseGoBool(value) === undefined ? `strconv.ParseBool: parsing "${value}": invalid syntax` : undefined;

export const checkIncludeIPRanges: Check = (ranges) => {
  if (ranges === '*') return undefined;
  const problem = cidrListProblem(ranges);
  return problem ? `includeIPRanges invalid: ${problem}` : undefined;
};

export const checkExcludeIPRanges: Check = (ranges) => {
  const problem = cidrListProblem(ranges);
  return problem ? `excludeIPRanges invalid: ${problem}` : undefined;
};

export function checkPortList(parameter: string, allowWildcard: boolean): Check {
  return (ports) => {
    if (allowWildcard && ports === '*') return undefined;
    const trimmed = ports.trim();
    if (trimmed === '') return undefined;
    for (const port of trimmed.split(',')) {
      const problem = portProblem(port);
      if (problem) return `${parameter} invalid: failed parsing port '${port}': ${problem}`;
    }
    return undefined;
  };
}

export const checkInterfaceNames: Check = (interfaces) => {
  if (interfaces === '') return undefined;
  for (const raw of interfaces.split(',')) {
    const name = raw.trim();
    if (name === '') return 'empty interface name';
    if (name.length > 15) return `interface name "${name}" too long (max 15 chars)`;
    if (!/^[a-zA-Z][a-zA-Z0-9_.-]*$/.test(name)) return `interface name "${name}" contains invalid characters`;
  }
  return undefined;
};

const QUANTITY = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$/;

export const checkQuantity: Check = (value) => {
  if ([...value].some((c) => /\p{Cc}/u.test(c))) return 'value contains control characters';
  return QUANTITY.test(value) ? undefined : 'quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'';
};

function portProblem(port: string): string | undefined {
  const trimmed = port.trim();
  return parseGoUint(trimmed, 16) === undefined ? 'not a port number in 0..65535' : undefined;
}

function cidrListProblem(cidrs: string): string | undefined {
  if (cidrs === '') return undefined;
  for (const cidr of cidrs.split(',')) {
    if (!isPrefix(cidr)) return `failed parsing cidr '${cidr}': not an IP prefix such as 10.0.0.0/8 or fd00::/8`;
  }
  return undefined;
}

/** Go `netip.ParsePrefix`: an IPv4 or IPv6 address (no zone), `/`, decimal bits in range. */
export function isPrefix(text: string): boolean {
  const slash = text.lastIndexOf('/');
  if (slash < 0) return false;
  const addr = text.slice(0, slash);
  const bits = text.slice(slash + 1);
  if (!/^(0|[1-9][0-9]{0,2})$/.test(bits)) return false;
  if (isIPv4(addr)) return Number(bits) <= 32;
  if (isIPv6(addr)) return Number(bits) <= 128;
  return false;
}

function isIPv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255);
}

export function isIPv6(text: string): boolean {
  if (text.includes('%')) return false;
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = (s: string): string[] | undefined => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !tail) return false;
  const all = [...head, ...tail];
  let count = all.length;
  const last = all[all.length - 1];
  if (last !== undefined && last.includes('.')) {
    if (!isIPv4(last)) return false;
    all.pop();
    count += 1;
  }
  if (!all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  return halves.length === 2 ? count < 8 : count === 8;
}
