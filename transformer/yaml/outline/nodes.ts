/**
 * `yaml` nodes as yaml's composer makes them (value, style, source range), built without yaml's
 * constructors: those define the node-type symbol on every instance (`Object.defineProperty`),
 * which was ~40% of the outline reader's time. Here the symbol sits on one prototype per node
 * kind, where `isScalar`/`isMap`/... find it the same way; everything else is yaml's own class.
 */
import { Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';
import { SINGLE_QUOTE } from '../fast-read/chars.js';

/** yaml's node-type symbol and each class's value of it, read off real instances once. */
function prototypeOf<T extends object>(sample: T): T {
  const [typeSymbol] = Object.getOwnPropertySymbols(sample);
  return Object.create(Object.getPrototypeOf(sample) as object, { [typeSymbol!]: { value: (sample as Record<symbol, unknown>)[typeSymbol!] } }) as T;
}

const SCALAR = prototypeOf(new Scalar(null));
const PAIR = prototypeOf(new Pair(null));
const MAP = prototypeOf(new YAMLMap());
const SEQ = prototypeOf(new YAMLSeq());

export function scalarNode(value: unknown, type: Scalar.Type, start: number, end: number): Scalar {
  const node = Object.create(SCALAR) as Scalar;
  node.value = value;
  node.type = type;
  node.range = [start, end, end];
  return node;
}

export function pairNode(key: Node, value: Node | null): Pair<Node, Node | null> {
  const node = Object.create(PAIR) as Pair<Node, Node | null>;
  node.key = key;
  node.value = value;
  return node;
}

export function mapNode(): YAMLMap {
  const node = Object.create(MAP) as YAMLMap;
  node.items = [];
  return node;
}

export function seqNode(): YAMLSeq {
  const node = Object.create(SEQ) as YAMLSeq;
  node.items = [];
  return node;
}

export function quotedType(quote: number): Scalar.Type {
  return quote === SINGLE_QUOTE ? Scalar.QUOTE_SINGLE : Scalar.QUOTE_DOUBLE;
}
