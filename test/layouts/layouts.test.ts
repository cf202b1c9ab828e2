/** The layout renderers themselves: every layout reads back to the data it was given, and looks like its name says. */
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { deepEqual } from '../../transformer/yaml/deep-equal.js';
import { PARSE_OPTIONS } from '../../transformer/yaml/yaml-options.js';
import { loadCorpus } from './corpus.js';
import { LAYOUTS, layoutNamed } from './layouts.js';
import { SEEDS } from './seeds.js';

const documents = [...SEEDS, ...loadCorpus().documents];

function readBack(text: string): unknown[] {
  const docs = parseAllDocuments(text, PARSE_OPTIONS);
  const errors = docs.flatMap((d) => d.errors.map((e) => e.message));
  if (errors.length > 0) throw new Error(errors[0]);
  return docs.map((d) => d.toJS());
}

const SAMPLE = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web', tier: 'front' } },
  spec: {
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'web', image: 'nginx', args: ['-v', 'on'], resources: { requests: { cpu: '100m' } } }] },
    },
  },
};

describe('layouts', () => {
  for (const layout of LAYOUTS) {
    it(`${layout.name}: every corpus document reads back to the same data`, () => {
      const wrong = documents.filter((doc) => {
        try {
          return !deepEqual(readBack(layout.render([doc.data])), layout.documents([doc.data]));
        } catch {
          return true;
        }
      });
      expect(wrong.map((d) => d.id)).toEqual([]);
    });
  }

  it('each layout writes what its name says', () => {
    const text = (name: string) => layoutNamed(name).render([SAMPLE]);
    expect(text('block-2')).toContain('spec:\n      containers:\n        - name: web\n');
    expect(text('kubectl')).toMatch(/^apiVersion: apps\/v1\nkind: Deployment\nmetadata:\n  labels:\n/);
    expect(text('kubectl')).toContain('      containers:\n      - args:\n        - -v\n        - "on"\n');
    expect(text('block-4')).toContain('\n    template:\n        metadata:\n');
    expect(text('json-2')).toBe(`${JSON.stringify(SAMPLE, null, 2)}\n`);
    expect(text('kubectl-json')).toMatch(/^\{\n {4}"apiVersion": "apps\/v1",\n {4}"kind": "Deployment",\n {4}"metadata": \{\n {8}"labels"/);
    expect(text('flow-leaves')).toContain('labels: {app: web, tier: front}');
    expect(text('flow-leaves')).toContain('args: [-v, "on"]');
    expect(text('flow-leaves')).toContain('resources: {requests: {cpu: 100m}}');
    expect(text('comments')).toContain('\n  # name\n  name: web # note\n');
    expect(text('comments')).toContain('\n        # item 0\n        - name: web # note\n');
    expect(text('crlf')).not.toMatch(/[^\r]\n/);
    expect(text('markers')).toMatch(/^---\n[^]*\n\.\.\.\n$/);
    expect(text('no-final-newline')).not.toMatch(/\n$/);
    expect(text('json-no-final-newline')).toMatch(/\}$/);
    expect(readBack(text('multi-document'))).toHaveLength(3);
    expect(text('kitchen-sink')).toMatch(/^---\r\n# [^]*\{app: web, tier: front\}[^]*\r\n\.\.\.$/);
  });
});
