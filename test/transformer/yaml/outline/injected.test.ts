/**
 * The outline reader (`transformer/yaml/outline/outline.ts`) on what mesh-inject itself writes: every
 * document of an injected output, cut as the pipeline cuts it (`splitDocuments`, BOM off, the last
 * document terminated), must read exactly as yaml reads it, and the outline must answer for
 * all of them but those with a lone CR. Outputs of: the corpus manifests in every layout (block, kubectl, JSON,
 * flow leaves, comments, CRLF, markers, no final newline, several documents), re-injected after a
 * config change; the golden outputs; the example repository and the test fixtures as written.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { InjectConfig } from '../../../../transformer/inject-config.js';
import { RECORD_ANNOTATION } from '../../../../transformer/record/format.js';
import { readOutline } from '../../../../transformer/yaml/outline/outline.js';
import { parseManifest, toPlainData } from '../../../../transformer/yaml/parse-document.js';
import { splitDocuments } from '../../../../transformer/yaml/split-documents.js';
import { detectEol } from '../../../../transformer/yaml/edit/text-lines.js';
import { DEPLOYMENT } from '../../../helpers/fixtures.js';
import { loadCorpus, REPO } from '../../../layouts/corpus.js';
import { BASE, CHANGES, run } from '../../../layouts/cycle.js';
import { LAYOUTS } from '../../../layouts/layouts.js';
import { SEEDS } from '../../../layouts/seeds.js';
import { whatConsumersSee } from './consumers.js';
import { outlineAgreesWithYaml } from './oracle.js';

/** The injected documents of a file's text, as `verifyOutput` gets them. */
function injectedDocuments(output: string): string[] {
  const text = output.replace(/^\uFEFF/, '');
  const slices = splitDocuments(text)!;
  if (!text.endsWith('\n')) slices.at(-1)!.text += detectEol(text);
  return slices.map((slice) => slice.text).filter((doc) => doc.includes(RECORD_ANNOTATION));
}

/**
 * Checks every injected document of `outputs`: the outline agrees with yaml, and the code that
 * reads the AST (undo, paths, ranges, positions) makes the same of both. Returns how many
 * documents there were, and those the outline left to yaml.
 */
function check(outputs: string[], config: InjectConfig): { total: number; declined: string[] } {
  let total = 0;
  const declined: string[] = [];
  for (const output of outputs) {
    for (const doc of injectedDocuments(output)) {
      total++;
      if (!outlineAgreesWithYaml(doc)) {
        declined.push(doc);
        continue;
      }
      const outline = readOutline(doc)!;
      const { parsed } = parseManifest(doc);
      const fromOutline = whatConsumersSee(doc, outline, outline.data, config);
      const fromYaml = whatConsumersSee(doc, parsed, toPlainData(parsed.doc), config);
      if (!isDeepStrictEqual(fromOutline, fromYaml)) expect(fromOutline).toEqual(fromYaml);
      expect(fromYaml.splices.length).toBeGreaterThan(0); // the record is undone, at least
    }
  }
  return { total, declined };
}

function manifests(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? manifests(path) : /\.(ya?ml|json)$/.test(name) ? [path] : [];
    });
}

describe('outline reader on injected outputs', () => {
  // Every sixth document keeps the run short; each layout still sees every kind of manifest.
  const documents = [...SEEDS, ...loadCorpus().documents].filter((_, i) => i % 6 === 0);

  for (const layout of LAYOUTS) {
    it(`${layout.name}: agrees with yaml on every injected document and answers for all`, () => {
      const outputs = documents.flatMap((doc) => {
        const injected = run(layout.render([doc.data]), 'inject', BASE.config).text;
        return [injected, run(injected, 'inject', CHANGES[0]!.config).text];
      });
      const { total, declined } = check(outputs, BASE.config);
      console.log(`outline answered ${total - declined.length}/${total} injected documents (${layout.name})`);
      expect(total).toBeGreaterThanOrEqual(documents.length);
      expect(declined).toEqual([]);
    });
  }

  it('agrees with yaml on the golden outputs, the example repository and the fixtures, injected', () => {
    const golden = join(REPO, 'test/golden');
    const goldens = readdirSync(golden).map((name) => join(golden, name, 'expected.yaml')).filter(existsSync).map((path) => readFileSync(path, 'utf8'));
    const written = [...manifests(join(REPO, 'examples/gitops-repo')).map((path) => readFileSync(path, 'utf8')), DEPLOYMENT];
    const { total, declined } = check([...goldens, ...written.map((text) => run(text, 'inject', BASE.config).text)], BASE.config);
    console.log(`outline answered ${total - declined.length}/${total} golden, example and fixture documents`);
    expect(total).toBeGreaterThan(15);
    // The only ones left to yaml hold a CR that is not part of a CRLF (formatting-kept ends with one).
    expect(declined.filter((doc) => !/\r(?!\n)/.test(doc))).toEqual([]);
  });
});
