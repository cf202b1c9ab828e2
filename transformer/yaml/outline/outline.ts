/**
 * A document's `yaml` AST without running `yaml`, for documents inside the fast reader's subset
 * (`../fast-read/fast-read.ts`; plus CRLF and `---`/`...` marker lines, `source.ts`): the node tree is
 * made of yaml's own classes (`YAMLMap`, `YAMLSeq`, `Pair`, `Scalar`) in a yaml `Document`, and
 * every node's `range[0]` and `range[1]`, every collection's `flow`, every scalar's value (keys
 * included) and how empty values are shaped (a null `Scalar` with a position) are what
 * `parseDocument(text, PARSE_OPTIONS)` gives. `range[2]` too for nodes in block context (inside
 * a flow collection it equals `range[1]`); the document's own range is not yaml's. Nodes carry no
 * comments, `source` or `srcToken`. `data` is the document's plain value (`doc.toJS()`), and the
 * line counter answers `linePos` as yaml's does.
 *
 * Anything outside the subset answers undefined: parse with yaml (`../parse-document.ts`) instead.
 * test/transformer/yaml/outline/ checks all of the above against yaml on random documents.
 */
import { Document, LineCounter, type Node } from 'yaml';
import { isDecline, Lines } from '../fast-read/lines.js';
import { OutlineReader } from './read.js';
import { mapRanges, outlineSource } from './source.js';
import type { ParsedDocument } from '../parse-document.js';
import { PARSE_OPTIONS } from '../yaml-options.js';

interface Outline extends ParsedDocument {
  /** The document's plain data, as `toPlainData(doc)` gives it. */
  data: unknown;
}

export function readOutline(text: string): Outline | undefined {
  const source = outlineSource(text);
  if (source === undefined) return undefined;
  let contents: Node;
  let data: unknown;
  try {
    const lines = new Lines(source.body);
    let row = 0;
    while (lines.has(row) && lines.starts[row]! < source.start) row++;
    const reader = new OutlineReader(lines);
    contents = reader.readDocument(row);
    data = reader.value;
  } catch (thrown) {
    // RangeError: nesting too deep for the call stack; yaml then decides (and reports) as before.
    if (isDecline(thrown) || thrown instanceof RangeError) return undefined;
    throw thrown;
  }
  if (source.crs.length > 0) mapRanges(contents, source.crs);
  const doc = new Document(undefined, PARSE_OPTIONS) as Document.Parsed;
  doc.contents = contents as Document.Parsed['contents'];
  doc.range = [0, contents.range![2], text.length];
  return { doc, data, lineCounter: lineCounterOf(text) };
}

/** A line counter as yaml's parser fills it: a line starts at 0 and after every line feed. */
function lineCounterOf(text: string): LineCounter {
  const lineCounter = new LineCounter();
  const starts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  lineCounter.lineStarts = starts;
  return lineCounter;
}
