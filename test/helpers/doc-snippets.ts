/**
 * Fenced code blocks of a Markdown file that are marked for tests: an HTML comment
 * `<!-- test: NAME -->` on the line before the fence. Returns NAME → the block's text.
 */
import { readFileSync } from 'node:fs';

const MARKED_BLOCK = /<!--\s*test:\s*([\w.-]+)\s*-->\n```[^\n]*\n([\s\S]*?)^```$/gm;

export function docSnippets(file: string): Map<string, string> {
  const snippets = new Map<string, string>();
  for (const [, name, body] of readFileSync(file, 'utf8').matchAll(MARKED_BLOCK)) {
    if (snippets.has(name!)) throw new Error(`${file}: two snippets are marked "test: ${name}"`);
    snippets.set(name!, body!);
  }
  return snippets;
}

export function snippet(snippets: Map<string, string>, name: string): string {
  const text = snippets.get(name);
  if (text === undefined) throw new Error(`no snippet marked "<!-- test: ${name} -->"`);
  return text;
}
