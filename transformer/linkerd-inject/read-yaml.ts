/**
 * One document of the stream read as `sigs.k8s.io/yaml` reads it (go-yaml v2, YAML 1.1; integers as
 * bigints so they stay integers), with its errors worded as Linkerd prints them
 * (`error converting YAML to JSON: yaml: line N: ...`).
 */
import { LineCounter, parseDocument } from 'yaml';
import { PARSE_OPTIONS, MAX_ALIAS_COUNT } from '../yaml/yaml-options.js';

export class LinkerdStreamError extends Error {}

export function readYaml(raw: string): unknown {
  const lineCounter = new LineCounter();
  const doc = parseDocument(raw, { ...PARSE_OPTIONS, intAsBigInt: true, lineCounter });
  const problem = doc.errors[0];
  if (problem) {
    const line = lineCounter.linePos(problem.pos[0]).line;
    throw new LinkerdStreamError(`error converting YAML to JSON: yaml: ${goYamlProblem(problem.code, line, problem.message)}`);
  }
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    throw new LinkerdStreamError(`error converting YAML to JSON: yaml: ${(error as Error).message}`);
  }
}

/**
 * go-yaml's wording where we know it: a mapping entry out of line is its parser's "did not find
 * expected key", and parser errors name the 0-based line of the token (go-yaml quirk). Other
 * problems keep the `yaml` library's wording with the 1-based line.
 */
function goYamlProblem(code: string, line: number, message: string): string {
  if (code === 'BAD_INDENT' && message.startsWith('All mapping items must start at the same column')) return `line ${line - 1}: did not find expected key`;
  return `line ${line}: ${message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`;
}
