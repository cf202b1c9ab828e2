/**
 * Go `encoding/json` as templates reach it (sprig `toJson`/`toPrettyJson`/`toRawJson`, Istio
 * `toJSON`/`structToJSON`/`toJsonMap`) and `json.Unmarshal` into `interface{}` (`fromJson`).
 *
 * Encoding: map keys sorted, struct fields in order (a struct's `toJSON()` gives its JSON view,
 * the way a Go type's `MarshalJSON` or json tags would; the view's own keys keep their order),
 * `<>&` escaped as `\u003c` unless raw,
 * float64 as Go prints it (`1e+21`, `1e-7`), ints exactly. Functions are skipped.
 */
import { CycleGuard } from './cycle-guard.js';
import { GoFuncError } from './errors.js';
import { formatFloatJSON } from './float-format.js';
import { SizeMeter, chargeSteps } from './limits.js';
import { goKind, sortedKeys, structFields } from './values.js';

interface JSONOptions {
  /** Escape `<`, `>`, `&` (Go's default; sprig `toRawJson` turns it off). */
  escapeHTML?: boolean;
  /** Go `json.MarshalIndent(v, "", indent)`. */
  indent?: string;
}

function hex4(n: number): string {
  return n.toString(16).padStart(4, '0');
}

/** Characters `jsonString` writes escaped (with and without `escapeHTML`). */
const NEEDS_ESCAPE_HTML = /["\\\u0000-\u001f<>&\u2028\u2029\ud800-\udfff]/;
const NEEDS_ESCAPE = /["\\\u0000-\u001f\u2028\u2029\ud800-\udfff]/;

function jsonString(text: string, escapeHTML = true): string {
  // Most strings need no escaping: copied whole rather than character by character.
  if (!(escapeHTML ? NEEDS_ESCAPE_HTML : NEEDS_ESCAPE).test(text)) return '"' + text + '"';
  chargeSteps(text.length);
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    switch (c) {
      case 0x22:
        out += '\\"';
        continue;
      case 0x5c:
        out += '\\\\';
        continue;
      case 0x0a:
        out += '\\n';
        continue;
      case 0x0d:
        out += '\\r';
        continue;
      case 0x09:
        out += '\\t';
        continue;
      case 0x08:
        out += '\\b';
        continue;
      case 0x0c:
        out += '\\f';
        continue;
    }
    if (c < 0x20) out += '\\u' + hex4(c);
    else if (escapeHTML && (c === 0x3c || c === 0x3e || c === 0x26)) out += '\\u' + hex4(c);
    else if (c === 0x2028 || c === 0x2029) out += '\\u' + hex4(c);
    else if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += text[i]! + text[i + 1]!;
        i++;
      } else out += '\\ufffd';
    } else if (c >= 0xdc00 && c <= 0xdfff) out += '\\ufffd';
    else out += text[i];
  }
  return out + '"';
}

/** The value a struct serializes as: its `toJSON()` result, or its fields. */
function jsonView(value: object): unknown {
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return (toJSON as () => unknown).call(value);
  return undefined;
}

/**
 * The encoding of `value`. Scalars, keys and each element's indentation are counted on `size` as
 * they are made, so a value too big to encode stops before its parts are joined.
 */
function encode(value: unknown, opts: Required<JSONOptions>, depth: string, seen: CycleGuard, size: SizeMeter, ordered = false): string | undefined {
  const scalar = encodeScalar(value, opts);
  if (scalar !== null) {
    if (scalar !== undefined) size.add(scalar.length);
    return scalar;
  }
  const obj = value as object;
  if (!seen.enter(obj)) throw new GoFuncError('json: unsupported value: encountered a cycle');
  try {
    const inner = depth + opts.indent;
    const nl = opts.indent === '' ? '' : '\n';
    const colon = opts.indent === '' ? ':' : ': ';
    size.add(2 + depth.length);
    if (Array.isArray(obj)) {
      if (obj.length === 0) return '[]';
      chargeSteps(obj.length);
      const items = obj.map((item) => {
        size.add(inner.length + 2);
        return encode(item, opts, inner, seen, size) ?? 'null';
      });
      return '[' + nl + items.map((s) => inner + s).join(',' + nl) + nl + depth + ']';
    }
    let entries: [string, unknown][];
    if (goKind(obj) === 'map') {
      entries = ordered ? Object.entries(obj) : sortedKeys(obj).map((k) => [k, (obj as Record<string, unknown>)[k]]);
    } else {
      const view = jsonView(obj);
      // A struct's JSON view keeps its own key order, as struct fields do.
      if (view !== undefined) return encode(view, opts, depth, seen, size, true);
      entries = structFields(obj);
    }
    const parts: string[] = [];
    for (const [k, v] of entries) {
      const encoded = encode(v, opts, inner, seen, size);
      if (encoded === undefined) continue;
      const key = jsonString(k, opts.escapeHTML);
      size.add(inner.length + key.length + 3);
      parts.push(inner + key + colon + encoded);
    }
    if (parts.length === 0) return '{}';
    return '{' + nl + parts.join(',' + nl) + nl + depth + '}';
  } finally {
    seen.leave(obj);
  }
}

/** The encoding of a scalar (undefined for a function, which is skipped), or null for a list, map or struct. */
function encodeScalar(value: unknown, opts: Required<JSONOptions>): string | undefined | null {
  switch (goKind(value)) {
    case 'invalid':
    case 'nil':
      return 'null';
    case 'bool':
      return value ? 'true' : 'false';
    case 'int':
      return (value as bigint).toString();
    case 'float': {
      const f = value as number;
      if (!Number.isFinite(f)) throw new GoFuncError(`json: unsupported value: ${Number.isNaN(f) ? 'NaN' : f > 0 ? '+Inf' : '-Inf'}`);
      return formatFloatJSON(f);
    }
    case 'string':
      return jsonString(value as string, opts.escapeHTML);
    case 'func':
      return undefined;
    default:
      return null;
  }
}

/** Go `json.Marshal` (or `MarshalIndent` with `indent`). Throws `GoFuncError` on NaN/Inf/cycles. */
export function marshalJSON(value: unknown, options: JSONOptions = {}): string {
  const opts: Required<JSONOptions> = { escapeHTML: options.escapeHTML ?? true, indent: options.indent ?? '' };
  return encode(value, opts, '', new CycleGuard(), new SizeMeter()) ?? 'null';
}

/** Go `json.Unmarshal` into `interface{}`: objects become maps, numbers float64. Throws on bad JSON. */
export function unmarshalJSON(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new GoFuncError(e instanceof Error ? e.message : String(e));
  }
}
