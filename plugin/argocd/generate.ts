/**
 * `mesh-inject argocd generate`: the generate command of the Argo CD config management plugin
 * (plugin/argocd/plugin.yaml). Runs in the app directory the CMP server unpacked:
 *
 * 1. read the Application's parameters (parameters.ts) and the nearest .mesh-injectrc inside the
 *    sources (never a JS config: this is someone else's repository), parameters on top;
 * 2. render: `kustomize build .` where there is a kustomization, else the directory's manifests
 *    (app-files.ts), decoded strictly as UTF-8 and checked to parse (check-manifests.ts);
 * 3. inject, parse the whole stream back (output-stream.ts), and print it, in one write, only
 *    when everything worked.
 *
 * stdout gets the manifests or nothing: Argo CD reads an empty stdout with exit 0 as "the app has
 * no objects" and an automated sync with prune then deletes all of them (argo-cd#15339). So any
 * problem, and an app that renders no object at all (an empty List counts as none), is an error
 * on stderr with a non-zero exit, unless the `allow-empty` parameter says an empty app is intended.
 */
import path from 'node:path';
import { createConfigResolver } from '../../config/index.js';
import { clusterContextFromText, emptyClusterContext, presetFor, transformText, type InjectConfig, type Result, type WorkloadReport } from '../../transformer/index.js';
import { decodeSource, isByteProblem, type ByteProblem } from '../../transformer/pipeline/source-bytes.js';
import { EXIT_INPUT, EXIT_OK, exitCodeFor } from '../cli/exit-codes.js';
import { isSelectedFile } from '../cli/file-filter.js';
import type { Io } from '../cli/io.js';
import { printResults } from '../cli/report.js';
import { readManifestFiles } from './app-files.js';
import { applyOverrides } from './apply-overrides.js';
import { checkSource } from './check-manifests.js';
import { describeDocument, type ParsedDocuments } from './inspect-stream.js';
import { joinStream, verifyStream } from './output-stream.js';
import { readParameters } from './parameters.js';
import { kustomizationIn, kustomizeBuild } from './render.js';
import { sourceRoot } from './source-root.js';

interface Piece {
  display: string;
  text: string;
  /** Injected (false: a file the rc's `files.exclude` leaves alone, printed as it is). */
  inject: boolean;
}

interface Rendered {
  pieces: Piece[];
  /** The objects Argo CD would apply (List items counted, empty Lists not). */
  objects: number;
}

export async function runArgocdGenerate(io: Io): Promise<number> {
  const appDir = io.cwd;
  const root = sourceRoot(appDir, io.env);
  const params = readParameters(io.env);
  if (params.errors.length) return fail(io, params.errors);
  const loaded = await createConfigResolver({ allowJs: false, stopDir: root }).resolveFor(path.join(appDir, '<stdin>'));
  if (!loaded.config) return fail(io, [...loaded.errors, ...loaded.warnings]);
  const overridden = applyOverrides(loaded.config, params, io.env.ARGOCD_APP_NAMESPACE, root);
  if (!overridden.config) return fail(io, [...loaded.warnings, ...overridden.errors]);
  const config = overridden.config;

  const parsed: ParsedDocuments = new Map();
  const rendered = await render(appDir, root, config, loaded.filepath, io, parsed);
  if ('failed' in rendered) return failWith(io, rendered.failed);
  if ('errors' in rendered) return fail(io, [...loaded.warnings, ...rendered.errors]);
  const app = io.env.ARGOCD_APP_NAME ? `app ${io.env.ARGOCD_APP_NAME}` : path.relative(root, appDir) || '.';
  if (rendered.objects === 0) {
    if (!params.allowEmpty) {
      return failWith(io, `${app} renders no Kubernetes object; refusing to print an empty stream, which Argo CD would take as "delete everything". Set the plugin parameter allow-empty to "true" if that is intended`);
    }
    io.stderr(`mesh-inject: ${app} renders no Kubernetes object (allow-empty is true)\n`);
    return EXIT_OK;
  }

  const cluster = emptyClusterContext();
  for (const piece of rendered.pieces) clusterContextFromText(piece.text, cluster, piece.display);
  const preset = presetFor(config);
  const results: Result[] = [...loaded.warnings];
  const workloads: WorkloadReport[] = [];
  const texts = rendered.pieces.map((piece) => {
    if (!piece.inject) return piece.text;
    const outcome = transformText(piece.text, { mode: 'inject', config, preset, cluster, path: piece.display });
    results.push(...outcome.results);
    workloads.push(...outcome.workloads);
    return outcome.text;
  });
  const code = exitCodeFor(results);
  if (code !== EXIT_OK) return fail(io, results, code);

  const stream = joinStream(rendered.pieces.map((piece, i) => ({ display: piece.display, text: texts[i]! })));
  const unverified = verifyStream(stream, rendered.objects, parsed);
  if (unverified.length) return fail(io, [...results, ...unverified]);

  printResults(io, results, false);
  const count = (action: string) => workloads.filter((w) => w.action === action).length;
  io.stderr(`mesh-inject: ${app}: ${count('injected') + count('reinjected')} workload(s) injected, ${count('unchanged')} up to date, ${count('skipped')} skipped\n`);
  io.stdout(stream.text);
  return EXIT_OK;
}

async function render(appDir: string, root: string, config: InjectConfig, configFile: string | undefined, io: Io, parsed: ParsedDocuments): Promise<Rendered | { errors: Result[] } | { failed: string }> {
  if (kustomizationIn(appDir)) {
    const built = await kustomizeBuild(appDir, io.env);
    if (!built.ok) return { failed: built.message };
    const display = `${built.tool} (${path.relative(root, appDir) || '.'})`;
    const decoded = decodeSource(built.stdout);
    if (isByteProblem(decoded)) return { errors: [notUtf8Output(built.stdout, decoded, display)] };
    const checked = checkSource(decoded.text, display, true, parsed);
    if (checked.errors.length) return { errors: checked.errors };
    return { pieces: [{ display, text: decoded.text, inject: true }], objects: checked.objects };
  }
  const read = await readManifestFiles(appDir, root);
  const pieces: Piece[] = [];
  const errors: Result[] = [...read.errors];
  let objects = 0;
  for (const { file, display, text } of read.files) {
    const checked = checkSource(text, display, false, parsed);
    errors.push(...checked.errors);
    if (!checked.hasObjects) continue;
    objects += checked.objects;
    pieces.push({ display, text, inject: await isSelectedFile(file, config, configFile, appDir) });
  }
  return errors.length ? { errors } : { pieces, objects };
}

/** kustomize passes the bytes of the files it reads through, so its output can be what no manifest may be. */
function notUtf8Output(bytes: Buffer, problem: ByteProblem, display: string): Result {
  // The document holding the bad byte, decoded leniently only to name it.
  const before = bytes.subarray(0, problem.offset).toString('utf8');
  const start = Math.max(0, before.lastIndexOf('\n---') + 1);
  const after = bytes.subarray(problem.offset).toString('utf8');
  const end = after.search(/\n---/);
  const where = describeDocument(before.slice(start) + (end === -1 ? after : after.slice(0, end)))?.replaceAll('\uFFFD', '?');
  return {
    severity: 'error',
    code: 'invalid-encoding',
    message: `kustomize's output is not UTF-8 text: ${problem.message.split(';')[0]}${where ? ` (in ${where})` : ''}; re-save the manifest or generator input that holds it as UTF-8`,
    file: { path: display, line: problem.line, column: problem.column },
  };
}

function fail(io: Io, results: Result[], code = exitCodeFor(results)): number {
  printResults(io, results, false);
  return failWith(io, undefined, code);
}

function failWith(io: Io, message: string | undefined, code = EXIT_INPUT): number {
  if (message) io.stderr(`mesh-inject: ${message}\n`);
  io.stderr('mesh-inject: nothing printed; fix the problem above and refresh the app (Argo CD caches errors: use Hard Refresh)\n');
  return code === EXIT_OK ? EXIT_INPUT : code;
}
