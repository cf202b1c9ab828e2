/**
 * The conformance data resolver: `$MESH_INJECT_SHARED`, else `../shared` beside the checkout, and
 * absence reported (so its tests skip) rather than thrown. Also that no test or bench reads
 * `../shared` on its own, around the resolver.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from '../e2e/tools.js';
import { resolveIstioCorpus, SHARED_ENV } from './shared-data.js';

const temp = mkdtempSync(join(tmpdir(), 'mesh-inject-shared-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('resolveIstioCorpus', () => {
  it(`reports absence when ${SHARED_ENV} points at a directory without conformance/istio`, () => {
    const empty = join(temp, 'empty');
    mkdirSync(empty);
    const corpus = resolveIstioCorpus({ [SHARED_ENV]: empty });
    expect(corpus.found).toBe(false);
    expect(corpus.dir).toBe(`${join(empty, 'conformance', 'istio')}/`);
    expect(corpus.skipLine).toBe(`skipped: ${join(empty, 'conformance', 'istio')} not found (set ${SHARED_ENV}=/path/to/shared to run the conformance tests)`);
  });

  it(`finds conformance/istio under ${SHARED_ENV}, a relative path taken from the working directory`, () => {
    mkdirSync(join(temp, 'data', 'conformance', 'istio'), { recursive: true });
    expect(resolveIstioCorpus({ [SHARED_ENV]: join(temp, 'data') })).toMatchObject({ found: true, dir: `${join(temp, 'data', 'conformance', 'istio')}/` });
    expect(resolveIstioCorpus({ [SHARED_ENV]: 'data' }, temp)).toMatchObject({ found: true, dir: `${join(temp, 'data', 'conformance', 'istio')}/` });
  });

  it('a file where the directory should be is absence', () => {
    mkdirSync(join(temp, 'file', 'conformance'), { recursive: true });
    writeFileSync(join(temp, 'file', 'conformance', 'istio'), '');
    expect(resolveIstioCorpus({ [SHARED_ENV]: join(temp, 'file') }).found).toBe(false);
  });

  it(`without ${SHARED_ENV} (or with it empty) looks in ../shared beside the checkout`, () => {
    const beside = `${join(REPO, '..', 'shared', 'conformance', 'istio')}/`;
    for (const env of [{}, { [SHARED_ENV]: '' }]) {
      const corpus = resolveIstioCorpus(env, temp);
      expect(corpus.dir).toBe(beside);
      expect(corpus.skipLine).toBe(`skipped: ../shared/conformance/istio not found (set ${SHARED_ENV}=/path/to/shared to run the conformance tests)`);
    }
  });
});

describe('reading the conformance data', () => {
  it('goes through the resolver in every test and bench file', () => {
    const sources = ['test', 'bench'].flatMap((dir) => tsFiles(join(REPO, dir)));
    expect(sources.length).toBeGreaterThan(50);
    // A quoted path of dot-dot segments ending in the shared directory, anywhere but the resolver.
    const direct = sources.filter((file) => /['"](\.\.\/)+shared\b/.test(readFileSync(file, 'utf8')));
    expect(direct.map((file) => relative(REPO, file))).toEqual(['test/helpers/shared-data.ts']);
  });
});

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}
