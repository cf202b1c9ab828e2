/**
 * `mesh-inject plugin kustomize [CONFIG]`, run by the kustomize plugin launcher
 * `plugin/kustomize/mesh-inject.dev/v1alpha1/meshinject/MeshInject`. One executable, two
 * protocols, told apart by what arrives on stdin:
 *
 * - stdin is a `kind: ResourceList`: the KRM function protocol (kustomize `exec:` functions with
 *   `--enable-exec`, kpt `--exec`). Config from the list's `functionConfig`; stdout is the
 *   complete ResourceList (plugin/krm.ts).
 * - anything else: the legacy exec plugin protocol (`kubectl kustomize --enable-alpha-plugins`).
 *   Config from the file named by argv[1], else `$KUSTOMIZE_PLUGIN_CONFIG_STRING`; stdin and
 *   stdout are plain multi-document streams.
 *
 * The legacy transformer config is a whole `MeshInject` object (`spec` = the `.mesh-injectrc`
 * keys). Relative files in it resolve against `$KUSTOMIZE_PLUGIN_CONFIG_ROOT`, the kustomization
 * directory, and must stay inside it (as kustomize's own load restrictor demands). In legacy mode
 * stdout gets the stream only when every document transformed without error; otherwise it stays
 * empty, the problems go to stderr and the exit code is non-zero, which fails the kustomize build.
 * JS configs are never loaded.
 */
import { readFile } from 'node:fs/promises';
import { configFromFunctionConfig } from '../config/function-config.js';
import { parseConfigYaml } from '../config/parse-yaml.js';
import { withMeshInputs } from '../config/load.js';
import { EXIT_OK } from './cli/exit-codes.js';
import { reportToStderr, usageError } from './stream-report.js';
import type { Io } from './cli/io.js';
import { readStdinText } from './cli/read-stdin.js';
import { runKrmOnText } from './krm.js';
import { transformKustomizeStream } from './kustomize-stream.js';

/** Where YAML syntax errors in the config point (kustomize's temp copy is gone by the time anyone reads them). */
const CONFIG_DISPLAY = '<kustomize transformer config>';
const RESOURCE_LIST = /^kind:[ \t]*["']?ResourceList["']?[ \t]*(#.*)?\r?$/m;

export async function runKustomizePlugin(io: Io, configFile: string | undefined): Promise<number> {
  const read = await readStdinText(io);
  if ('result' in read) return reportToStderr(io, [read.result]);
  const stdin = read.text;
  if (isResourceList(stdin)) {
    if (configFile !== undefined) return usageError(io, `a ResourceList on stdin carries its own functionConfig; drop the argument ${configFile}`);
    return runKrmOnText(io, stdin);
  }

  let configText = io.env.KUSTOMIZE_PLUGIN_CONFIG_STRING;
  if (configFile !== undefined) {
    try {
      configText = await readFile(configFile, 'utf8');
    } catch (error) {
      return usageError(io, `cannot read the transformer config ${configFile}: ${(error as Error).message}`);
    }
  }
  if (configText === undefined) {
    return usageError(io, 'no transformer config: kustomize passes it as the first argument (and in $KUSTOMIZE_PLUGIN_CONFIG_STRING); to run mesh-inject on a plain stream use `mesh-inject inject -`');
  }
  const root = io.env.KUSTOMIZE_PLUGIN_CONFIG_ROOT || io.cwd;
  // kustomize hands over its own serialization of the config (keys sorted, comments gone), so
  // positions in it would not match the user's file: config results name the MeshInject
  // resource and the key path instead.
  const parsed = parseConfigYaml(configText, CONFIG_DISPLAY);
  const loaded = parsed.errors.length
    ? { errors: parsed.errors, warnings: parsed.warnings }
    : configFromFunctionConfig(parsed.raw, { baseDir: root, rootDir: root });
  if (!loaded.config) return reportToStderr(io, [...loaded.errors, ...loaded.warnings]);
  // Files the config names (Linkerd's values or trust anchors, Istio's templates), relative to the kustomization.
  const withFiles = await withMeshInputs({ ...loaded, source: 'file' }, CONFIG_DISPLAY);
  if (!withFiles.config) return reportToStderr(io, [...withFiles.errors, ...withFiles.warnings]);

  const outcome = transformKustomizeStream(stdin, withFiles.config);
  const results = [...loaded.warnings, ...outcome.results];
  const code = reportToStderr(io, results);
  if (code === EXIT_OK) io.stdout(outcome.text);
  return code;
}

function isResourceList(stdin: string): boolean {
  const text = stdin.trimStart();
  if (text.startsWith('{')) {
    try {
      return (JSON.parse(text) as { kind?: unknown }).kind === 'ResourceList';
    } catch {
      return false;
    }
  }
  // The first document with content; a ResourceList is never preceded by another document.
  const body = text.replace(/^---(?:[ \t].*)?\r?\n/, '');
  const end = body.search(/^---(?:[ \t]|\r?$)/m);
  return RESOURCE_LIST.test(end === -1 ? body : body.slice(0, end));
}
