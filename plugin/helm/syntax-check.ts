/**
 * The core parses only documents it may change (workloads, Namespaces, ProxyConfigs) and passes
 * the rest through as text. A post-renderer's output is applied as it is, so every document of
 * the release must be YAML: this check names the chart template of any that is not, and where.
 */
import { parseAllDocuments } from 'yaml';
import type { FileRef, Result } from '../../transformer/index.js';
import { splitDocuments } from '../../transformer/yaml/split-documents.js';
import { PARSE_OPTIONS } from '../../transformer/yaml/yaml-options.js';
import { templateOf } from './source-names.js';

const SOURCE_LINE = /^# Source: /;

/**
 * The position of `offset` in the slice: the line counted from the `# Source:` comment before it
 * (a line of the rendered template, as `helm template --show-only` prints it), else the line in
 * the whole release.
 */
function position(sliceText: string, sliceLine: number, offset: number): { line: number; column: number; inTemplate: boolean } {
  const lines = sliceText.slice(0, offset).split('\n');
  const column = lines[lines.length - 1]!.length + 1;
  let sourceLine = -1;
  lines.forEach((text, i) => {
    if (SOURCE_LINE.test(text)) sourceLine = i;
  });
  if (sourceLine >= 0) return { line: lines.length - 1 - sourceLine, column, inTemplate: true };
  return { line: sliceLine + lines.length, column, inTemplate: false };
}

export function syntaxErrors(stream: string): Result[] {
  const results: Result[] = [];
  for (const slice of splitDocuments(stream) ?? [{ text: stream, line: 0 }]) {
    const parsed = parseAllDocuments(slice.text, PARSE_OPTIONS);
    const errors = Array.isArray(parsed) ? parsed.flatMap((doc) => doc.errors) : [];
    const first = errors[0];
    if (!first) continue;
    const template = templateOf(slice.text);
    const at = position(slice.text, slice.line, first.pos[0]);
    const where = at.inTemplate ? '' : ` (line ${at.line} of the rendered release)`;
    const file: FileRef | undefined = template === undefined ? { path: '<stdin>', line: at.line, column: at.column } : at.inTemplate ? { path: template, line: at.line, column: at.column } : { path: template };
    results.push({
      severity: 'error',
      code: 'yaml-syntax',
      message: `${first.message.split('\n')[0]}${template !== undefined ? where : ''}; fix the YAML syntax (the chart template renders invalid YAML)`,
      ...(file ? { file } : {}),
    });
  }
  return results;
}
