/**
 * Runaway custom injection templates in template mode and kube-inject: a template over an
 * execution limit (`gotemplate/limits.ts`), or printing more YAML than an overlay may be, fails
 * the workload with `template-error`, exit 2, and nothing is written.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { MAX_OVERLAY_CHARS } from '../../../../transformer/mesh/istio-templates/run-template.js';
import { presetFor, transformText } from '../../../../transformer/index.js';
import type { ClusterInputs } from '../../../../transformer/mesh/istio-templates/index.js';
import { defaultTestConfig } from '../../../helpers/default-config.js';
import { DEPLOYMENT } from '../../../helpers/fixtures.js';
import { runCli, tempTree } from '../../../helpers/run-cli.js';

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
});

function tree(files: Record<string, string>): string {
  const { dir, cleanup } = tempTree(files);
  cleanups.push(cleanup);
  return dir;
}

/** An injector config whose `sidecar` template sets the proxy image to `image` (template text). */
function injectorConfig(image: string): string {
  return `policy: enabled\ntemplates:\n  sidecar: |\n    spec:\n      containers:\n      - name: istio-proxy\n        image: "${image}"\n`;
}

/** The `istio-sidecar-injector` ConfigMap as `kubectl get cm -o yaml` prints it. */
function injectorConfigMap(config: string): string {
  const data = { config, values: '{"global": {"hub": "example.io", "tag": "1"}}' };
  return stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'istio-sidecar-injector', namespace: 'istio-system' }, data }, { blockQuote: 'literal' });
}

const RUNAWAY = injectorConfig('{{ repeat 200000000 "x" }}');

describe('a runaway template through the CLI', () => {
  const files = (config: string) => ({
    '.mesh-injectrc.yaml': 'istio:\n  injector: istio/injector.yaml\n',
    'istio/injector.yaml': injectorConfigMap(config),
    'web.yaml': DEPLOYMENT,
  });

  it('inject: template-error, exit 2, the file left as it was', async () => {
    const dir = tree(files(RUNAWAY));
    const before = statSync(join(dir, 'web.yaml')).mtimeMs;
    const run = await runCli(['inject', '--format', 'json', 'web.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    const data = JSON.parse(run.stdout) as { files: { changed: boolean }[]; results: { code: string; severity: string }[] };
    expect(data.files).toMatchObject([{ changed: false }]);
    const errors = data.results.filter((r) => r.severity === 'error');
    expect(errors.map((r) => r.code)).toEqual(['template-error']);
    expect(readFileSync(join(dir, 'web.yaml'), 'utf8')).toBe(DEPLOYMENT);
    expect(statSync(join(dir, 'web.yaml')).mtimeMs).toBe(before);
  });

  it('the same config without the runaway call injects (the limit, not the setup, failed it)', async () => {
    const dir = tree(files(injectorConfig('{{ .ProxyImage }}')));
    const run = await runCli(['inject', 'web.yaml'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(readFileSync(join(dir, 'web.yaml'), 'utf8')).toContain('image: example.io/proxyv2:1');
  });

  it('kube-inject: exits 2 with its error line, prints nothing and leaves -o untouched', async () => {
    const dir = tree({ ...files(RUNAWAY), 'istio/mesh.yaml': 'trustDomain: cluster.local\n', 'out.yaml': 'old\n' });
    const flags = ['--injectConfigFile', 'istio/injector.yaml', '--meshConfigFile', 'istio/mesh.yaml'];
    const run = await runCli(['kube-inject', '-f', 'web.yaml', ...flags, '-o', 'out.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^Error: .*\(document 1 of web\.yaml\)$/m);
    expect(readFileSync(join(dir, 'out.yaml'), 'utf8')).toBe('old\n');
  });
});

describe('the YAML a template prints', () => {
  const inject = (config: string) => {
    const cluster: ClusterInputs = { injector: { path: 'injector.yaml', text: config }, values: { path: 'values.json', text: '{"global": {"hub": "h", "tag": "1"}}' } };
    const base = defaultTestConfig({ namespaces: { inject: ['*'], skip: [] } });
    const options = { ...base, istio: { ...base.istio, cluster } };
    return transformText(DEPLOYMENT, { mode: 'inject', config: options, preset: presetFor(options) });
  };

  it('is refused above the overlay limit, before it is parsed', () => {
    const out = inject(injectorConfig(`{{ repeat ${MAX_OVERLAY_CHARS} "x" }}`));
    expect(out.changed).toBe(false);
    expect(out.results).toMatchObject([{ severity: 'error', code: 'template-error' }]);
  });

  it('is read up to the limit', () => {
    const out = inject(injectorConfig(`{{ repeat ${MAX_OVERLAY_CHARS - 1000} "x" }}`));
    expect(out.results.filter((r) => r.severity === 'error')).toEqual([]);
    expect(out.changed).toBe(true);
  });
});
