/**
 * The JSON patch (RFC 6902) that turns one object into another, both plain data. Ops are made to be
 * applied in order, with exact list indexes: a list item inserted first stays first (an init
 * container Istio or Linkerd puts ahead of the user's), a rewritten probe is replaced in place, a
 * dropped field is removed. Strategic merge patches cannot say all of that (they append and merge).
 *
 * `test` ops guard the ops that depend on what the base holds: the name of a list item before it
 * is changed or removed at its index, the old value of a scalar before it is replaced or removed.
 * When the base changes under the patch (a container added in front, a probe's path edited),
 * `kustomize build` fails instead of patching the wrong item or dropping the edit.
 */
import { deepEqual } from '../yaml/deep-equal.js';

export type JsonPatchOp =
  | { op: 'test'; path: string; value: unknown }
  | { op: 'add'; path: string; value: unknown }
  | { op: 'replace'; path: string; value: unknown }
  | { op: 'remove'; path: string };

type Segment = string | number;

/** A JSON pointer (RFC 6901): `~` is `~0`, `/` is `~1` (`prometheus.io/port` → `prometheus.io~1port`). */
export function jsonPointer(path: readonly Segment[]): string {
  return path.map((s) => '/' + String(s).replaceAll('~', '~0').replaceAll('/', '~1')).join('');
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScalar(value: unknown): boolean {
  return typeof value !== 'object' || value === null;
}

function nameOf(value: unknown): string | undefined {
  return isMap(value) && typeof value.name === 'string' ? value.name : undefined;
}

export function diffToPatch(from: unknown, to: unknown): JsonPatchOp[] {
  const ops: JsonPatchOp[] = [];
  diffValue(from, to, [], ops);
  return ops;
}

function diffValue(from: unknown, to: unknown, path: Segment[], ops: JsonPatchOp[]): void {
  if (isMap(from) && isMap(to)) return diffMap(from, to, path, ops);
  if (Array.isArray(from) && Array.isArray(to)) return diffList(from, to, path, ops);
  if (deepEqual(from, to)) return;
  if (isScalar(from)) ops.push({ op: 'test', path: jsonPointer(path), value: from });
  ops.push({ op: 'replace', path: jsonPointer(path), value: to });
}

function diffMap(from: Record<string, unknown>, to: Record<string, unknown>, path: Segment[], ops: JsonPatchOp[]): void {
  for (const [key, value] of Object.entries(from)) {
    if (Object.hasOwn(to, key)) continue;
    if (isScalar(value)) ops.push({ op: 'test', path: jsonPointer([...path, key]), value });
    ops.push({ op: 'remove', path: jsonPointer([...path, key]) });
  }
  for (const [key, value] of Object.entries(to)) {
    if (Object.hasOwn(from, key)) diffValue(from[key], value, [...path, key], ops);
    else ops.push({ op: 'add', path: jsonPointer([...path, key]), value });
  }
}

/**
 * Items are aligned by a longest common subsequence of their identities (the `name` of a container,
 * volume or env var; else the item itself), then walked in order with the index the list has at
 * that point: removals at the index, insertions at the index, matched items diffed in place. A
 * list with no item in common is replaced whole.
 */
function diffList(from: unknown[], to: unknown[], path: Segment[], ops: JsonPatchOp[]): void {
  const steps = align(from, to);
  if (from.length > 0 && !steps.some((s) => s.kind === 'keep')) {
    ops.push({ op: 'replace', path: jsonPointer(path), value: to });
    return;
  }
  let index = 0;
  for (const step of steps) {
    if (step.kind === 'remove') {
      guardItem(from[step.from], [...path, index], ops);
      ops.push({ op: 'remove', path: jsonPointer([...path, index]) });
    } else if (step.kind === 'add') {
      ops.push({ op: 'add', path: jsonPointer([...path, index]), value: to[step.to] });
      index++;
    } else {
      const inner: JsonPatchOp[] = [];
      diffValue(from[step.from], to[step.to], [...path, index], inner);
      const name = nameOf(from[step.from]);
      if (inner.length && name !== undefined) ops.push({ op: 'test', path: jsonPointer([...path, index, 'name']), value: name });
      ops.push(...inner);
      index++;
    }
  }
}

/** A named item is checked by its name (a scalar item's replace or removal carries its own test). */
function guardItem(item: unknown, path: Segment[], ops: JsonPatchOp[]): void {
  const name = nameOf(item);
  if (name !== undefined) ops.push({ op: 'test', path: jsonPointer([...path, 'name']), value: name });
  else if (isScalar(item)) ops.push({ op: 'test', path: jsonPointer(path), value: item });
}

type Step = { kind: 'keep'; from: number; to: number } | { kind: 'remove'; from: number } | { kind: 'add'; to: number };

/** An item's identity: its `name` when it has one (containers, volumes, env), else its whole value. */
function sameItem(a: unknown, b: unknown): boolean {
  const an = nameOf(a);
  const bn = nameOf(b);
  if (an !== undefined || bn !== undefined) return an === bn;
  return deepEqual(a, b);
}

function align(from: readonly unknown[], to: readonly unknown[]): Step[] {
  const n = from.length;
  const m = to.length;
  // lcs[i][j]: length of the longest common subsequence of from[i..] and to[j..].
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = sameItem(from[i], to[j]) ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const steps: Step[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && sameItem(from[i], to[j]) && lcs[i]![j] === lcs[i + 1]![j + 1]! + 1) steps.push({ kind: 'keep', from: i++, to: j++ });
    else if (j < m && (i === n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) steps.push({ kind: 'add', to: j++ });
    else steps.push({ kind: 'remove', from: i++ });
  }
  return steps;
}

/** Applies ops as RFC 6902 does (add inserts into lists, `-` appends, test throws on a mismatch): the self-check of every patch. */
export function applyPatch(document: unknown, ops: readonly JsonPatchOp[]): unknown {
  let root = structuredClone(document);
  for (const op of ops) {
    const segments = op.path.split('/').slice(1).map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
    if (segments.length === 0) {
      if (op.op === 'test') {
        if (!deepEqual(root, op.value)) throw new Error('test of the root failed');
        continue;
      }
      if (op.op === 'remove') throw new Error('cannot remove the root');
      root = structuredClone(op.value);
      continue;
    }
    const last = segments.pop()!;
    let parent: unknown = root;
    for (const s of segments) {
      parent = Array.isArray(parent) ? parent[Number(s)] : isMap(parent) ? parent[s] : undefined;
      if (parent === undefined) throw new Error(`${op.path}: no such parent`);
    }
    if (op.op === 'test') {
      const actual = Array.isArray(parent) ? parent[Number(last)] : isMap(parent) && Object.hasOwn(parent, last) ? parent[last] : undefined;
      if (!deepEqual(actual, op.value)) throw new Error(`${op.path}: test failed`);
      continue;
    }
    if (Array.isArray(parent)) {
      const index = last === '-' ? parent.length : Number(last);
      if (!Number.isInteger(index) || index < 0 || index > parent.length || (op.op !== 'add' && index === parent.length)) throw new Error(`${op.path}: index out of range`);
      if (op.op === 'add') parent.splice(index, 0, structuredClone(op.value));
      else if (op.op === 'replace') parent[index] = structuredClone(op.value);
      else parent.splice(index, 1);
    } else if (isMap(parent)) {
      if (op.op !== 'add' && !Object.hasOwn(parent, last)) throw new Error(`${op.path}: no such member`);
      if (op.op === 'remove') delete parent[last];
      else parent[last] = structuredClone(op.value);
    } else {
      throw new Error(`${op.path}: parent is a scalar`);
    }
  }
  return root;
}
