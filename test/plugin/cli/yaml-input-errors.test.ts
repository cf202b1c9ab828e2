/**
 * YAML the CLI refuses, through its exit status: a `%YAML`/`%TAG` directive is an error
 * (`yaml-unsupported`, exit 2, also under `--check`, which must not pass an uninjected file), and an
 * alias without its anchor is `yaml-syntax` at the alias. Files are never changed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEPLOYMENT } from '../../helpers/fixtures.js';
import { runCli } from '../../helpers/run-cli.js';
import { useTempTrees } from '../../helpers/temp-trees.js';

const tree = useTempTrees();

interface JsonOut {
  results: { severity: string; code: string; file?: { path: string; line?: number; column?: number } }[];
}

const errorsOf = (stdout: string) => (JSON.parse(stdout) as JsonOut).results.filter((r) => r.severity === 'error');

describe('a YAML directive', () => {
  it.each(['%YAML 1.1', '%YAML 1.2', '%TAG !k8s! tag:kubernetes.io,2024:'])('%s: inject, --check and uninject exit 2 with yaml-unsupported at the directive; nothing written', async (directive) => {
    const text = `# web\n${directive}\n---\n${DEPLOYMENT}`;
    const dir = tree({ 'web.yaml': text, 'other.yaml': DEPLOYMENT });
    for (const argv of [['inject'], ['inject', '--check'], ['uninject']]) {
      const run = await runCli([...argv, '--format', 'json', '.'], { cwd: dir });
      expect(run.code, argv.join(' ')).toBe(2);
      expect(errorsOf(run.stdout)).toEqual([expect.objectContaining({ code: 'yaml-unsupported', file: { path: 'web.yaml', line: 2, column: 1 } })]);
      expect(readFileSync(join(dir, 'web.yaml'), 'utf8')).toBe(text);
      // The rest of the run proceeds: the other file is injected (and uninjected).
      if (argv[0] === 'inject') expect(readFileSync(join(dir, 'other.yaml'), 'utf8')).toContain('istio-proxy');
    }
    expect(readFileSync(join(dir, 'other.yaml'), 'utf8')).toBe(DEPLOYMENT);
  });

  it('on stdin: exit 2 and nothing printed to stdout', async () => {
    const run = await runCli(['inject', '-'], { cwd: tree({}), stdin: `%YAML 1.1\n---\n${DEPLOYMENT}` });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
  });
});

describe('an alias without its anchor', () => {
  it('is yaml-syntax at the alias (not the alias-bomb code), exit 2, file unchanged', async () => {
    const text = DEPLOYMENT.replace('  name: web   # keep this comment\n', '  name: web   # keep this comment\n  labels:\n    owner: *nope\n');
    const dir = tree({ 'web.yaml': text });
    const run = await runCli(['inject', '--format', 'json', 'web.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    const line = text.split('\n').findIndex((l) => l.includes('*nope')) + 1;
    expect(errorsOf(run.stdout)).toEqual([expect.objectContaining({ code: 'yaml-syntax', file: expect.objectContaining({ path: 'web.yaml', line, column: 12 }) })]);
    expect(readFileSync(join(dir, 'web.yaml'), 'utf8')).toBe(text);
  });

  it('an alias bomb is still yaml-alias-limit', async () => {
    const dir = tree({ 'bomb.yaml': readFileSync(new URL('../../transformer/pipeline/bad-input/alias-bomb.yaml', import.meta.url), 'utf8') });
    const run = await runCli(['inject', '--format', 'json', 'bomb.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(errorsOf(run.stdout).map((r) => r.code)).toEqual(['yaml-alias-limit']);
  });
});
