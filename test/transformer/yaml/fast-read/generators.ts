/**
 * Random YAML texts for the fast reader's differential tests: random data (`valueOf`) printed by
 * yaml in many styles (`print`) or written loosely the way templates print it (`writeLoose`).
 */
import fc from 'fast-check';
import { Document, isScalar, Scalar, visit, type ToStringOptions } from 'yaml';

/** Strings that YAML 1.1 resolves, quotes or indents specially. */
export const TRICKY = [
  'yes', 'Yes', 'NO', 'on', 'Off', 'y', 'N', '~', 'null', 'Null', 'true', 'FALSE',
  '0644', '0x1F', '0b101', '0o17', '08', '00', '0', '-0', '+1', '1_000', '1e3', '1.', '.5', '1.0', '-1.5e-3', '.inf', '-.Inf', '.nan', '.', '-.', '0_', '0x_',
  '12345678901234567890', '2000m', '128Mi', '$(POD_NAMESPACE).svc', 'istio.io/rev', 'a:b', 'http://x:80/y', '<<',
  '- x', '-', '? x', ': x', 'a: b', 'a:', '#x', 'a #b', 'a#b', ' lead', 'trail ', '', ',x', 'a,b', 'a]b', '[a, b]', '{a: 1}', '{}', '[]',
  '&a', '*a', '!x', '|', '>', '%x', '@x', '`x', '---', '...', '"q"', "'q'", 'a"b', "a'b", '\\', '\\n',
  'é', '日本語', '😀', '\u00a0x', 'x\u00a0', 'a\nb', 'a\n\nb\n', '\n', ' \n ', 'x\n  y', '\t', 'a\tb', '\r\n', '\u0085', '\u2028',
];
const ALPHABET = [...'ab0179 :#-\n\'"{}[],.&*!|>?%@_~eExo\\\t'];

const text = fc.oneof(
  fc.constantFrom(...TRICKY),
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
  fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength: 10 }),
  fc.stringMatching(/^[a-z][a-zA-Z0-9.\/_-]{0,12}$/),
);
export const key = fc.oneof(fc.stringMatching(/^[a-z][a-zA-Z0-9.\/_-]{0,12}$/), text);
export const leaf = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.maxSafeInteger());

export function valueOf(scalar: fc.Arbitrary<unknown>, keys: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  return fc.letrec<{ value: unknown; list: unknown[]; map: Record<string, unknown> }>((tie) => ({
    value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('list'), tie('map')),
    list: fc.array(tie('value'), { maxLength: 4 }),
    map: fc.dictionary(keys, tie('value'), { maxKeys: 4, noNullPrototype: true }),
  })).value;
}

export const anyStyle: fc.Arbitrary<ToStringOptions & { version: '1.1' }> = fc.record({
  version: fc.constant('1.1' as const),
  indent: fc.constantFrom(2, 4),
  indentSeq: fc.boolean(),
  defaultStringType: fc.constantFrom(Scalar.PLAIN, Scalar.QUOTE_DOUBLE, Scalar.QUOTE_SINGLE, Scalar.BLOCK_LITERAL, Scalar.BLOCK_FOLDED),
  defaultKeyType: fc.constantFrom(null, Scalar.PLAIN, Scalar.QUOTE_DOUBLE, Scalar.QUOTE_SINGLE),
  blockQuote: fc.constantFrom(true, false, 'literal' as const, 'folded' as const),
  collectionStyle: fc.constantFrom('any' as const, 'block' as const, 'flow' as const),
  lineWidth: fc.constantFrom(0, 16, 80),
  flowCollectionPadding: fc.boolean(),
  nullStr: fc.constantFrom('null', '~', ''),
});

const comment = fc.oneof(fc.constant(undefined), fc.stringMatching(/^[ a-z#:-]{0,8}$/));

/** `value` printed by yaml, with random collections in flow style and random comments. */
export function print(value: unknown, style: ToStringOptions & { version: '1.1' }, g: fc.GeneratorValue): string | undefined {
  const doc = new Document(value, { version: '1.1' });
  visit(doc, {
    Node(_, node) {
      if ('flow' in node && g(fc.integer, { min: 0, max: 3 }) === 0) node.flow = true;
      node.commentBefore = g(() => comment) ?? null;
      if (isScalar(node)) node.comment = g(() => comment) ?? null;
    },
  });
  try {
    return doc.toString(style);
  } catch {
    return undefined; // an option mix yaml refuses to print
  }
}

/**
 * Block YAML written loosely, the way templates print it: random indents per level, sequences
 * indented or not under their key, extra spaces after `-`, deep block scalars, flow collections
 * over several lines with any indent for entries and closer, whitespace-only lines. Not meant to
 * round-trip `value`: yaml reading the same text is the oracle.
 */
export function writeLoose(value: unknown, g: fc.GeneratorValue): string {
  const pick = (min: number, max: number) => g(fc.integer, { min, max });
  const pad = (n: number) => ' '.repeat(Math.max(0, n));
  const blank = () => (pick(0, 6) === 0 ? [pad(pick(0, 12))] : []);
  const scalar = (v: unknown): string => {
    if (typeof v !== 'string') return v === null && pick(0, 1) === 0 ? '' : String(v);
    if (!v.includes('\n') && pick(0, 2) === 0) return `'${v.replaceAll("'", "''")}'`;
    return pick(0, 2) === 0 ? v.replaceAll('\n', ' ') : JSON.stringify(v);
  };
  const keyText = (k: string) => (/^[a-z][a-z0-9./_-]*$/.test(k) && pick(0, 3) > 0 ? k : JSON.stringify(k));
  const flow = (v: unknown, col: number, parent: number): string[] => {
    const entries = Array.isArray(v) ? v.map((x) => flowInline(x)) : Object.entries(v as object).map(([k, x]) => `${keyText(k)}: ${flowInline(x)}`);
    const [open, close] = Array.isArray(v) ? ['[', ']'] : ['{', '}'];
    if (entries.length === 0 || pick(0, 1) === 0) return [`${open}${entries.join(', ')}${close}`];
    const comma = pick(0, 1) === 0 ? ',' : '';
    return [open, ...entries.map((e, i) => `${pad(col + pick(-1, 3))}${e}${i < entries.length - 1 ? ',' : comma}`), `${pad(parent + pick(-1, 2))}${close}`];
  };
  const flowInline = (v: unknown): string => {
    if (Array.isArray(v)) return `[${v.map(flowInline).join(', ')}]`;
    if (v !== null && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${keyText(k)}: ${flowInline(x)}`).join(', ')}}`;
    return typeof v === 'string' ? JSON.stringify(v) : String(v);
  };
  /** Lines for `v` after an indicator ending `head` at block indent `parent`. */
  const after = (head: string, v: unknown, parent: number): string[] => {
    const col = parent + pick(1, 4);
    if (typeof v === 'string' && v.includes('\n') && pick(0, 1) === 0) {
      const lines = v.split('\n').map((line) => (line.trim() === '' ? pad(pick(0, col)) : pad(col) + line));
      return [`${head} ${g(fc.constantFrom, '|', '|-', '|+', '>', '>-')}`, ...lines, ...blank()];
    }
    if (v === null || typeof v !== 'object') return [`${head} ${scalar(v)}`.trimEnd()];
    if (pick(0, 4) === 0 || (Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0)) {
      const [first, ...rest] = flow(v, col, parent);
      return [`${head} ${first}`, ...rest];
    }
    const seqCol = Array.isArray(v) && head.endsWith(':') && pick(0, 1) === 0 ? parent : col;
    return [head, ...blank(), ...block(v, seqCol)];
  };
  const block = (v: object, col: number): string[] => {
    if (!Array.isArray(v)) return Object.entries(v).flatMap(([k, x]) => [...after(`${pad(col)}${keyText(k)}:`, x, col), ...blank()]);
    return v.flatMap((item) => {
      const gap = pad(pick(1, 3));
      const nested = item !== null && typeof item === 'object' && (Array.isArray(item) ? item.length > 0 : Object.keys(item).length > 0);
      if (nested && pick(0, 1) === 0) {
        const [first, ...rest] = block(item as object, col + 1 + gap.length);
        return [`${pad(col)}-${gap}${first!.trimStart()}`, ...rest, ...blank()];
      }
      return [...after(`${pad(col)}-`, item, col), ...blank()];
    });
  };
  if (value === null || typeof value !== 'object') return `${scalar(value)}\n`;
  return [...blank(), ...block(value, pick(0, 2)), ''].join('\n');
}

