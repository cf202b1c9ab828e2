/**
 * Text variations for the outline reader's differential tests, on top of the fast reader's
 * generators (`../fast-read/generators.ts`): comment, blank and whitespace-only lines at any indent
 * between any two lines, comments after any line, and the ways a document's text is framed
 * (CRLF, `---`/`...` markers, BOM, no final newline).
 */
import fc from 'fast-check';

const commentText = fc.stringMatching(/^[ a-z:#-]{0,6}$/);

/** A line of trivia: blank, spaces only, or a comment at any indent up to 12. */
export const triviaLine: fc.Arbitrary<string> = fc.oneof(
  fc.constant(''),
  fc.nat(12).map((n) => ' '.repeat(n)),
  fc.tuple(fc.nat(12), commentText).map(([n, c]) => `${' '.repeat(n)}#${c}`),
);

/** `text` with trivia lines inserted between lines (about one line in `every`) and comments after some lines. */
export function withTrivia(text: string, g: fc.GeneratorValue, every = 3): string {
  const lines = text.split('\n');
  const out: string[] = [];
  lines.forEach((line, i) => {
    while (g(fc.integer, { min: 0, max: every }) === 0) out.push(g(() => triviaLine));
    const last = i === lines.length - 1;
    out.push(!last && line.trim() !== '' && g(fc.integer, { min: 0, max: every * 2 }) === 0 ? `${line}${' '.repeat(g(fc.integer, { min: 1, max: 3 }))}#${g(() => commentText)}` : line);
  });
  return out.join('\n');
}

export type Framing = 'crlf' | 'start-marker' | 'start-marker-comment' | 'comments-then-marker' | 'end-marker' | 'both-markers' | 'bom' | 'no-final-newline' | 'plain';
export const framing: fc.Arbitrary<Framing> = fc.constantFrom('crlf', 'start-marker', 'start-marker-comment', 'comments-then-marker', 'end-marker', 'both-markers', 'bom', 'no-final-newline', 'plain');

/** `text` (LF, ending with a line break or not) framed as `how` says. */
export function framed(text: string, how: Framing): string {
  const terminated = text.endsWith('\n') || text === '' ? text : `${text}\n`;
  switch (how) {
    case 'crlf':
      return text.replaceAll('\n', '\r\n');
    case 'start-marker':
      return `---\n${text}`;
    case 'start-marker-comment':
      return `--- # doc\n${text}`;
    case 'comments-then-marker':
      return `# head\n\n---\n${text}`;
    case 'end-marker':
      return `${terminated}...\n`;
    case 'both-markers':
      return `---\n${terminated}... # end\n# after\n`;
    case 'bom':
      return `\ufeff${text}`;
    case 'no-final-newline':
      return text.replace(/\n+$/, '');
    case 'plain':
      return text;
  }
}
