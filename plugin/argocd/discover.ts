/**
 * `mesh-inject argocd discover`: plugin.yaml's `discover.find.command`. The CMP server runs it in
 * the app directory (Argo CD ≥ 2.8) and takes the plugin when it exits 0 with something on stdout.
 *
 * Discovery is opt-in by the repository: it matches a kustomize or plain-manifest directory only
 * when a mesh-inject config (`.mesh-injectrc*`, `mesh-inject.config.*`, a `mesh-inject` key in
 * package.json) applies to it, in the app directory or above it inside the sources. A plugin that
 * matched every kustomization would take over every kustomize app of the Argo CD instance, since
 * plugins are asked before the built-in kustomize. Helm charts (a Chart.yaml, no kustomization)
 * never match. A JS config still matches, so that generate fails loudly instead of the app
 * silently going out without sidecars. Discovery never exits non-zero.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createConfigResolver } from '../../config/index.js';
import type { Io } from '../cli/io.js';
import { manifestFiles } from './app-files.js';
import { kustomizationIn } from './render.js';
import { sourceRoot } from './source-root.js';

export async function runArgocdDiscover(io: Io): Promise<number> {
  try {
    const appDir = io.cwd;
    const kind = kustomizationIn(appDir)
      ? 'kustomize'
      : !existsSync(path.join(appDir, 'Chart.yaml')) && (await manifestFiles(appDir)).length > 0
        ? 'directory'
        : undefined;
    if (!kind) return 0;
    const root = sourceRoot(appDir, io.env);
    const loaded = await createConfigResolver({ allowJs: false, stopDir: root }).resolveFor(path.join(appDir, '<stdin>'));
    if (loaded.source === 'file' && loaded.filepath) io.stdout(`${kind} app with ${path.relative(root, loaded.filepath)}\n`);
  } catch (error) {
    io.stderr(`mesh-inject: discovery failed, not taking this app: ${(error as Error).message}\n`);
  }
  return 0;
}
