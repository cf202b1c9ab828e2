/**
 * Where each part of a config came from, so results can carry `file.line`/`file.column`.
 * Paths are key paths from the config's root (zod issue paths), not from the file's root.
 */
import { isMap, isNode, isScalar, Scalar, type Document, type LineCounter } from 'yaml';
import type { Segment } from './schema-walk.js';

export interface Position {
  line: number;
  column: number;
}

export interface SourceMap {
  /**
   * 1-based position of the value at `path`, or of its key with `target: 'key'`.
   * A missing path falls back to its nearest existing ancestor; an empty value points at its key.
   */
  position(path: readonly Segment[], target?: 'key' | 'value'): Position | undefined;
  /** The scalar at `path` as written: `source` is its text (`1.30` for a number that reads as 1.3). */
  scalar(path: readonly Segment[]): { source?: string; block: boolean } | undefined;
}

/** For configs that came from no text (JS modules, objects built in code). */
export const NO_SOURCE_MAP: SourceMap = { position: () => undefined, scalar: () => undefined };

/** Positions in a parsed YAML/JSON document whose config object sits at `base` (e.g. `['mesh-inject']` in package.json). */
export function yamlSourceMap(doc: Document, lineCounter: LineCounter, base: readonly Segment[] = []): SourceMap {
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const nodeAt = (path: readonly Segment[]) => {
    const node = doc.getIn([...base, ...path], true);
    return isNode(node) && node.range ? node : undefined;
  };
  const keyAt = (path: readonly Segment[]) => {
    const parent = doc.getIn([...base, ...path.slice(0, -1)], true);
    if (!isMap(parent)) return undefined;
    const name = String(path.at(-1));
    const pair = parent.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === name);
    return isNode(pair?.key) && pair.key.range ? pair.key : undefined;
  };

  return {
    position(path, target = 'value') {
      for (let n = path.length; n >= 0; n--) {
        const sub = path.slice(0, n);
        const exact = n === path.length;
        if (n > 0 && exact && target === 'key') {
          const key = keyAt(sub);
          if (key) return at(key.range![0]);
        }
        const node = nodeAt(sub);
        if (!node) continue;
        const empty = isScalar(node) && node.value === null && node.range![0] === node.range![1];
        const key = empty && n > 0 ? keyAt(sub) : undefined;
        return at((key ?? node).range![0]);
      }
      return undefined;
    },
    scalar(path) {
      const node = nodeAt(path);
      if (!isScalar(node)) return undefined;
      const block = node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED;
      const source = (node as Scalar & { source?: unknown }).source;
      return { source: typeof source === 'string' ? source : undefined, block };
    },
  };
}

/** The same positions, for a config that sits at `prefix` inside the mapped object (MeshInject `spec`). */
export function prefixedSourceMap(outer: SourceMap, prefix: readonly Segment[]): SourceMap {
  return {
    position: (path, target) => outer.position([...prefix, ...path], target),
    scalar: (path) => outer.scalar([...prefix, ...path]),
  };
}

interface EmbeddedSourceMap extends SourceMap {
  /** A position inside the embedded text → the outer file. */
  translate(position: Position | undefined): Position | undefined;
}

/** Positions inside a YAML document embedded in a string scalar (ConfigMap `data.config: |`), translated to the outer file. */
export function embeddedSourceMap(inner: SourceMap, outer: SourceMap, outerPath: readonly Segment[]): EmbeddedSourceMap {
  const header = outer.position(outerPath, 'value');
  const key = outer.position(outerPath, 'key');
  const block = outer.scalar(outerPath)?.block ?? false;
  const translate = (p: Position | undefined): Position | undefined => {
    // A block scalar's content starts on the line after its `|` header, indented (by convention) two
    // columns past its key. Other string styles cannot be mapped line by line: point at the value.
    if (!p || !header || !key || !block) return header;
    return { line: header.line + p.line, column: p.column + key.column + 1 };
  };
  return {
    translate,
    position: (path, target) => translate(inner.position(path, target)),
    scalar: (path) => inner.scalar(path),
  };
}
