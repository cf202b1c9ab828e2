/**
 * What argocd-cmp-server does with plugin.yaml, reproduced for the end-to-end tests (argo-cd
 * `cmpserver/plugin/plugin.go`, `util/io/files/tar.go`, `reposerver/repository/repository.go`
 * `newEnv`/`getPluginEnvs`, `pkg/apis/application/v1alpha1/types.go` `Environ`):
 *
 * - the sources are unpacked into `$TMPDIR/_cmp_server/<uuid>/`, files 0644 and directories 0755;
 * - a command is `command[0]` exec'd (no shell) with `command[1:] + args`, in the app directory,
 *   with the sidecar's own environment plus the Application's build environment;
 * - discover matches when its command exits 0 with something other than a newline on stdout;
 * - generate's stdout is split into documents, each of which must be a whole Kubernetes object.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';

export const REPO = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
export const PLUGIN_YAML = join(REPO, 'plugin/argocd/plugin.yaml');
export const PATCH_YAML = join(REPO, 'plugin/argocd/repo-server-patch.yaml');
export const FIXTURE_REPO = join(REPO, 'test/e2e/fixtures/argocd-repo');

export interface Command {
  command: string[];
  args?: string[];
}

export interface PluginConfig {
  metadata: { name: string };
  spec: {
    generate: Command;
    discover?: { find?: { command?: string[]; args?: string[] } };
    parameters?: { static?: { name: string; string?: string; collectionType?: string }[] };
    preserveFileMode?: boolean;
  };
}

export interface Application {
  metadata: { name: string };
  spec: {
    project?: string;
    source: {
      repoURL: string;
      path: string;
      targetRevision?: string;
      plugin?: { name?: string; env?: { name: string; value: string }[]; parameters?: AppParameter[] };
    };
    destination: { namespace?: string };
  };
}

export interface AppParameter {
  name: string;
  string?: string;
  array?: string[];
  map?: Record<string, string>;
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function which(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, command))) return join(dir, command);
  }
  return undefined;
}

export function pluginConfig(): PluginConfig {
  return parse(readFileSync(PLUGIN_YAML, 'utf8')) as PluginConfig;
}

/** The sidecar container's own environment: PATH of an image with mesh-inject and kubectl, and the patch's `env`. */
export function sidecarEnv(binDir: string, tmpDir: string): Record<string, string> {
  const patch = parse(readFileSync(PATCH_YAML, 'utf8')) as { spec: { template: { spec: { containers: { name: string; env?: { name: string; value: string }[] }[] } } } };
  const container = patch.spec.template.spec.containers.find((c) => c.name === 'mesh-inject')!;
  const env: Record<string, string> = {};
  for (const { name, value } of container.env ?? []) env[name] = value;
  const kubectl = which('kubectl');
  const path = [binDir, dirname(process.execPath), ...(kubectl ? [dirname(kubectl)] : []), '/usr/bin', '/bin'];
  // TMPDIR stands for the sidecar's own /tmp emptyDir: the CMP work dir is $TMPDIR/_cmp_server.
  return { ...env, PATH: [...new Set(path)].join(delimiter), TMPDIR: tmpDir };
}

/** A bin directory with `mesh-inject` (the built CLI) as the image has it on PATH. */
export function binDirWithMeshInject(dir: string): string {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  symlinkSync(join(REPO, 'bin/mesh-inject.js'), join(bin, 'mesh-inject'));
  return bin;
}

/** Unpacks `source` as the CMP server does; returns the root it ran the commands under. */
export function unpack(source: string, tmpDir: string): string {
  const root = join(tmpDir, '_cmp_server', randomUUID());
  mkdirSync(root, { recursive: true });
  cpSync(source, root, { recursive: true });
  resetModes(root);
  return root;
}

function resetModes(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) resetModes(path);
    else if (entry.isFile()) chmodSync(path, 0o644);
  }
}

/** The build environment the repo server sends for an Application (newEnv + getPluginEnvs). */
export function applicationEnv(app: Application, revision = '0123456789abcdef0123456789abcdef01234567'): Record<string, string> {
  const source = app.spec.source;
  const env: Record<string, string> = {
    ARGOCD_APP_NAME: app.metadata.name,
    ARGOCD_APP_NAMESPACE: app.spec.destination.namespace ?? '',
    ARGOCD_APP_PROJECT_NAME: app.spec.project ?? 'default',
    ARGOCD_APP_REVISION: revision,
    ARGOCD_APP_REVISION_SHORT: revision.slice(0, 7),
    ARGOCD_APP_REVISION_SHORT_8: revision.slice(0, 8),
    ARGOCD_APP_SOURCE_REPO_URL: source.repoURL,
    ARGOCD_APP_SOURCE_PATH: source.path,
    ARGOCD_APP_SOURCE_TARGET_REVISION: source.targetRevision ?? '',
    KUBE_VERSION: '1.33.2',
    KUBE_API_VERSIONS: 'v1,apps/v1,batch/v1,networking.k8s.io/v1',
  };
  const build = { ...env };
  for (const entry of source.plugin?.env ?? []) env[`ARGOCD_ENV_${entry.name}`] = envsubst(entry.value, build);
  return { ...env, ...parameterEnv(source.plugin?.parameters) };
}

/** `ApplicationSourcePluginParameters.Environ()`: no parameters (a nil list) marshal to `null`. */
export function parameterEnv(parameters: AppParameter[] | undefined): Record<string, string> {
  const env: Record<string, string> = { ARGOCD_APP_PARAMETERS: JSON.stringify(parameters ?? null) };
  for (const p of parameters ?? []) {
    const base = `PARAM_${p.name.toUpperCase().replace(/[^A-Z0-9_]/g, '_')}`;
    if (p.string !== undefined) env[base] = p.string;
    for (const [key, value] of Object.entries(p.map ?? {})) env[`${base}_${key.toUpperCase().replace(/[^A-Z0-9_]/g, '_')}`] = value;
    (p.array ?? []).forEach((value, i) => (env[`${base}_${i}`] = value));
  }
  return env;
}

function envsubst(value: string, env: Record<string, string>): string {
  return value.replace(/\$\$|\$\{(\w+)\}|\$(\w+)/g, (match, braced: string | undefined, bare: string | undefined) => {
    if (match === '$$') return '$';
    return env[braced ?? bare ?? ''] ?? '';
  });
}

/** Runs a plugin.yaml command exactly as runCommand does: no shell, cwd = the app directory. */
export function runPluginCommand(command: Command, appDir: string, env: Record<string, string>): Run {
  const [file, ...rest] = command.command;
  const result = spawnSync(file!, [...rest, ...(command.args ?? [])], { cwd: appDir, env, encoding: 'utf8', maxBuffer: 256 << 20, timeout: 60_000 });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function discoverMatches(config: PluginConfig, appDir: string, env: Record<string, string>): { matched: boolean; run: Run } {
  const find = config.spec.discover?.find;
  if (!find?.command) throw new Error('plugin.yaml has no discover.find.command');
  const run = runPluginCommand({ command: find.command, ...(find.args ? { args: find.args } : {}) }, appDir, env);
  return { matched: run.code === 0 && run.stdout.replace(/\n$/, '') !== '', run };
}

/** kube.SplitYAMLToString + unmarshal to unstructured: every non-empty document must be a whole object. */
export function argoObjects(stdout: string): Record<string, any>[] {
  const objects: Record<string, any>[] = [];
  for (const doc of parseAllDocuments(stdout.replace(/\n$/, ''))) {
    if (doc.errors.length) throw new Error(`generate printed invalid YAML: ${doc.errors[0]!.message}`);
    const value = doc.toJS() as unknown;
    if (value === null || value === undefined) continue;
    const obj = value as Record<string, any>;
    if (typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string' || typeof obj.metadata?.name !== 'string') {
      throw new Error(`generate printed a document that is not a Kubernetes object: ${JSON.stringify(value).slice(0, 200)}`);
    }
    objects.push(obj);
  }
  return objects;
}

export function findObject(objects: Record<string, any>[], kind: string, name: string): Record<string, any> {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind}/${name} in ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  return found;
}

/** Names of all containers and init containers of a pod template. */
export function containerNames(workload: Record<string, any>): string[] {
  const spec = workload.spec.template.spec;
  return [...(spec.initContainers ?? []), ...(spec.containers ?? [])].map((c: { name: string }) => c.name);
}

export function proxyImage(workload: Record<string, any>): string | undefined {
  const spec = workload.spec.template.spec;
  return [...(spec.initContainers ?? []), ...(spec.containers ?? [])].find((c: { name: string }) => c.name === 'istio-proxy')?.image;
}

/**
 * A `kustomize` for machines that only have kubectl: `kustomize build ARGS` runs kubectl's
 * embedded kustomize (`kubectl kustomize ARGS`) and logs its argv to `<dir>/kustomize-argv.log`.
 */
export function kustomizeShim(dir: string): { bin: string; log: string } {
  const kubectl = which('kubectl');
  if (!kubectl) throw new Error('kubectl is needed behind the kustomize stand-in');
  const bin = join(dir, 'kustomize-bin');
  const log = join(dir, 'kustomize-argv.log');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'kustomize'), `#!/bin/sh\necho "$*" >> '${log}'\n[ "$1" = build ] || exit 64\nshift\nexec '${kubectl}' kustomize "$@"\n`, { mode: 0o755 });
  return { bin, log };
}
