/**
 * Block mapping keys for the fast YAML reader: `key:`, `"key":` or `'key':` at the start of a
 * block node. Templates print the same few dozen plain keys over and over, so plain keys go
 * through a small cache of their JS property names: a hit skips slicing and resolving the key
 * (and hands V8 an already internalized string).
 */
import { COLON, DOUBLE_QUOTE, SINGLE_QUOTE, SPACE } from './chars.js';
import { checkKeyLength, decline, type Lines } from './lines.js';
import { readQuoted } from './scalars.js';
import { plainKeyName } from '../plain-scalar.js';

const CACHE_SLOTS = 512; // a power of two
const CACHEABLE_LENGTH = 64;
/** Per slot: the key's text as char codes (cheaper to compare than a string used as a property key) and its length. */
const cachedCodes = new Uint16Array(CACHE_SLOTS * CACHEABLE_LENGTH);
const cachedLength = new Uint8Array(CACHE_SLOTS);
/** Per slot: the key's property name (it differs from the text for `yes`, `0x1`, `~`, ...). */
const cachedName: string[] = new Array<string>(CACHE_SLOTS).fill('');

/** `key:` at `at` (the line ending at `end`): its JS property name (`lines.cursor` just past the `:`), or undefined. */
export function readKey(lines: Lines, at: number, end: number): string | undefined {
  const { text } = lines;
  const code = text.charCodeAt(at);
  if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) {
    const name = readQuoted(lines, at, end);
    const colon = lines.skipSpaces(lines.cursor);
    if (text.charCodeAt(colon) !== COLON || (colon + 1 < end && text.charCodeAt(colon + 1) !== SPACE)) return undefined;
    checkKeyLength(at, colon);
    lines.cursor = colon + 1;
    return name;
  }
  if (!lines.canStartPlain(at, end, false)) return undefined;
  // The first `:` followed by a space or the line end, unless a ` #` comment starts before it.
  let colon = lines.colonFrom(at);
  for (;;) {
    if (colon === -1 || colon >= end) return undefined;
    if (colon + 1 === end || text.charCodeAt(colon + 1) === SPACE) break;
    colon = lines.colonFrom(colon + 1);
  }
  const comment = lines.commentFrom(at);
  if (comment !== -1 && comment < colon) return undefined;
  if (text.charCodeAt(colon - 1) === SPACE) decline(); // `key :` is valid but rare: keep the subset small
  checkKeyLength(at, colon);
  lines.cursor = colon + 1;
  const length = colon - at;
  if (length > CACHEABLE_LENGTH) return plainKeyName(text.slice(at, colon));
  const slot = slotOf(text, at, length);
  const base = slot * CACHEABLE_LENGTH;
  if (cachedLength[slot] === length && isCached(text, at, length, base)) return cachedName[slot]!;
  const name = plainKeyName(text.slice(at, colon));
  for (let i = 0; i < length; i++) cachedCodes[base + i] = text.charCodeAt(at + i);
  cachedLength[slot] = length;
  cachedName[slot] = name;
  return name;
}

/** A cache slot from the key's length and a few of its characters (hashing all of them would cost a pass). */
function slotOf(text: string, at: number, length: number): number {
  let hash = Math.imul(length, 0x9e3779b1);
  hash ^= Math.imul(text.charCodeAt(at), 0x85ebca6b);
  hash ^= Math.imul(text.charCodeAt(at + (length >> 1)), 0xc2b2ae35);
  hash ^= Math.imul(text.charCodeAt(at + length - 1), 0x27d4eb2f);
  return (hash ^ (hash >>> 15)) & (CACHE_SLOTS - 1);
}

/** Whether `text` holds at `at` the `length` char codes cached from `base` on. */
function isCached(text: string, at: number, length: number, base: number): boolean {
  for (let i = 0; i < length; i++) if (cachedCodes[base + i] !== text.charCodeAt(at + i)) return false;
  return true;
}
