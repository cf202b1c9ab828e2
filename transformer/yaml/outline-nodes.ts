/** `yaml` scalar nodes as yaml's composer makes them: value, style and source range. */
import { Scalar } from 'yaml';
import { SINGLE_QUOTE } from './fast-read-chars.js';

export function scalarNode(value: unknown, type: Scalar.Type, start: number, end: number): Scalar {
  const node = new Scalar(value);
  node.type = type;
  node.range = [start, end, end];
  return node;
}

export function quotedType(quote: number): Scalar.Type {
  return quote === SINGLE_QUOTE ? Scalar.QUOTE_SINGLE : Scalar.QUOTE_DOUBLE;
}
