/**
 * Which chart template a document of Helm's post-renderer input came from, so errors name it:
 * Helm 4 marks every document with the annotation below; Helm 3 precedes it with a
 * `# Source: <chart>/templates/<file>` comment.
 */
const FILENAME_ANNOTATION = /^\s+postrenderer\.helm\.sh\/postrender-filename:[ \t]*['"]?([^'"\r\n]+?)['"]?[ \t]*\r?$/m;
const SOURCE_COMMENT = /^# Source: (.+?)[ \t]*\r?$/gm;

export function templateOf(documentText: string): string | undefined {
  const annotated = FILENAME_ANNOTATION.exec(documentText);
  if (annotated) return annotated[1];
  // A slice may start with comment-only documents (`# HIDDEN` Secrets): the last comment is this document's.
  let last: string | undefined;
  for (const match of documentText.matchAll(SOURCE_COMMENT)) last = match[1];
  return last;
}
