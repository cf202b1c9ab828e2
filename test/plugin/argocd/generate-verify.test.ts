/**
 * Nothing leaves generate that was not parsed back: with the core made to return a broken
 * injection, generate prints nothing and exits 2 with `verify-failed`, instead of handing
 * Argo CD what the core returned.
 */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { DEPLOYMENT, sandbox, type Sandbox } from './cmp-sandbox.js';

const corrupt = vi.hoisted(() => ({ how: (text: string) => text }));
vi.mock('../../../transformer/index.js', async (original) => {
  const core = await original<typeof import('../../../transformer/index.js')>();
  return {
    ...core,
    transformText: (...args: Parameters<typeof core.transformText>) => {
      const outcome = core.transformText(...args);
      return { ...outcome, text: corrupt.how(outcome.text) };
    },
  };
});

let box: Sandbox;
beforeEach(() => {
  box = sandbox();
  box.write('plain/deployment.yaml', DEPLOYMENT);
});
afterEach(() => box.cleanup());

const cases: [string, (text: string) => string][] = [
  ['an injection that does not parse', (text) => text.replace('name: worker', 'name: "worker')],
  ['an injection that lost its object', () => '# nothing\n'],
  ['an injection that doubled its object', (text) => `${text}---\n${text}`],
  ['an injection that is not an object', () => 'replicas: 3\n'],
];

for (const [name, how] of cases) {
  it(`refuses ${name}, printing nothing`, async () => {
    corrupt.how = how;
    const run = await box.generate('plain');
    expect(run.stdoutWrites).toEqual([]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('(verify-failed)');
  });
}

it('prints an intact injection once', async () => {
  corrupt.how = (text) => text;
  const run = await box.generate('plain');
  expect(run.code).toBe(0);
  expect(run.stdoutWrites).toHaveLength(1);
  expect(run.stdout).toContain('istio-proxy');
});
