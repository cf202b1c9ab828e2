/**
 * Paths into a YAML AST that survive edits elsewhere in the file: map keys by name and items of
 * keyed lists (containers, volumes, env...) by their merge key, never by index.
 */
import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';

/** A map key, a list index, or a keyed list item such as `{ name: 'istio-proxy' }`. */
export type PathSegment = string | number | KeySelector;
type KeySelector = { [mergeKey: string]: string | number };

export function isSelector(segment: PathSegment): segment is KeySelector {
  return typeof segment === 'object';
}

export function selectorKey(selector: KeySelector): [string, string | number] {
  const entry = Object.entries(selector)[0];
  if (!entry) throw new Error('empty key selector');
  return entry;
}

export function scalarKey(pair: Pair): string | undefined {
  const key = pair.key;
  if (isScalar(key) && (typeof key.value === 'string' || typeof key.value === 'number' || typeof key.value === 'boolean')) {
    return String(key.value);
  }
  return undefined;
}

export function findPair(map: YAMLMap, key: string): Pair<Node, Node | null> | undefined {
  return (map.items as Pair<Node, Node | null>[]).find((pair) => scalarKey(pair) === key);
}

export function itemKeyValue(item: unknown, mergeKey: string): string | number | undefined {
  if (!isMap(item)) return undefined;
  const pair = findPair(item, mergeKey);
  const value = pair?.value;
  if (isScalar(value) && (typeof value.value === 'string' || typeof value.value === 'number')) return value.value;
  return undefined;
}

export function findItem(seq: YAMLSeq, selector: KeySelector): { node: Node; index: number } | undefined {
  const [mergeKey, wanted] = selectorKey(selector);
  const index = seq.items.findIndex((item) => itemKeyValue(item, mergeKey) === wanted);
  return index === -1 ? undefined : { node: seq.items[index] as Node, index };
}

/** Where a node sits: as a map value (with its pair), as a sequence item, or as the document root. */
export type Location =
  | { kind: 'pair'; node: Node | null; pair: Pair<Node, Node | null>; parent: YAMLMap }
  | { kind: 'item'; node: Node; parent: YAMLSeq; index: number }
  | { kind: 'root'; node: Node };

export function resolvePath(root: Node, path: readonly PathSegment[]): Location | undefined {
  return resolveFrom({ kind: 'root', node: root }, path);
}

/** `resolvePath` from a node's own location, so a path `[]` keeps the pair or item it sits in. */
export function resolveFrom(start: Location, path: readonly PathSegment[]): Location | undefined {
  let location: Location = start;
  for (const segment of path) {
    const current: Node | null = location.node;
    if (typeof segment === 'string') {
      if (!isMap(current)) return undefined;
      const pair = findPair(current, segment);
      if (!pair) return undefined;
      location = { kind: 'pair', node: pair.value, pair, parent: current };
    } else if (typeof segment === 'number') {
      if (!isSeq(current)) return undefined;
      const node = current.items[segment] as Node | undefined;
      if (!node) return undefined;
      location = { kind: 'item', node, parent: current, index: segment };
    } else {
      if (!isSeq(current)) return undefined;
      const found = findItem(current, segment);
      if (!found) return undefined;
      location = { kind: 'item', node: found.node, parent: current, index: found.index };
    }
  }
  return location;
}

/** `spec.containers[name=istio-proxy].env` for messages and KRM `field.path`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string') out += /^[A-Za-z0-9_-]+$/.test(segment) ? (out ? '.' : '') + segment : `[${JSON.stringify(segment)}]`;
    else {
      const [key, value] = selectorKey(segment);
      out += `[${key}=${value}]`;
    }
  }
  return out;
}
