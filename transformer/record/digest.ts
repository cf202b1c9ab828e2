/**
 * The digest a record carries of the document it was written into. When a document still hashes
 * to its record's digest, nobody touched it since mesh-inject wrote it, so its pristine pod can be
 * read back from the record without undoing the injection in the text (see recognize-unchanged.ts).
 *
 * The digest covers the whole document text with the digest itself replaced by a placeholder of
 * the same length, plus what else shapes the written text: the file's line ending and the format
 * below. Not a security measure: it only has to tell hand edits apart, so a fast 64-bit hash does.
 */

/** Stands in for the digest while hashing; as long as a digest and never escaped in YAML or JSON. */
export const DIGEST_PLACEHOLDER = 'mesh-inject-hash';

/** Bump when the text written for the same pods changes, so older documents are re-rendered once. */
const TEXT_FORMAT = '1';

/** Two 32-bit multiply-xor lanes mixed at the end (cyrb53's scheme, all 64 bits kept). */
export function hash64(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}

function digestOf(textWithPlaceholder: string, eol: string): string {
  return hash64(`${TEXT_FORMAT}${eol}${textWithPlaceholder}`);
}

/**
 * Replaces the placeholder in a just-written document with its digest. Undefined when the
 * placeholder is not there exactly once (the user's own text holds it): write no digest then.
 */
export function sealDigest(text: string, eol: string): string | undefined {
  const at = text.indexOf(DIGEST_PLACEHOLDER);
  if (at === -1 || text.indexOf(DIGEST_PLACEHOLDER, at + 1) !== -1) return undefined;
  const digest = digestOf(text, eol);
  return text.slice(0, at) + digest + text.slice(at + DIGEST_PLACEHOLDER.length);
}

/** Whether `text` is exactly the document that was sealed with `digest`. */
export function digestMatches(text: string, digest: string, eol: string): boolean {
  if (digest.length !== DIGEST_PLACEHOLDER.length) return false;
  const at = text.indexOf(digest);
  if (at === -1) return false;
  return digestOf(text.slice(0, at) + DIGEST_PLACEHOLDER + text.slice(at + digest.length), eol) === digest;
}
