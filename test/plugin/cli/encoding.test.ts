/** Bytes that are not UTF-8 are refused with their position, on every channel, and never rewritten. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempTrees } from '../../helpers/temp-trees.js';
import { DEPLOYMENT } from '../../helpers/fixtures.js';
import { codesFor, results, run } from './fault-host.js';

const tree = useTempTrees();

/** The fixture with a Latin-1 comment on its first line: `# café` with é as the single byte 0xE9. */
const LATIN1 = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\n'), Buffer.from(DEPLOYMENT)]);

const RESOURCE_LIST = (item: Buffer) => Buffer.concat([
  Buffer.from('apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n'),
  Buffer.from(DEPLOYMENT.replace(/^/gm, '  ').replace(/^  /, '- ')),
  item,
]);

describe('invalid UTF-8', () => {
  it('a file is refused with line and column, left byte for byte, and the other files are still written', async () => {
    const dir = tree({ 'good.yaml': DEPLOYMENT });
    writeFileSync(join(dir, 'latin1.yaml'), LATIN1);
    const out = await run(['inject', '--format', 'json', '.'], { cwd: dir });
    expect(out.code).toBe(2);
    const [problem] = results(out).filter((r) => r.code === 'invalid-encoding');
    expect(problem?.file).toEqual({ path: 'latin1.yaml', line: 1, column: 6 });
    expect(readFileSync(join(dir, 'latin1.yaml'))).toEqual(LATIN1);
    expect(readFileSync(join(dir, 'good.yaml'), 'utf8')).toContain('istio-proxy');
  });

  it('--check fails on it too (exit 2, not a pass)', async () => {
    const dir = tree({});
    writeFileSync(join(dir, 'latin1.yaml'), LATIN1);
    expect((await run(['inject', '--check', 'latin1.yaml'], { cwd: dir })).code).toBe(2);
  });

  it('stdin (`inject -`) is refused and nothing is printed on stdout', async () => {
    const dir = tree({});
    const out = await run(['inject', '--format', 'json', '-'], { cwd: dir, stdin: LATIN1 });
    expect(out.code).toBe(2);
    expect(codesFor(out, '<stdin>')).toEqual(['invalid-encoding']);
    const text = await run(['inject', '-'], { cwd: dir, stdin: LATIN1 });
    expect(text.code).toBe(2);
    expect(text.stdout).toBe('');
  });

  it('the KRM function refuses the ResourceList: exit 2, empty stdout', async () => {
    const dir = tree({});
    const out = await run(['fn'], { cwd: dir, stdin: RESOURCE_LIST(Buffer.from([0x23, 0xe9, 0x0a])) });
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toContain('(invalid-encoding)');
  });

  it('the kustomize plugin refuses it in both protocols: exit 2, empty stdout', async () => {
    const dir = tree({ 'config.yaml': 'apiVersion: mesh-inject.dev/v1alpha1\nkind: MeshInject\nmetadata:\n  name: mesh\n' });
    const legacy = await run(['plugin', 'kustomize', join(dir, 'config.yaml')], { cwd: dir, stdin: LATIN1 });
    expect(legacy.code).toBe(2);
    expect(legacy.stdout).toBe('');
    expect(legacy.stderr).toContain('(invalid-encoding)');
    const krm = await run(['plugin', 'kustomize'], { cwd: dir, stdin: RESOURCE_LIST(Buffer.from([0x23, 0xe9, 0x0a])) });
    expect(krm.code).toBe(2);
    expect(krm.stdout).toBe('');
  });

  it('valid UTF-8 with a BOM and non-ASCII comments still round-trips', async () => {
    const dir = tree({});
    const text = `\uFEFF# café ☕\n${DEPLOYMENT}`;
    writeFileSync(join(dir, 'bom.yaml'), text);
    expect((await run(['inject', 'bom.yaml'], { cwd: dir })).code).toBe(0);
    expect((await run(['uninject', 'bom.yaml'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, 'bom.yaml'), 'utf8')).toBe(text);
  });
});
