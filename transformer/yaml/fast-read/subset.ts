/**
 * Whole-text reasons for the fast YAML reader to leave a text to yaml: unusual characters, and
 * directives or document markers (several documents, stream syntax). Both are rare, so one native
 * scan looks for either and only a text it flags gets a closer look.
 */
import { DASH, NEWLINE, SPACE } from './chars.js';

/** Tabs, CR, BOM, control and Unicode line-break characters: yaml has special rules for them. */
const UNUSUAL_CHARACTERS = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]/;
/** The same, or a line starting like a directive or document marker. */
const UNUSUAL_OR_STREAM = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]|\n(?:%|---|\.\.\.)/;
const STREAM_LEADS = ['\n%', '\n---', '\n...'];

/** Whether `text` holds a character of `UNUSUAL_CHARACTERS` (the outline reader checks stream syntax itself). */
export function hasUnusualCharacters(text: string): boolean {
  return UNUSUAL_CHARACTERS.test(text);
}

export function isOutsideSubset(text: string): boolean {
  if (isStreamLine(text, 0)) return true;
  if (!UNUSUAL_OR_STREAM.test(text)) return false;
  return UNUSUAL_CHARACTERS.test(text) || hasStreamSyntax(text);
}

/** Directives (`%`) and document markers (`---`, `...`) at a line start after the first. */
function hasStreamSyntax(text: string): boolean {
  for (const lead of STREAM_LEADS) {
    for (let at = text.indexOf(lead); at !== -1; at = text.indexOf(lead, at + 1)) if (isStreamLine(text, at + 1)) return true;
  }
  return false;
}

/** Whether the line starting at `start` is a directive or a document marker. */
function isStreamLine(text: string, start: number): boolean {
  const code = text.charCodeAt(start);
  if (code === 0x25) return true; // %
  if (code !== DASH && code !== 0x2e) return false; // - .
  if (text.charCodeAt(start + 1) !== code || text.charCodeAt(start + 2) !== code) return false;
  const after = start + 3;
  return after === text.length || text.charCodeAt(after) === NEWLINE || text.charCodeAt(after) === SPACE;
}
