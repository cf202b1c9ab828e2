/**
 * Golden directories: test/golden/<case>/{input.yaml, config.yaml, expected.yaml, results.yaml}.
 * Each case runs through the core, the CLI (in-process) and the KRM function, and must also be
 * idempotent and reversible. Outputs are compared byte for byte (comments matter).
 * Regenerate with UPDATE_GOLDEN=1 after checking the change is intended.
 */
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments, parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { createConfigResolver } from '../../config/index.js';
import { clusterContextFromText, presetFor, transformText, type Result } from '../../transformer/index.js';
import { runCli, tempTree } from '../helpers/run-cli.js';

const root = fileURLToPath(new URL('./', import.meta.url));
const update = process.env.UPDATE_GOLDEN === '1';
const cases = readdirSync(root).filter((name) => existsSync(join(root, name, 'input.yaml'))).sort();

interface Case {
  dir: string;
  input: string;
}

async function configFor(dir: string) {
  const resolver = createConfigResolver({ stopDir: dir, explicitPath: join(dir, 'config.yaml') });
  const loaded = await resolver.resolveFor(join(dir, 'input.yaml'));
  if (!loaded.config) throw new Error(`bad golden config in ${dir}: ${JSON.stringify(loaded.errors)}`);
  return loaded.config;
}

async function core(c: Case, text: string, mode: 'inject' | 'uninject') {
  const config = await configFor(c.dir);
  return transformText(text, { mode, config, preset: presetFor(config), cluster: clusterContextFromText(text), path: 'input.yaml', verify: true, digest: true });
}

/** What results.yaml pins: everything but the wording. */
function summarize(results: Result[]): unknown[] {
  return results.map((r) => ({
    severity: r.severity,
    code: r.code,
    ...(r.resourceRef ? { resource: `${r.resourceRef.kind}/${r.resourceRef.name}` } : {}),
    ...(r.field ? { field: r.field.path } : {}),
    ...(r.file?.line !== undefined ? { at: `${r.file.line}:${r.file.column}` } : {}),
  }));
}

function documents(text: string): unknown[] {
  return parseAllDocuments(text.replace(/^\uFEFF/, ''), { version: '1.1' }).map((d) => d.toJS()).filter((d) => d !== null);
}

/** The undo record holds source text, which differs between a file and a ResourceList item. */
function withoutRecords(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (key, v) => (key === 'mesh-inject.dev/injected' ? undefined : v));
}

describe('golden cases', () => {
  for (const name of cases) {
    const dir = join(root, name);
    const c: Case = { dir, input: readFileSync(join(dir, 'input.yaml'), 'utf8') };
    const expectedPath = join(dir, 'expected.yaml');
    const resultsPath = join(dir, 'results.yaml');

    describe(name, () => {
      it('core: output and results match the golden files', async () => {
        const outcome = await core(c, c.input, 'inject');
        const results = summarize(outcome.results);
        if (update) {
          writeFileSync(expectedPath, outcome.text);
          writeFileSync(resultsPath, results.length ? stringify(results) : '[]\n');
        }
        expect(outcome.text).toBe(readFileSync(expectedPath, 'utf8'));
        expect(results).toEqual(parse(readFileSync(resultsPath, 'utf8')) ?? []);
      });

      it('core: injecting the output again changes nothing; uninject gives back the input', async () => {
        const expected = readFileSync(expectedPath, 'utf8');
        const again = await core(c, expected, 'inject');
        expect(again.text).toBe(expected);
        const restored = await core(c, expected, 'uninject');
        expect(restored.text).toBe(c.input);
      });

      it('CLI: `mesh-inject inject` writes the golden output', async () => {
        const { dir: tmp, cleanup } = tempTree({ 'input.yaml': c.input });
        try {
          copyFileSync(join(dir, 'config.yaml'), join(tmp, '.mesh-injectrc.yaml'));
          const run = await runCli(['inject', '--verify', 'input.yaml'], { cwd: tmp });
          const hasError = (parse(readFileSync(resultsPath, 'utf8')) ?? []).some((r: { severity: string }) => r.severity === 'error');
          expect(run.code).toBe(hasError ? 2 : 0);
          expect(readFileSync(join(tmp, 'input.yaml'), 'utf8')).toBe(readFileSync(expectedPath, 'utf8'));
        } finally {
          cleanup();
        }
      });

      it.skipIf(/^[ \t]*(?:-[ \t]+)?\{\{|:[ \t]+\{\{/m.test(c.input))('KRM function: the same objects as the golden output', async () => {
        const items = documents(c.input).flatMap((d) => ((d as { kind?: string }).kind === 'List' ? [d] : [d]));
        const spec = parse(readFileSync(join(dir, 'config.yaml'), 'utf8')) ?? {};
        const list = stringify({
          apiVersion: 'config.kubernetes.io/v1',
          kind: 'ResourceList',
          items,
          functionConfig: { apiVersion: 'mesh-inject.dev/v1alpha1', kind: 'MeshInject', metadata: { name: 'mesh-inject' }, spec },
        }, { version: '1.1' });
        const run = await runCli(['fn', '--verify'], { cwd: dir, stdin: list });
        const out = parse(run.stdout, { version: '1.1' });
        const hasError = (parse(readFileSync(resultsPath, 'utf8')) ?? []).some((r: { severity: string }) => r.severity === 'error');
        expect(run.code).toBe(hasError ? 1 : 0);
        expect(withoutRecords(out.items)).toEqual(withoutRecords(documents(readFileSync(expectedPath, 'utf8'))));
      });
    });
  }
});
