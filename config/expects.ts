/**
 * What a value should look like, in words. Schemas register a phrase here and error
 * messages read it back by path: `expected <phrase>, got <value>; set it to <phrase>`.
 * Kept out of zod's global registry so the phrases do not leak into the JSON Schema.
 * Keyed by the schema's definition, which `.describe()`/`.meta()` clones share.
 */
import type * as z from 'zod';

const phrases = new WeakMap<object, string>();

export function expects<T extends z.ZodType>(expected: string, schema: T): T {
  phrases.set(schema._zod.def, expected);
  return schema;
}

export function expectedPhrase(schema: z.ZodType): string | undefined {
  return phrases.get(schema._zod.def);
}
