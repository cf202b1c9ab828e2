/**
 * A cluster input is either the ConfigMap manifest (`istio-sidecar-injector` with `data.config` and
 * `data.values`, `istio` with `data.mesh`) or just the content of that data key. This finds the
 * content and where it sits in the file.
 */
import { isMap, isScalar, parseDocument, type Node } from 'yaml';
import { PARSE_OPTIONS } from '../../yaml/yaml-options.js';
import { IDENTITY, positionAt, scalarContentMap, type PositionMap } from './source-position.js';
import type { SourceText } from './types.js';

export interface DataText {
  path: string;
  text: string;
  /** Positions in `text` -> positions in the file at `path`. */
  map: PositionMap;
}

type DataLookup =
  | { kind: 'bare'; data: DataText }
  | { kind: 'configmap'; name: string; data: Partial<Record<string, DataText>> }
  | { kind: 'error'; path: string; line: number; column: number; message: string };

/** Reads `source` as a ConfigMap (its string `data` entries) or, failing that, as bare content. */
export function lookupConfigMap(source: SourceText): DataLookup {
  const doc = parseDocument(source.text, PARSE_OPTIONS);
  const root = doc.errors.length === 0 ? doc.contents : null;
  if (!isMap(root) || (root.get('kind') as unknown) !== 'ConfigMap') return { kind: 'bare', data: { path: source.path, text: source.text, map: IDENTITY } };
  const metadata = root.get('metadata');
  const name = isMap(metadata) ? String((metadata.get('name') as unknown) ?? '') : '';
  const dataNode = root.get('data', true) as Node | undefined;
  const data: Partial<Record<string, DataText>> = {};
  if (dataNode !== undefined && dataNode !== null && !isMap(dataNode)) return error(source, dataNode, 'data: expected a mapping of strings');
  for (const pair of isMap(dataNode) ? dataNode.items : []) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value as Node | null;
    if (!isScalar(value) || typeof value.value !== 'string') return error(source, value ?? (pair.key as Node), `data.${key}: expected a string`);
    data[key] = { path: source.path, text: value.value, map: scalarContentMap(value, source.text, IDENTITY) };
  }
  return { kind: 'configmap', name, data };
}

function error(source: SourceText, node: Node | null | undefined, message: string): DataLookup {
  const at = positionAt(source.text, node?.range?.[0] ?? 0);
  return { kind: 'error', path: source.path, line: at.line, column: at.column, message };
}
