/** docs/istio-compatibility.md stays true to the command: its flag table is the command's option list. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';

const doc = readFileSync(new URL('../../../docs/istio-compatibility.md', import.meta.url), 'utf8');

describe('docs/istio-compatibility.md', () => {
  it('documents exactly the options of mesh-inject kube-inject', async () => {
    const help = await runCli(['kube-inject', '--help'], { cwd: process.cwd() });
    const options = new Set([...help.stdout.matchAll(/^\s+(?:-\w, )?(--[\w-]+)/gm)].map((m) => m[1]!));
    options.delete('--help');
    const table = doc.slice(doc.indexOf('| flag | meaning |')).split('\n\n')[0]!;
    const documented = new Set(
      table
        .split('\n')
        .filter((line) => line.startsWith('| `-'))
        .map((line) => /(--[\w-]+)/.exec(line)![1]!),
    );
    expect([...documented].sort()).toEqual([...options].sort());
  });
});
