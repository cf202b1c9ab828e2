/**
 * YAML directives (`%YAML 1.2`, `%TAG ...`). Streams are split into documents by lines and every
 * document is read with Kubernetes' YAML 1.1 rules, so a stream carrying a directive is refused
 * where the directive is written (never passed through uninjected with exit 0).
 */
import type { Result } from '../results.js';

export function unsupportedDirective(text: string, path: string | undefined): Result {
  const match = /^%.*$/m.exec(text);
  const line = match ? text.slice(0, match.index).split('\n').length : 1;
  const directive = match ? match[0].trim() : '%';
  const fix = directive.startsWith('%TAG') ? 'remove it and write its tags in full' : 'remove it';
  return {
    severity: 'error',
    code: 'yaml-unsupported',
    message: `YAML directive ${directive} is not supported (manifests are read with Kubernetes' YAML 1.1 rules); ${fix}`,
    ...(path ? { file: { path, line, column: 1 } } : {}),
  };
}
