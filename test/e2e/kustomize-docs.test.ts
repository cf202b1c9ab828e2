/**
 * The integration docs stay executable: every yaml/sh block carries a `<!-- test: ... -->` marker,
 * every marked group is run by one of the end-to-end tests (which check that they used all of
 * their groups' snippets), and every relative link points at a file that exists. Needs no tool.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DocSnippets } from './kustomize-doc-snippets.js';
import { REPO } from './kustomize-tools.js';

/** Which test file runs each group of snippets. */
const GROUPS: Record<string, Record<string, string>> = {
  'docs/kustomize.md': {
    'kustomize-overlay': 'kustomize-plugin.test.ts',
    'kustomize-error': 'kustomize-plugin.test.ts',
    'kustomize-container': 'container-function.test.ts',
    'kustomize-exec': 'container-function.test.ts',
  },
  'docs/kpt.md': {
    'kpt-package': 'kpt.test.ts',
    'kpt-eval': 'kpt.test.ts',
    'kpt-eval-config': 'kpt.test.ts',
    'kpt-eval-image': 'kpt.test.ts',
    'kpt-render-image': 'kpt.test.ts',
    'kpt-render-exec': 'kpt.test.ts',
    'kpt-error': 'kpt.test.ts',
  },
  'docs/container-image.md': {
    'image-build': 'container-function.test.ts',
    'image-docker-build': 'container-function.test.ts',
    'image-run': 'container-function.test.ts',
  },
};

describe.each(Object.keys(GROUPS))('%s', (doc) => {
  const snippets = new DocSnippets(doc);

  it('marks every yaml and sh block for a test', () => {
    expect(snippets.unmarked()).toEqual([]);
  });

  it('has its snippet groups run by the end-to-end tests, each by a test file that names it', () => {
    const groups = [...new Set(snippets.snippets.map((s) => s.group))].sort();
    expect(groups).toEqual(Object.keys(GROUPS[doc]!).sort());
    for (const [group, file] of Object.entries(GROUPS[doc]!)) {
      expect(readFileSync(join(REPO, 'test/e2e', file), 'utf8'), `${group} in ${file}`).toContain(`'${group}'`);
    }
  });

  it('links only to files that exist', () => {
    const text = readFileSync(join(REPO, doc), 'utf8');
    const targets = [...text.matchAll(/\]\((?!https?:|#)([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]!);
    expect(targets.filter((t) => !existsSync(join(REPO, dirname(doc), t)))).toEqual([]);
  });
});
