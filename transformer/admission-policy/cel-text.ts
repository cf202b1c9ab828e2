/** CEL source text: literals, and the config's namespace globs as standard CEL on a string expression. */

/** A CEL string literal (single-quoted; backslash, quote and control characters escaped). */
export function celString(value: string): string {
  const escaped = value.replace(/[\\'\u0000-\u001f\u007f]/g, (ch) => {
    if (ch === '\\' || ch === "'") return `\\${ch}`;
    return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  return `'${escaped}'`;
}

export function celStringList(values: readonly string[]): string {
  return `[${values.map(celString).join(', ')}]`;
}

export function celStringMap(entries: ReadonlyMap<string, string> | readonly (readonly [string, string])[]): string {
  return `{${[...entries].map(([k, v]) => `${celString(k)}: ${celString(v)}`).join(', ')}}`;
}

/** RE2 escaping of a literal piece of a glob. */
function re2Literal(text: string): string {
  return text.replace(/[.+^$*?{}()|[\]\\]/g, '\\$&');
}

/**
 * `subject` matches any of the globs, as `data/globs.ts` matches them (`*` any run, `?` one
 * character, anchored): plain names as one `in` list, a trailing `*` as `startsWith`, anything
 * else as `matches()` with an anchored RE2 expression. No globs: `false`.
 */
export function globsToCel(subject: string, globs: readonly string[]): string {
  const names = [...new Set(globs.filter((g) => !/[*?]/.test(g)))].sort();
  const terms: string[] = [];
  if (globs.includes('*')) return 'true';
  if (names.length === 1) terms.push(`${subject} == ${celString(names[0]!)}`);
  else if (names.length > 1) terms.push(`${subject} in ${celStringList(names)}`);
  for (const glob of [...new Set(globs.filter((g) => /[*?]/.test(g)))].sort()) {
    const prefix = glob.slice(0, -1);
    if (glob.endsWith('*') && !/[*?]/.test(prefix)) terms.push(`${subject}.startsWith(${celString(prefix)})`);
    else terms.push(`${subject}.matches(${celString(`^${glob.split(/([*?])/).map((part) => (part === '*' ? '.*' : part === '?' ? '.' : re2Literal(part))).join('')}$`)})`);
  }
  if (terms.length === 0) return 'false';
  return terms.length === 1 ? terms[0]! : terms.map((t) => `(${t})`).join(' || ');
}
