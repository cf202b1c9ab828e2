import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isMap, isScalar } from 'yaml';
import { DEFAULT_CONFIG } from '../../config/defaults.js';
import { parseConfigYaml, rcSchema, validateConfig } from '../../config/index.js';
import { functionConfigJsonSchema, rcJsonSchema, schemaFileText } from '../../config/json-schema.js';
import { allKeyPaths } from '../../config/schema-walk.js';

const EXAMPLE_PATH = new URL('../../.mesh-injectrc.example', import.meta.url);
const example = fs.readFileSync(EXAMPLE_PATH, 'utf8');

type JsonSchema = { properties?: Record<string, JsonSchema>; items?: JsonSchema; anyOf?: JsonSchema[]; description?: string };

describe('generated JSON Schemas', () => {
  // Regenerate with `npm run schemas` (or `vitest -u`) after changing config/*schema*.ts.
  it('match schemas/mesh-injectrc.schema.json', async () => {
    await expect(schemaFileText(rcJsonSchema())).toMatchFileSnapshot('../../schemas/mesh-injectrc.schema.json');
  });

  it('match schemas/meshinject-function-config.schema.json', async () => {
    await expect(schemaFileText(functionConfigJsonSchema())).toMatchFileSnapshot('../../schemas/meshinject-function-config.schema.json');
  });

  it('are draft 2020-12 with an $id and a title', () => {
    for (const schema of [rcJsonSchema(), functionConfigJsonSchema()]) {
      expect(schema).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', $id: expect.stringMatching(/^https:\/\//), title: expect.any(String) });
    }
  });

  it('describe every key', () => {
    const undescribed: string[] = [];
    const visit = (schema: JsonSchema, path: string) => {
      for (const [key, child] of Object.entries(schema.properties ?? {})) {
        if (!child.description) undescribed.push(`${path}${key}`);
        visit(child, `${path}${key}.`);
      }
      if (schema.items) visit(schema.items, `${path.slice(0, -1)}[].`);
      for (const option of schema.anyOf ?? []) visit(option, path);
    };
    visit(rcJsonSchema() as JsonSchema, '');
    visit(functionConfigJsonSchema() as JsonSchema, '');
    expect(undescribed).toEqual([]);
  });

  it('embed the rc schema as MeshInject spec', () => {
    const spec = (functionConfigJsonSchema() as JsonSchema).properties?.spec;
    expect(spec?.properties).toEqual((rcJsonSchema() as JsonSchema).properties);
  });
});

describe('.mesh-injectrc.example', () => {
  const parsed = parseConfigYaml(example, '.mesh-injectrc.example');

  it('starts with the yaml-language-server schema comment', () => {
    expect(example.split('\n')[0]).toBe('# yaml-language-server: $schema=./schemas/mesh-injectrc.schema.json');
  });

  it('is valid against the rc schema', () => {
    expect(parsed.errors).toEqual([]);
    expect(rcSchema.safeParse(parsed.raw).error).toBeUndefined();
  });

  it('parses to exactly the embedded defaults, without warnings', () => {
    const result = validateConfig(parsed.raw, { doc: parsed.doc, lineCounter: parsed.lineCounter });
    expect(result).toEqual({ config: DEFAULT_CONFIG, errors: [], warnings: [] });
  });

  it('mentions every key of the schema', () => {
    const written = new Set(allKeyPaths(rcSchema).filter((p) => !p.includes('[]')).map((p) => p.join('.')));
    const inFile = (path: string[]) => parsed.doc.hasIn(path);
    const inComment = (key: string) => new RegExp(`^\\s*#\\s*(- )?${key.replace('$', '\\$')}:`, 'm').test(example);
    const missing = allKeyPaths(rcSchema).filter((path) => {
      const key = path.at(-1)!;
      // Keys with a default are written with it; optional keys and list items appear in commented examples.
      return written.has(path.join('.')) && !['$schema', 'injector', 'meshConfig', 'values', 'identityTrustAnchorsPEM', 'identityTrustAnchorsFile'].includes(key) ? !inFile(path) : !inComment(key);
    });
    expect(missing.map((p) => p.join('.'))).toEqual([]);
  });

  it('has a comment line right above every key it sets', () => {
    const lines = example.split('\n');
    const uncommented: string[] = [];
    const visit = (node: unknown, path: string) => {
      if (!isMap(node)) return;
      for (const pair of node.items) {
        if (!isScalar(pair.key) || !pair.key.range) continue;
        const name = `${path}${String(pair.key.value)}`;
        const { line } = parsed.lineCounter.linePos(pair.key.range[0]);
        if (!lines[line - 2]?.trim().startsWith('#')) uncommented.push(name);
        // Resource names under requests/limits are values, described by their parent's comment.
        if (!name.endsWith('.requests') && !name.endsWith('.limits')) visit(pair.value, `${name}.`);
      }
    };
    visit(parsed.doc.contents, '');
    expect(uncommented).toEqual([]);
  });

  it.each(['sidecars', 'workloads'])('has a commented %s example that is valid', (key) => {
    const lines = example.split('\n');
    const start = lines.indexOf(`# ${key}:`);
    expect(start).toBeGreaterThan(0);
    const block: string[] = [];
    for (const line of lines.slice(start)) {
      if (!line.startsWith('#')) break;
      block.push(line.replace(/^# ?/, ''));
    }
    const snippet = parseConfigYaml(block.join('\n'));
    expect(snippet.errors).toEqual([]);
    const result = validateConfig(snippet.raw);
    expect(result.errors).toEqual([]);
    expect((result.config?.[key as 'sidecars' | 'workloads'] ?? []).length).toBeGreaterThan(0);
  });
});

describe('defaults', () => {
  it('are frozen, and defaultConfig() returns a mutable copy', async () => {
    const { defaultConfig } = await import('../../config/defaults.js');
    expect(Object.isFrozen(DEFAULT_CONFIG.istio.proxyResources.requests)).toBe(true);
    const copy = defaultConfig();
    copy.istio.tag = 'x';
    expect(copy).not.toEqual(DEFAULT_CONFIG);
    expect(DEFAULT_CONFIG.istio.tag).toBe('1.32.0');
  });
});
