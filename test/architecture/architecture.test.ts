/**
 * The layout docs/architecture.md describes, checked on the source itself: no import circles,
 * each folder of the core importing only from the layers below it, a pure core, one home for the
 * Kubernetes types, and test folders that mirror the source folders.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, readModule, REPO, sourceFiles, type Module } from './import-graph.js';

const SOURCE_ROOTS = ['transformer', 'config', 'plugin'];
const modules: Module[] = SOURCE_ROOTS.flatMap(sourceFiles).map(readModule);
const core = modules.filter((m) => m.path.startsWith('transformer/'));

/**
 * The core's folders from the bottom up. A module may import from its own layer or a lower one;
 * circles inside a layer are caught by the cycle check.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['results.ts', 'inject-config.ts', 'data', 'kube'],
  ['yaml', 'gotemplate'],
  ['go'],
  ['mesh'],
  ['policy'],
  ['record'],
  ['resource-cost'],
  ['pipeline'],
  ['kube-inject', 'linkerd-inject', 'admission-policy', 'patches'],
  ['index.ts'],
];

function layerOf(path: string): number {
  const top = path.split('/')[1]!;
  const layer = LAYERS.findIndex((names) => names.includes(top));
  if (layer < 0) throw new Error(`${path}: transformer/${top} is in no layer of LAYERS (architecture.test.ts) — add it to one`);
  return layer;
}

describe('architecture', () => {
  // The checks below pass on an empty graph: first make sure the graph is the real one.
  it('reads the import graph the checks run on, type imports included', () => {
    const index = core.find((m) => m.path === 'transformer/index.ts');
    expect(index?.imports).toContain('transformer/pipeline/transform-text.ts');
    expect(index?.imports).toContain('transformer/inject-config.ts'); // `export type { ... } from`
    expect(modules.find((m) => m.path === 'plugin/cli/main.ts')?.packages).toContain('commander');
    expect(importCycles([{ path: 'a.ts', imports: ['b.ts'], packages: [] }, { path: 'b.ts', imports: ['a.ts'], packages: [] }])).toHaveLength(1);
  });

  it('has no import circles (type-only imports included)', () => {
    expect(importCycles(modules)).toEqual([]);
  });

  it('resolves every relative import to a file that exists', () => {
    const missing = modules.flatMap((m) => m.imports.filter((t) => !existsSync(join(REPO, t))).map((t) => `${m.path} → ${t}`));
    expect(missing).toEqual([]);
  });

  it("keeps transformer/'s top level to the public entry and the shared types", () => {
    const files = readdirSync(join(REPO, 'transformer')).filter((name) => statSync(join(REPO, 'transformer', name)).isFile());
    expect(files.sort()).toEqual(['index.ts', 'inject-config.ts', 'results.ts']);
  });

  it('imports only from the same or a lower layer inside the core', () => {
    const upward = core.flatMap((m) =>
      m.imports
        .filter((t) => t.startsWith('transformer/') && layerOf(t) > layerOf(m.path))
        .map((t) => `${m.path} → ${t}`),
    );
    expect(upward).toEqual([]);
  });

  it('keeps the core pure: no Node modules, no config/ or plugin/', () => {
    const impure = core.flatMap((m) => [
      ...m.packages.filter((p) => p.startsWith('node:') || !['yaml', 'kubernetes-types/core/v1.js', 'kubernetes-types/meta/v1.js', 'kubernetes-types/admissionregistration/v1.js'].includes(p)),
      ...m.imports.filter((t) => !t.startsWith('transformer/')),
    ].map((what) => `${m.path} → ${what}`));
    expect(impure).toEqual([]);
  });

  it('takes the Kubernetes types from one module (transformer/kube/objects.ts)', () => {
    const direct = core.filter((m) => m.path !== 'transformer/kube/objects.ts' && m.packages.some((p) => p.startsWith('kubernetes-types')));
    expect(direct.map((m) => m.path)).toEqual([]);
  });

  it('gives each test folder a source folder (or file) of the same path, or a named cross-cutting job', () => {
    // Suites that span the whole tool rather than one folder of it.
    const CROSS_CUTTING = ['architecture', 'conformance', 'e2e', 'golden', 'helpers', 'layouts'];
    const unmatched: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(join(REPO, 'test', dir), { withFileTypes: true })) {
        if (!entry.isDirectory()) continue;
        const rel = dir ? `${dir}/${entry.name}` : entry.name;
        if (!dir && CROSS_CUTTING.includes(entry.name)) continue;
        const hasTests = readdirSync(join(REPO, 'test', rel)).some((name) => name.endsWith('.ts'));
        const mirrored = existsSync(join(REPO, rel)) || existsSync(join(REPO, `${rel}.ts`));
        if (hasTests && !mirrored) unmatched.push(`test/${rel}`);
        if (hasTests || mirrored) walk(rel);
      }
    };
    walk('');
    expect(unmatched).toEqual([]);
  });
});
