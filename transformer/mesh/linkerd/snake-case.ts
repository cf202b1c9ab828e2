/**
 * sprig's `snakecase` (huandu/xstrings `ToSnakeCase`) for the identifiers Linkerd's proxy
 * parameters use: `keepAliveInterval` → `keep_alive_interval`, `HTTPServer` → `http_server`,
 * `http2` → `http2`, `Bld4Floor` → `bld4_floor`, `HTTP2xx` → `http_2xx`.
 */
export function snakeCase(text: string): string {
  const words: string[] = [];
  // Words: an acronym (upper run not followed by lower), a capitalised or lower word, a number,
  // and the connectors `_`, `-`, space that separate words.
  const re = /[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+|[_\-\s]+|[^A-Za-z0-9_\-\s]+/g;
  const tokens = text.match(re) ?? [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (/^[_\-\s]+$/.test(token)) continue;
    const lower = token.toLowerCase();
    if (/^[0-9]+$/.test(token) && words.length > 0) {
      const next = tokens[i + 1];
      // A number followed by lower-case letters starts a word ("HTTP2xx" → "http_2xx").
      if (next !== undefined && /^[a-z]/.test(next)) {
        words.push(lower + next);
        i++;
        continue;
      }
      words[words.length - 1] += lower;
      continue;
    }
    words.push(lower);
  }
  return words.join('_');
}
