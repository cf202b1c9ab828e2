/**
 * `mesh-inject plugin helm [--config FILE] [--namespace NS]`: a Helm post-renderer. Helm 4 runs it
 * through the plugin plugin/helm/plugin.yaml (`--post-renderer mesh-inject`), Helm 3 through the
 * launcher plugin/helm/post-renderer (`--post-renderer <path>`); `--post-renderer-args` are
 * appended to the command line in both.
 *
 * Stdin is the rendered release: Helm 3 frames each document as `---\n# Source: <template>\n`,
 * Helm 4 annotates each with `postrenderer.helm.sh/postrender-filename` and writes the `# Source:`
 * comments itself afterwards. Documents go through the kustomize stream transform one by one
 * (comments, comment-only documents and `{{` in rendered values survive), so a chart's output is
 * injected like a repository's manifests.
 *
 * Config: `--config FILE`, else the nearest `.mesh-injectrc` from the directory Helm runs in.
 * Namespace: Helm passes neither `--namespace` nor the release namespace to a post-renderer, and
 * chart templates usually leave `metadata.namespace` out; `--namespace NS` (else `$HELM_NAMESPACE`,
 * which Helm also reads) stands in for the config's `defaultNamespace`.
 *
 * Stdout gets the whole stream or nothing: any error exits 2 with the problems on stderr, each
 * naming the chart template (Helm 3 shows the plugin's stderr; Helm 4 does not, see docs/helm.md).
 */
import { resolve } from 'node:path';
import { createConfigResolver } from '../../config/load.js';
import type { InjectConfig } from '../../transformer/index.js';
import { EXIT_OK } from '../cli/exit-codes.js';
import type { Io } from '../cli/io.js';
import { readStdinText } from '../cli/read-stdin.js';
import { repoRoot } from '../cli/repo-root.js';
import { allowJsConfig } from '../cli/run-files.js';
import { transformKustomizeStream } from '../kustomize-stream.js';
import { templateOf } from './source-names.js';
import { syntaxErrors } from './syntax-check.js';
import { reportToStderr, usageError } from '../stream-report.js';

export interface HelmPostRenderFlags {
  config?: string;
  namespace?: string;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** Where config discovery starts: a file in the working directory, as for `inject -`. */
const RELEASE = '<helm release>';

export async function runHelmPostRender(io: Io, flags: HelmPostRenderFlags): Promise<number> {
  const namespace = flags.namespace ?? (io.env.HELM_NAMESPACE || undefined);
  if (namespace !== undefined && !DNS_LABEL.test(namespace)) {
    const from = flags.namespace === undefined ? '$HELM_NAMESPACE' : '--namespace';
    return usageError(io, `${from} "${namespace}" is not a namespace name (a DNS label: lower-case letters, digits and "-")`);
  }
  const read = await readStdinText(io);
  if ('result' in read) return reportToStderr(io, [read.result]);
  // A chart that renders nothing: hand it back (Helm 4 then reports the empty release itself).
  if (read.text.trim() === '') {
    io.stdout(read.text);
    return EXIT_OK;
  }

  const resolver = createConfigResolver({
    allowJs: allowJsConfig(io),
    stopDir: repoRoot(io.cwd),
    ...(flags.config ? { explicitPath: resolve(io.cwd, flags.config) } : {}),
  });
  const loaded = await resolver.resolveFor(resolve(io.cwd, RELEASE));
  if (!loaded.config) return reportToStderr(io, [...loaded.errors, ...loaded.warnings]);
  const config: InjectConfig = namespace === undefined ? loaded.config : { ...loaded.config, defaultNamespace: namespace };

  const invalid = syntaxErrors(read.text);
  if (invalid.length) return reportToStderr(io, invalid);
  const outcome = transformKustomizeStream(read.text, config, 'inject', { documentName: templateOf });
  const code = reportToStderr(io, [...loaded.warnings, ...outcome.results]);
  if (code === EXIT_OK) io.stdout(outcome.text);
  return code;
}
