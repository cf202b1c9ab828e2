/**
 * A plain manifest file of a directory app, checked before anything is printed: every document
 * must parse (the core only parses workloads, and Argo CD would fail on a broken ConfigMap much
 * later), and a file without any Kubernetes object (a values file, CI config) is left out, as
 * Argo CD's directory apps ignore unrelated YAML.
 */
import { isMap } from 'yaml';
import type { Result } from '../../transformer/index.js';
import { parseYaml } from '../../transformer/yaml/parse-document.js';
import { splitDocuments } from '../../transformer/yaml/split-documents.js';

export interface CheckedManifest {
  hasObjects: boolean;
  errors: Result[];
}

export function checkManifest(text: string, displayPath: string): CheckedManifest {
  const slices = splitDocuments(text.replace(/^\uFEFF/, '')) ?? [{ text, offset: 0, line: 0 }];
  const errors: Result[] = [];
  let hasObjects = false;
  for (const slice of slices) {
    const { parsed, problems } = parseYaml(slice.text);
    for (const problem of problems) {
      const at = parsed.lineCounter.linePos(problem.offset);
      errors.push({
        severity: 'error',
        code: problem.code,
        message: problem.message,
        file: { path: displayPath, line: slice.line + at.line, column: at.col },
      });
    }
    const { doc } = parsed;
    if (isMap(doc.contents) && typeof doc.get('apiVersion') === 'string' && typeof doc.get('kind') === 'string') hasObjects = true;
  }
  return { hasObjects, errors };
}
