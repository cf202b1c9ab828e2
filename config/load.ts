/**
 * The thin I/O around `validateConfig`: find the `.mesh-injectrc` nearest to each file and read it.
 *
 * Discovery uses lilconfig, not cosmiconfig: cosmiconfig 9 executes `.config/config.js` from the
 * cwd and follows `$import`, whatever loaders are configured (research §2). Here nothing runs
 * unless the caller allows JS configs (the local CLI); in the KRM function and Argo CD a JS
 * config is an error. `$import` is just an unknown key that validation rejects.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { lilconfig, type LilconfigResult, type Loader } from 'lilconfig';
import type { InjectConfig, LinkerdInputs } from '../transformer/inject-config.js';
import type { ClusterInputs, SourceText } from '../transformer/mesh/istio-templates/types.js';
import type { Result } from '../transformer/results.js';
import { defaultConfig } from './defaults.js';
import { parseConfigYaml } from './parse-yaml.js';
import type { Segment } from './schema-walk.js';
import { toResult } from './to-result.js';
import { checkConfigFile, checkSearchPath } from './config-file-guard.js';

const CONFIG_NAME = 'mesh-inject';

/** cosmiconfig's conventions for the name, minus `.config/` and `.ts`; the first match in a directory wins. */
const SEARCH_PLACES: readonly string[] = [
  'package.json',
  `.${CONFIG_NAME}rc`,
  `.${CONFIG_NAME}rc.json`,
  `.${CONFIG_NAME}rc.yaml`,
  `.${CONFIG_NAME}rc.yml`,
  `${CONFIG_NAME}.config.js`,
  `${CONFIG_NAME}.config.mjs`,
  `${CONFIG_NAME}.config.cjs`,
];

const JS_EXTENSIONS = new Set(['.js', '.mjs', '.cjs']);
const DATA_EXTENSIONS = new Set(['', '.json', '.yaml', '.yml']);

export interface LoadedConfig {
  /** Present only when there are no errors. */
  config?: InjectConfig;
  errors: Result[];
  warnings: Result[];
  /** The config file used; absent when the embedded defaults apply. */
  filepath?: string;
  source: 'file' | 'defaults';
}

export interface ResolverOptions {
  /** Load `mesh-inject.config.{js,mjs,cjs}` (executes them). Only for the local CLI, never for untrusted repositories. */
  allowJs?: boolean;
  /** Directory where the upward search stops (the repository root); files the config points to must stay inside it. */
  stopDir: string;
  /** `--config FILE`: use this file for every input instead of searching. */
  explicitPath?: string;
}

export interface ConfigResolver {
  /** The config that applies to `filePath`: the nearest one in its directory or above, up to `stopDir`. */
  resolveFor(filePath: string): Promise<LoadedConfig>;
}

/** What a loader hands back through lilconfig: data plus where it came from, or the reason it could not be read. */
type LoadedFile =
  | { kind: 'data'; filepath: string; raw: unknown; parsed?: ReturnType<typeof parseConfigYaml>; docPath: Segment[] }
  | { kind: 'failed'; errors: Result[]; warnings: Result[] };

export function createConfigResolver(options: ResolverOptions): ConfigResolver {
  const stopDir = path.resolve(options.stopDir);
  const allowJs = options.allowJs ?? false;
  const explorer = lilconfig(CONFIG_NAME, {
    searchPlaces: [...SEARCH_PLACES],
    stopDir,
    packageProp: CONFIG_NAME,
    // An empty rc file is still the nearest config (all defaults), not a reason to keep searching upward.
    ignoreEmptySearchPlaces: false,
    loaders: loaders(allowJs),
  });
  const byFile = new Map<string, Promise<LoadedConfig>>();
  const byDir = new Map<string, Promise<LoadedConfig>>();

  const finish = (result: LilconfigResult): Promise<LoadedConfig> => {
    if (result === null) return Promise.resolve({ config: defaultConfig(), errors: [], warnings: [], source: 'defaults' });
    let loaded = byFile.get(result.filepath);
    if (!loaded) {
      loaded = toLoadedConfig(result, { allowJs, stopDir });
      byFile.set(result.filepath, loaded);
    }
    return loaded;
  };

  if (options.explicitPath !== undefined) {
    const explicit = path.resolve(options.explicitPath);
    let once: Promise<LoadedConfig> | undefined;
    return { resolveFor: () => (once ??= checkConfigFile(explicit).then((fault) => (fault ? faulted(fault) : loadExplicit(explicit, explorer, finish)))) };
  }

  return {
    resolveFor(filePath) {
      const dir = path.dirname(path.resolve(filePath));
      let pending = byDir.get(dir);
      if (!pending) {
        pending = checkSearchPath(dir, stopDir, SEARCH_PLACES).then((fault) =>
          fault ? faulted(fault) : explorer.search(dir).then(finish, (e: unknown) => failure(readError(e), undefined)),
        );
        byDir.set(dir, pending);
      }
      return pending;
    },
  };
}

async function loadExplicit(
  filepath: string,
  explorer: ReturnType<typeof lilconfig>,
  finish: (result: LilconfigResult) => Promise<LoadedConfig>,
): Promise<LoadedConfig> {
  const ext = path.extname(filepath);
  if (!DATA_EXTENSIONS.has(ext) && !JS_EXTENSIONS.has(ext)) {
    return failure(`${filepath}: unsupported config file type "${ext}"; use .yaml, .yml, .json or no extension`, filepath);
  }
  try {
    const result = await explorer.load(filepath);
    if (result?.config === null) {
      return failure(`${filepath} has no "${CONFIG_NAME}" key; add one or point --config at a .mesh-injectrc.yaml`, filepath);
    }
    return await finish(result);
  } catch (e) {
    return failure(readError(e), filepath);
  }
}

async function toLoadedConfig(result: NonNullable<LilconfigResult>, opts: { allowJs: boolean; stopDir: string }): Promise<LoadedConfig> {
  const { filepath } = result;
  if (!opts.allowJs && JS_EXTENSIONS.has(path.extname(filepath))) {
    const why = 'JavaScript config files are disabled in this mode (KRM function, Argo CD plugin) because loading one runs its code';
    return failure(`${path.basename(filepath)}: ${why}; move the settings to .${CONFIG_NAME}rc.yaml`, filepath);
  }
  if (result.isEmpty) return { config: defaultConfig(), errors: [], warnings: [], filepath, source: 'file' };
  const file = result.config as LoadedFile;
  if (file.kind === 'failed') return { errors: file.errors, warnings: file.warnings, filepath, source: 'file' };
  // Loaded on demand: without a config file no schema is needed, which keeps hook start-up fast.
  const { validateConfig } = await import('./validate.js');
  const validated = validateConfig(file.raw, {
    filepath,
    doc: file.parsed?.doc,
    lineCounter: file.parsed?.lineCounter,
    docPath: file.docPath,
    // An explicit --config outside the repository is the operator's choice; a discovered one is the repository's.
    rootDir: isInside(filepath, opts.stopDir) ? opts.stopDir : undefined,
  });
  const loaded: LoadedConfig = { ...validated, warnings: [...(file.parsed?.warnings ?? []), ...validated.warnings], filepath, source: 'file' };
  return withMeshInputs(loaded, filepath);
}

/** The files the config's mesh keys name (Istio template mode, Linkerd values and trust anchors), read into the config. */
export async function withMeshInputs(loaded: LoadedConfig, filepath: string): Promise<LoadedConfig> {
  return withLinkerdInputs(await withClusterInputs(loaded, filepath), filepath);
}

const CLUSTER_FILES = ['injector', 'values', 'meshConfig'] as const;

/**
 * Template mode: `istio.injector|values|meshConfig` name the cluster's own injection inputs; their
 * texts go into `istio.cluster` (parsed, with positions, by the core).
 */
async function withClusterInputs(loaded: LoadedConfig, filepath: string): Promise<LoadedConfig> {
  const istio = loaded.config?.istio;
  if (!istio || CLUSTER_FILES.every((key) => istio[key] === undefined)) return loaded;
  const fail = (message: string): LoadedConfig => ({ errors: [toResult('error', message, { filepath })], warnings: loaded.warnings, filepath, source: 'file' });
  if (istio.injector === undefined) {
    const set = CLUSTER_FILES.filter((key) => istio[key] !== undefined).map((key) => `istio.${key}`).join(' and ');
    return fail(`${set} ${set.includes(' and ') ? 'are' : 'is'} set but istio.injector is not; set istio.injector to the istio-sidecar-injector ConfigMap (or its data.config), or remove ${set}`);
  }
  const texts: Partial<Record<(typeof CLUSTER_FILES)[number], SourceText>> = {};
  for (const key of CLUSTER_FILES) {
    const file = istio[key];
    if (file === undefined) continue;
    const read = await readInput(file, `istio.${key}`, filepath);
    if ('error' in read) return { errors: [read.error], warnings: loaded.warnings, filepath, source: 'file' };
    texts[key] = read.text;
  }
  const cluster: ClusterInputs = { injector: texts.injector!, ...(texts.values ? { values: texts.values } : {}), ...(texts.meshConfig ? { meshConfig: texts.meshConfig } : {}) };
  return { ...loaded, config: { ...loaded.config!, istio: { ...istio, cluster } } };
}

const LINKERD_NEEDS_TRUST_ANCHORS =
  'mesh: linkerd needs the identity trust anchors (a proxy without them cannot start); set linkerd.values to the linkerd-config ConfigMap (kubectl get -n linkerd configmap linkerd-config -o yaml > linkerd/linkerd-config.yaml), or linkerd.identityTrustAnchorsFile (or linkerd.identityTrustAnchorsPEM) to the trust anchors';

/** `linkerd.values|identityTrustAnchorsFile` name files; their texts go into `linkerd.inputs` (parsed by the core). */
async function withLinkerdInputs(loaded: LoadedConfig, filepath: string): Promise<LoadedConfig> {
  const linkerd = loaded.config?.linkerd;
  if (!linkerd) return loaded;
  if (loaded.config!.mesh === 'linkerd' && linkerd.values === undefined && linkerd.identityTrustAnchorsFile === undefined && linkerd.identityTrustAnchorsPEM === undefined) {
    return { errors: [toResult('error', LINKERD_NEEDS_TRUST_ANCHORS, { filepath })], warnings: loaded.warnings, filepath, source: 'file' };
  }
  if (linkerd.values === undefined && linkerd.identityTrustAnchorsFile === undefined) return loaded;
  const inputs: LinkerdInputs = {};
  for (const [key, into] of [['values', 'values'], ['identityTrustAnchorsFile', 'trustAnchors']] as const) {
    const file = linkerd[key];
    if (file === undefined) continue;
    const read = await readInput(file, `linkerd.${key}`, filepath);
    if ('error' in read) return { errors: [read.error], warnings: loaded.warnings, filepath, source: 'file' };
    inputs[into] = read.text;
  }
  return { ...loaded, config: { ...loaded.config!, linkerd: { ...linkerd, inputs } } };
}

/** A file a config key names, or the error naming the key, the file and the fix. */
async function readInput(file: string, key: string, filepath: string): Promise<{ text: SourceText } | { error: Result }> {
  const fault = await checkConfigFile(file);
  if (fault) return { error: fault };
  try {
    return { text: { path: file, text: await readFile(file, 'utf8') } };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'it is a directory' : err.message;
    return { error: toResult('error', `${key}: cannot read ${file} (${why}); fix the path (relative to ${path.basename(filepath)}) or remove ${key}`, { filepath }) };
  }
}

function loaders(allowJs: boolean): Record<string, Loader> {
  const data: Loader = (filepath, content) => {
    const parsed = parseConfigYaml(content, filepath);
    if (parsed.errors.length > 0) return wrapFile(filepath, { kind: 'failed', errors: parsed.errors, warnings: parsed.warnings });
    if (path.basename(filepath) !== 'package.json') return { kind: 'data', filepath, raw: parsed.raw, parsed, docPath: [] };
    // lilconfig reads the `mesh-inject` key of whatever this returns; an object without it means "keep searching".
    const pkg = parsed.raw as Record<string, unknown> | null;
    if (pkg?.[CONFIG_NAME] === undefined || pkg[CONFIG_NAME] === null) return {};
    return { [CONFIG_NAME]: { kind: 'data', filepath, raw: pkg[CONFIG_NAME], parsed, docPath: [CONFIG_NAME] } };
  };
  const js: Loader = async (filepath) => {
    if (!allowJs) return { kind: 'failed', errors: [], warnings: [] }; // refused in toLoadedConfig, never imported
    try {
      const mod = (await import(pathToFileURL(filepath).href)) as { default?: unknown };
      if (mod.default === undefined) {
        const message = `${path.basename(filepath)} has no default export; use export default { ... } or module.exports = { ... }`;
        return { kind: 'failed', errors: [toResult('error', message, { filepath })], warnings: [] };
      }
      return { kind: 'data', filepath, raw: mod.default, docPath: [] };
    } catch (e) {
      return { kind: 'failed', errors: [toResult('error', `${path.basename(filepath)}: ${(e as Error).message}`, { filepath })], warnings: [] };
    }
  };
  return { noExt: data, '.json': data, '.yaml': data, '.yml': data, '.js': js, '.mjs': js, '.cjs': js };
}

/** A broken package.json must stop the search with its error, so the failure goes under the config key. */
function wrapFile(filepath: string, file: LoadedFile): unknown {
  return path.basename(filepath) === 'package.json' ? { [CONFIG_NAME]: file } : file;
}

function faulted(fault: Result): LoadedConfig {
  return { errors: [fault], warnings: [], source: 'file', ...(fault.file ? { filepath: fault.file.path } : {}) };
}

function failure(message: string, filepath: string | undefined): LoadedConfig {
  const loaded: LoadedConfig = { errors: [toResult('error', message, { filepath })], warnings: [], source: 'file' };
  if (filepath !== undefined) loaded.filepath = filepath;
  return loaded;
}

function readError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'ENOENT') return `config file not found: ${err.path ?? ''}`;
  if (err.code === 'EISDIR') return `${err.path ?? 'config'} is a directory, not a config file`;
  return `cannot read the config: ${err.message}`;
}

function isInside(file: string, dir: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
