/**
 * docs/helm.md's command lines, replayed the way Helm would run them (test/e2e/helm-call.ts):
 * the `--post-renderer` and `--post-renderer-args` of each documented `helm install|template` line
 * start the installed plugin on a rendered release; the debugging pipe runs as written with the
 * `helm template` stage replaced by its output.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { docSnippets, snippet } from '../helpers/doc-snippets.js';
import { HELM3_RELEASE, HELM4_RELEASE, containerNames } from '../plugin/helm/release-fixtures.js';
import { runExecutableAsHelm3, runPluginAsHelm4 } from './helm-call.js';
import { MESH_INJECT_BIN, REPO, missingTool, tempDir, writeTree } from './kustomize-tools.js';

const DOC = docSnippets(join(REPO, 'docs/helm.md'));

/** `--post-renderer X` and every `--post-renderer-args` value of a helm command line. */
function postRendererFlags(line: string): { renderer: string; args: string[] } {
  const words = line.trim().match(/"[^"]*"|\S+/g) ?? [];
  let renderer = '';
  const args: string[] = [];
  words.forEach((word, i) => {
    if (word === '--post-renderer') renderer = words[i + 1] ?? '';
    else if (word.startsWith('--post-renderer=')) renderer = word.slice('--post-renderer='.length);
    else if (word === '--post-renderer-args') args.push(words[i + 1] ?? '');
    else if (word.startsWith('--post-renderer-args=')) args.push(word.slice('--post-renderer-args='.length));
  });
  return { renderer, args };
}

describe('docs/helm.md', () => {
  const tmp = tempDir('helm-docs');
  afterAll(tmp.cleanup);
  const repo = join(tmp.dir, 'repo');
  // Only namespace "shop" is meshed: the documented --namespace must reach mesh-inject.
  writeTree(repo, { '.mesh-injectrc': 'mesh: istio\nnamespaces:\n  inject: [shop]\n' });
  // `helm plugin install "$(npm root -g)/mesh-inject/plugin/helm"` links that directory into Helm's plugins.
  const npmRoot = join(tmp.dir, 'npm-root');
  const plugins = join(tmp.dir, 'helm-plugins');
  mkdirSync(npmRoot);
  mkdirSync(plugins);
  symlinkSync(REPO, join(npmRoot, 'mesh-inject'));
  symlinkSync(join(npmRoot, 'mesh-inject/plugin/helm'), join(plugins, 'mesh-inject'));

  it('installs the plugin from the package directory the docs name', () => {
    const line = snippet(DOC, 'helm-plugin-install').split('\n')[0]!;
    const dir = /helm plugin install "\$\(npm root -g\)\/(.+)"/.exec(line)?.[1];
    expect(dir).toBe('mesh-inject/plugin/helm');
    expect(existsSync(join(npmRoot, dir!, 'plugin.yaml'))).toBe(true);
  });

  it.each(['helm-install', 'helm-template'])('%s: the post-renderer flags inject the release into the documented namespace', (name) => {
    if (missingTool()) return;
    const { renderer, args } = postRendererFlags(snippet(DOC, name));
    expect(renderer).toBe('mesh-inject');
    const result = runPluginAsHelm4(join(plugins, renderer), args, HELM4_RELEASE, repo);
    expect(result.code).toBe(0);
    expect(containerNames(result.stdout, 'Deployment')).toContain('istio-proxy');
  });

  it.each(['helm3-launcher', 'helm3-command'])('%s: Helm 3 runs the named executable with the documented arguments', (name) => {
    if (missingTool()) return;
    const { renderer, args } = postRendererFlags(snippet(DOC, name));
    // `$(npm root -g)` as the shell expands it; `mesh-inject` as npm's bin on PATH.
    const executable = renderer === 'mesh-inject' ? MESH_INJECT_BIN : renderer.replace(/^"\$\(npm root -g\)(.*)"$/, `${npmRoot}$1`);
    expect(existsSync(executable)).toBe(true);
    const result = runExecutableAsHelm3(executable, args, HELM3_RELEASE, repo);
    expect(result.code).toBe(0);
    expect(containerNames(result.stdout, 'Deployment')).toContain('istio-proxy');
  });

  it('helm-debug: the pipe shows the reason on stderr', () => {
    if (missingTool()) return;
    const bin = join(tmp.dir, 'bin');
    mkdirSync(bin, { recursive: true });
    symlinkSync(MESH_INJECT_BIN, join(bin, 'mesh-inject'));
    const rendered = join(tmp.dir, 'rendered.yaml');
    writeFileSync(rendered, HELM3_RELEASE.replace('containerPort: 80', 'containerPort: 15001'));
    const command = snippet(DOC, 'helm-debug').trim().replace(/^helm template [^|]*\|/, `cat '${rendered}' |`);
    expect(command).toMatch(/^cat /);
    const result = spawnSync('bash', ['-o', 'pipefail', '-c', command], { cwd: repo, encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` } });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('demo/templates/deployment.yaml');
  });
});
