/**
 * `sigs.k8s.io/yaml.Marshal` (what Istio's `toYaml` calls): the value goes through Go JSON, is
 * decoded by go-yaml v3 (integers stay integers) and emitted by go-yaml v3 with 2-space indent,
 * compact sequences (`key:\n- a`), width 80, keys in go-yaml's natural order (`a2` < `a10`).
 *
 * Scalar styles follow go-yaml's rules: plain when the text reads back as the same string,
 * `"double quoted"` when it would read as something else (`"true"`, `"1"`, `""`, `"2006-01-02"`,
 * `"yes"`), `'single quoted'` when it starts with an indicator (`'*'`, `'- x'`), literal blocks
 * (`|`, `|-`, `|+`) for multi-line text, and long lines folded at spaces after column 80.
 * Keys over 128 bytes or with line breaks are written as `? key` / `: value` pairs, as go-yaml does.
 */
import { CycleGuard } from './cycle-guard.js';
import { GoFuncError } from './errors.js';
import { SizeMeter, chargeSteps } from './limits.js';
import { formatFloat, formatFloatJSON } from './float-format.js';
import { parseGoFloat, parseGoInteger } from './go-literals.js';
import { MAX_INT64, MIN_INT64, goKind, sortedKeys, structFields } from './values.js';
import { Emitter, type YNode } from './yaml-emitter.js';
import { yamlKeyLess } from './yaml-resolve.js';

// --- value -> YAML tree (through JSON semantics) ---

function numberNode(jsonText: string): YNode {
  const asInt = parseGoInteger(jsonText, true) ?? parseGoInteger(jsonText, false);
  if (asInt !== undefined) return { kind: 'plain', text: asInt.toString() };
  const f = parseGoFloat(jsonText) ?? Number(jsonText);
  return { kind: 'plain', text: yamlFloat(f) };
}

function yamlFloat(f: number): string {
  const s = formatFloat(f, 'g', -1);
  if (s === '+Inf') return '.inf';
  if (s === '-Inf') return '-.inf';
  if (s === 'NaN') return '.nan';
  return s;
}

/** The YAML tree of `value`; each node (one character at least when written) and each text is counted on `size`. */
function toTree(value: unknown, seen: CycleGuard, size: SizeMeter): YNode | undefined {
  size.add(1);
  switch (goKind(value)) {
    case 'invalid':
    case 'nil':
      return { kind: 'plain', text: 'null' };
    case 'bool':
      return { kind: 'plain', text: value ? 'true' : 'false' };
    case 'int': {
      const n = value as bigint;
      // An int64 reads back as the same integer: its decimal text is the node.
      return n >= MIN_INT64 && n <= MAX_INT64 ? { kind: 'plain', text: n.toString() } : numberNode(n.toString());
    }
    case 'float': {
      const f = value as number;
      if (!Number.isFinite(f)) throw new GoFuncError(`error marshaling into JSON: json: unsupported value: ${Number.isNaN(f) ? 'NaN' : f > 0 ? '+Inf' : '-Inf'}`);
      return numberNode(formatFloatJSON(f));
    }
    case 'string':
      size.add((value as string).length);
      return { kind: 'string', text: value as string };
    case 'func':
      return undefined;
    default:
      break;
  }
  const obj = value as object;
  if (!seen.enter(obj)) throw new GoFuncError('error marshaling into JSON: json: unsupported value: encountered a cycle');
  try {
    if (Array.isArray(obj)) {
      // Each item is a node of the tree and a line of text (`- item`): two steps.
      chargeSteps(2 * obj.length);
      size.add(3 * obj.length);
      return { kind: 'seq', items: obj.map((item) => toTree(item, seen, size) ?? { kind: 'plain', text: 'null' }) };
    }
    let entries: [string, unknown][];
    if (goKind(obj) === 'map') entries = sortedKeys(obj).map((k) => [k, (obj as Record<string, unknown>)[k]]);
    else {
      const toJSON = (obj as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === 'function') return toTree((toJSON as () => unknown).call(obj), seen, size);
      entries = structFields(obj);
    }
    const out: [string, YNode][] = [];
    for (const [k, v] of entries) {
      const node = toTree(v, seen, size);
      if (node === undefined) continue;
      size.add(k.length);
      out.push([k, node]);
    }
    out.sort(([a], [b]) => (yamlKeyLess(a, b) ? -1 : yamlKeyLess(b, a) ? 1 : 0));
    return { kind: 'map', entries: out };
  } finally {
    seen.leave(obj);
  }
}

/** `sigs.k8s.io/yaml.Marshal(value)`: YAML text ending in a newline. Throws `GoFuncError`. */
export function marshalYAML(value: unknown): string {
  const size = new SizeMeter();
  const tree = toTree(value, new CycleGuard(), size) ?? { kind: 'plain', text: 'null' };
  const e = new Emitter(size);
  e.node(tree, -1, false);
  e.writeIndent(0);
  return e.out;
}
