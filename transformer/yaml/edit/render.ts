/**
 * Renders new values as YAML text positioned for insertion into an existing file. Only new
 * nodes are ever rendered; the user's own text is never re-serialised.
 */
import { emitLines } from './emit.js';
import { indentLines } from './text-lines.js';

export interface RenderStyle {
  eol: string;
  /** Block sequences indented under their key (`key:\n  - a`) rather than kubectl's `key:\n- a`. */
  indentSeq: boolean;
}

function renderLines(value: unknown, style: RenderStyle): string[] {
  return emitLines(value, style.indentSeq);
}

/** `key: value` lines for a map entry whose key starts at `column`; the first line is not indented. */
export function renderPair(key: string, value: unknown, column: number, style: RenderStyle): string {
  const lines = renderLines({ [key]: value }, style);
  return indentLines(lines, ' '.repeat(column), style.eol).slice(column);
}

/** Whole lines for new map entries at `column`. */
export function renderPairLines(entries: ReadonlyArray<[string, unknown]>, column: number, style: RenderStyle): string {
  return entries.map(([key, value]) => ' '.repeat(column) + renderPair(key, value, column, style)).join('');
}

/**
 * Whole lines for new sequence items whose dash sits at `dashColumn` and whose content starts
 * `contentOffset` columns after the dash (2 for `- name`).
 */
export function renderItemLines(items: readonly unknown[], dashColumn: number, contentOffset: number, style: RenderStyle): string {
  return items.map((item) => ' '.repeat(dashColumn) + renderItem(item, dashColumn, contentOffset, style)).join('');
}

/** One sequence item starting at its dash; continuation lines indented to the content column. */
function renderItem(item: unknown, dashColumn: number, contentOffset: number, style: RenderStyle): string {
  const lines = renderLines([item], style);
  const pad = ' '.repeat(Math.max(1, contentOffset - 1));
  const shifted = lines.map((line, i) => {
    if (i === 0) return line.replace(/^- ?/, '-' + pad);
    return line.startsWith('  ') ? ' '.repeat(contentOffset) + line.slice(2) : line;
  });
  return indentLines(shifted, ' '.repeat(dashColumn), style.eol).slice(dashColumn);
}

/** Item content only (after `- `), for replacing an item in place. */
export function renderItemContent(item: unknown, dashColumn: number, contentOffset: number, style: RenderStyle): string {
  return renderItem(item, dashColumn, contentOffset, style).slice(contentOffset);
}

/** A whole document body: block YAML, or JSON when the original was a JSON document. */
export function renderDocument(value: unknown, style: RenderStyle, json: boolean, indentUnit = 2): string {
  if (json) return renderFlow(value, '', indentUnit, style.eol) + style.eol;
  return indentLines(renderLines(value, style), '', style.eol);
}

function flowScalar(value: unknown): string {
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return String(value);
    return Number.isNaN(value) ? '.nan' : value > 0 ? '.inf' : '-.inf';
  }
  if (typeof value === 'string') return JSON.stringify(value);
  return value === null || value === undefined ? 'null' : JSON.stringify(value);
}

/**
 * A value as pretty JSON (valid YAML flow) for a place inside a flow collection, where block
 * lines cannot go: `kubectl get -o json` output, or `{...}` written by hand. Lines after the
 * first are indented from `indent` (the indentation of the line the value starts on) by `unit`.
 */
export function renderFlow(value: unknown, indent: string, unit: number, eol: string): string {
  const step = ' '.repeat(unit);
  const walk = (node: unknown, at: string): string => {
    const inner = at + step;
    if (Array.isArray(node)) {
      if (!node.length) return '[]';
      return `[${eol}${node.map((item) => inner + walk(item, inner)).join(`,${eol}`)}${eol}${at}]`;
    }
    if (typeof node === 'object' && node !== null) {
      const entries = Object.entries(node);
      if (!entries.length) return '{}';
      return `{${eol}${entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${walk(item, inner)}`).join(`,${eol}`)}${eol}${at}}`;
    }
    return flowScalar(node);
  };
  return walk(value, indent);
}
