/** Port lists as Linkerd reads them: `80,8080-8090,http` (named ports resolved from the pod). */

interface PortRange {
  lower: number;
  upper: number;
}

/** Linkerd's `ParsePortRange`: `lower-upper` or one port, each 0..65535. */
export function parsePortRange(text: string): PortRange | { error: string } {
  const bounds = text.split('-');
  if (bounds.length > 2) return { error: 'ranges expected as <lower>-<upper>' };
  const [lowerText, upperText = lowerText] = bounds as [string, string?];
  const lower = portNumber(lowerText);
  if (lower === undefined) return { error: `"${lowerText}" is not a valid lower-bound` };
  const upper = portNumber(upperText!);
  if (upper === undefined) return { error: `"${upperText}" is not a valid upper-bound` };
  if (upper < lower) return { error: `"${text}": upper-bound must be greater than or equal to lower-bound` };
  return { lower, upper };
}

function portNumber(text: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(text)) return undefined;
  const n = Number(text);
  return n >= 0 && n <= 65535 ? n : undefined;
}

/** The items of a comma list, trimmed, a trailing comma ignored (Linkerd's `GetPortRanges`). */
function portListItems(text: string): string[] {
  return (text.endsWith(',') ? text.slice(0, -1) : text).split(',').map((item) => item.trim());
}

/**
 * `config.linkerd.io/opaque-ports` as the proxy gets it: named ports become their numbers, ranges
 * are re-spelled, invalid items are dropped (with Linkerd's warning).
 */
export function parseOpaquePorts(text: string, namedPorts: ReadonlyMap<string, number>): { ranges: string[]; problems: string[] } {
  const ranges: string[] = [];
  const problems: string[] = [];
  for (const item of portListItems(text)) {
    const named = namedPorts.get(item);
    if (named !== undefined) {
      ranges.push(String(named));
      continue;
    }
    const range = parsePortRange(item);
    if ('error' in range) problems.push(`Invalid port range [${item}]: ${range.error}`);
    else ranges.push(range.lower === range.upper ? String(range.lower) : `${range.lower}-${range.upper}`);
  }
  return { ranges, problems };
}
