/**
 * A small block-style YAML emitter for plain data (what injected nodes are made of). It quotes
 * every string a Kubernetes reader (YAML 1.1, go-yaml v2) would take for anything but a string,
 * and is an order of magnitude faster than building a `yaml` Document per inserted node.
 */

/** Scalars go-yaml v2 resolves to bool, null, int, float, merge or value; plus timestamps. */
const AMBIGUOUS = new RegExp(
  [
    '^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$',
    '^(?:~|null|Null|NULL)$',
    '^[-+]?(?:0|[1-9][0-9_]*)$',
    '^[-+]?0b[01_]+$',
    '^[-+]?0o?[0-7_]+$',
    '^[-+]?0x[0-9a-fA-F_]+$',
    '^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?$',
    '^[-+]?(?:\\.[0-9]+|[0-9][0-9_]*(?:\\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?$',
    '^[-+]?\\.(?:inf|Inf|INF)$',
    '^\\.(?:nan|NaN|NAN)$',
    '^\\d{4}-\\d\\d?-\\d\\d?',
    '^(?:<<|=)$',
  ].join('|'),
);

/** Characters that cannot start a plain scalar (`-`, `?`, `:` only when followed by a space). */
const BAD_START = /^(?:[\s,[\]{}#&*!|>'"%@`]|[-?:](?:\s|$))/;
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPES = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u0085\u2028\u2029\ufeff]/;

function isPlainSafe(value: string): boolean {
  return (
    value !== '' &&
    !BAD_START.test(value) &&
    !/\s$/.test(value) &&
    !value.includes(': ') &&
    !value.includes(' #') &&
    !value.endsWith(':') &&
    !value.includes('\t') &&
    !value.includes('\n') &&
    !value.includes('\r') &&
    !NEEDS_ESCAPES.test(value) &&
    !AMBIGUOUS.test(value)
  );
}

export function emitScalar(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  const text = String(value);
  if (isPlainSafe(text)) return text;
  if (text.includes('"') && !text.includes("'") && !NEEDS_ESCAPES.test(text) && !/[\n\r\t]/.test(text)) return `'${text}'`;
  return JSON.stringify(text);
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A literal block scalar for multi-line strings that can be one (`|`, `|-`, `|+`). */
function literalBlock(text: string, indent: string): string[] | undefined {
  if (NEEDS_ESCAPES.test(text) || text.includes('\r') || /[ \t]\n|[ \t]$/.test(text)) return undefined;
  const body = text.replace(/\n+$/, '');
  const trailing = text.length - body.length;
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  const indicator = body.startsWith(' ') ? '2' : '';
  const lines = body.split('\n').map((line) => (line === '' ? '' : indent + line));
  for (let i = 1; i < trailing; i++) lines.push('');
  return [`|${indicator}${chomp}`, ...lines];
}

/**
 * Lines of `value` rendered at column 0. `indentSeq` puts sequences under map keys one level
 * deeper (`key:\n  - a`) instead of kubectl's style (`key:\n- a`).
 */
export function emitLines(value: unknown, indentSeq: boolean): string[] {
  const out: string[] = [];
  emitNode(value, '', indentSeq, out);
  return out;
}

function emitNode(value: unknown, indent: string, indentSeq: boolean, out: string[]): void {
  if (isMap(value)) {
    const keys = Object.keys(value);
    if (!keys.length) out.push(indent + '{}');
    for (const key of keys) emitPair(key, value[key], indent, indentSeq, out);
  } else if (Array.isArray(value)) {
    if (!value.length) out.push(indent + '[]');
    for (const item of value) emitItem(item, indent, indentSeq, out);
  } else {
    out.push(indent + emitScalar(value));
  }
}

function emitPair(key: string, value: unknown, indent: string, indentSeq: boolean, out: string[]): void {
  const head = `${indent}${emitScalar(key)}:`;
  if (isMap(value) && Object.keys(value).length) {
    out.push(head);
    emitNode(value, indent + '  ', indentSeq, out);
  } else if (Array.isArray(value) && value.length) {
    out.push(head);
    emitNode(value, indentSeq ? indent + '  ' : indent, indentSeq, out);
  } else if (typeof value === 'string' && value.includes('\n')) {
    const block = literalBlock(value, indent + '  ');
    if (block) {
      out.push(`${head} ${block[0]}`, ...block.slice(1));
    } else {
      out.push(`${head} ${emitScalar(value)}`);
    }
  } else {
    out.push(`${head} ${isMap(value) ? '{}' : Array.isArray(value) ? '[]' : emitScalar(value)}`);
  }
}

function emitItem(item: unknown, indent: string, indentSeq: boolean, out: string[]): void {
  const inner = indent + '  ';
  if ((isMap(item) && Object.keys(item).length) || (Array.isArray(item) && item.length)) {
    const start = out.length;
    emitNode(item, inner, indentSeq, out);
    out[start] = `${indent}- ${out[start]!.slice(inner.length)}`;
  } else if (typeof item === 'string' && item.includes('\n')) {
    const block = literalBlock(item, inner);
    if (block) out.push(`${indent}- ${block[0]}`, ...block.slice(1));
    else out.push(`${indent}- ${emitScalar(item)}`);
  } else {
    out.push(`${indent}- ${isMap(item) ? '{}' : Array.isArray(item) ? '[]' : emitScalar(item)}`);
  }
}
