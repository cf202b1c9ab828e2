/**
 * Linkerd's boolean flags also take a value (`--manual=true`, `--ingress=false`: pflag, with Go's
 * `strconv.ParseBool`); commander's take none. Before parsing, `--flag=<bool>` becomes `--flag` or,
 * for false, `--no-flag` where the false value matters (it overrides the values), else nothing.
 */

/** Flags whose false value is applied to the values: they have a hidden `--no-` form. */
export const NEGATABLE = ['ingress', 'native-sidecar', 'enable-external-profiles'] as const;
const DROPPED_WHEN_FALSE = new Set(['manual', 'enable-debug-sidecar', 'verbose', 'ignore-cluster', 'disable-identity']);
const NEGATABLE_SET = new Set<string>(NEGATABLE);

const TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** argv of a `linkerd-inject` / `linkerd-uninject` command with `--flag=<bool>` rewritten; other arguments untouched. */
export function rewriteBoolFlags(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (const [i, arg] of argv.entries()) {
    if (arg === '--') return [...out, ...argv.slice(i)];
    const match = /^--([a-z-]+)=(.*)$/.exec(arg);
    const name = match?.[1];
    if (!match || !name || (!NEGATABLE_SET.has(name) && !DROPPED_WHEN_FALSE.has(name))) {
      out.push(arg);
      continue;
    }
    if (TRUE.has(match[2]!)) out.push(`--${name}`);
    else if (FALSE.has(match[2]!)) {
      if (NEGATABLE_SET.has(name)) out.push(`--no-${name}`);
    } else out.push(arg); // commander reports it
  }
  return out;
}
