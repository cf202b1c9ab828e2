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
export function renderItem(item: unknown, dashColumn: number, contentOffset: number, style: RenderStyle): string {
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
export function renderDocument(value: unknown, style: RenderStyle, json: boolean): string {
  if (json) return JSON.stringify(value, null, 2).split('\n').join(style.eol) + style.eol;
  return indentLines(renderLines(value, style), '', style.eol);
}
