/**
 * How Helm starts a post-renderer, reproduced without Helm (helm.sh/helm/v4
 * internal/plugin/subprocess_commands.go PrepareCommands and runtime_subprocess.go
 * runPostrenderer; Helm 3's pkg/postrender/exec.go): the plugin's platformCommand picked for this
 * platform, its command split on spaces, `$VAR`/`${VAR}` expanded from Helm's environment plus
 * HELM_PLUGIN_NAME and HELM_PLUGIN_DIR, the `--post-renderer-args` appended, the rendered release
 * on stdin, stdout and stderr captured, in Helm's working directory.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface PlatformCommand {
  os?: string;
  arch?: string;
  command: string;
  args?: string[];
}

export interface PluginManifest {
  apiVersion: string;
  type: string;
  name: string;
  version: string;
  runtime: string;
  runtimeConfig: { platformCommand: PlatformCommand[] };
  [key: string]: unknown;
}

export interface PostRenderRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function readPluginManifest(pluginDir: string): PluginManifest {
  return parse(readFileSync(join(pluginDir, 'plugin.yaml'), 'utf8')) as PluginManifest;
}

const GOOS: Record<string, string> = { win32: 'windows' };
const GOARCH: Record<string, string> = { x64: 'amd64', ia32: '386' };

/** getPlatformCommand: exact os+arch, else os only, else neither. */
export function platformCommand(commands: PlatformCommand[]): PlatformCommand | undefined {
  const os = GOOS[process.platform] ?? process.platform;
  const arch = GOARCH[process.arch] ?? process.arch;
  const eq = (a: string | undefined, b: string) => (a ?? '').toLowerCase() === b;
  const exact = commands.find((c) => eq(c.os, os) && eq(c.arch, arch));
  if (exact) return exact;
  const usable = commands.filter((c) => !c.arch && (!c.os || eq(c.os, os)));
  return usable.find((c) => c.os) ?? usable[0];
}

/** Go's os.Expand: `${VAR}` and `$VAR`, unknown names expand to nothing. */
function expand(text: string, env: Record<string, string | undefined>): string {
  return text.replace(/\$\{([^}]*)\}|\$([A-Za-z0-9_]+)/g, (_m, braced: string | undefined, bare: string | undefined) => env[braced ?? bare ?? ''] ?? '');
}

/** Helm 4: `helm install|upgrade|template … --post-renderer <plugin> --post-renderer-args <arg>…`. */
export function runPluginAsHelm4(pluginDir: string, extraArgs: string[], stdin: string, cwd: string, helmEnv: Record<string, string | undefined> = process.env): PostRenderRun {
  const manifest = readPluginManifest(pluginDir);
  const chosen = platformCommand(manifest.runtimeConfig.platformCommand);
  if (!chosen) throw new Error('no plugin command is applicable');
  const env = { ...helmEnv, HELM_PLUGIN_NAME: manifest.name, HELM_PLUGIN_DIR: pluginDir };
  const [main, ...parts] = chosen.command.split(' ');
  const args = [...parts, ...(chosen.args ?? [])].map((a) => expand(a, env));
  return spawn(expand(main ?? '', env), [...args, ...extraArgs], stdin, cwd, env);
}

/** Helm 3: `--post-renderer <executable> --post-renderer-args <arg>…`, Helm's own environment. */
export function runExecutableAsHelm3(executable: string, extraArgs: string[], stdin: string, cwd: string, helmEnv: Record<string, string | undefined> = process.env): PostRenderRun {
  return spawn(executable, extraArgs, stdin, cwd, helmEnv);
}

function spawn(command: string, args: string[], stdin: string, cwd: string, env: Record<string, string | undefined>): PostRenderRun {
  const result = spawnSync(command, args, { cwd, env, input: stdin, encoding: 'utf8', maxBuffer: 256 << 20, timeout: 120_000 });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
