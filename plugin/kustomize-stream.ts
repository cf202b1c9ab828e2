/**
 * The stream a legacy kustomize exec plugin receives — kustomize's rendered resources as a plain
 * multi-document YAML stream — through the core, one document at a time.
 *
 * `transformText` is made for files in a repository, where two guesses protect the user: text
 * with `{{` is taken for a Helm template and a `kind: Kustomization` for a kustomization, and the
 * whole text is then left alone. kustomize's output is rendered Kubernetes objects only, so here:
 *
 * - each document goes through the core on its own, so a Flux `Kustomization` object (or any
 *   other document the core passes through) leaves the other documents injectable;
 * - `{{` (Go templates in a ConfigMap, a container argument) is masked with a private-use
 *   character of the same length before the core sees it and restored afterwards, so a rendered
 *   workload is injected like any other.
 *
 * `Namespace` objects and ProxyConfig CRs anywhere in the stream steer every document, as in a
 * repository run.
 */
import { clusterContextFromText, presetFor, transformText, type InjectConfig, type Mode, type Result } from '../transformer/index.js';
import { splitDocuments } from '../transformer/yaml/split-documents.js';

const TEMPLATE_OPEN = '{{';
/** U+E000 twice: the same UTF-16 length as `{{`, so positions in results stay right. */
const MASK = '\uE000\uE000';

interface StreamOutcome {
  /** The transformed stream; equal to the input when `results` hold an error. */
  text: string;
  results: Result[];
}

export interface StreamOptions {
  /** What to call a document in its results (e.g. the chart template it came from); by default results name only the resource. */
  documentName?: (documentText: string) => string | undefined;
}

export function transformKustomizeStream(stream: string, config: InjectConfig, mode: Mode = 'inject', options: StreamOptions = {}): StreamOutcome {
  const preset = presetFor(config);
  const cluster = clusterContextFromText(stream);
  const results: Result[] = [];
  const out: string[] = [];
  for (const slice of splitDocuments(stream) ?? [{ text: stream }]) {
    const maskable = !slice.text.includes(MASK);
    const input = maskable ? slice.text.replaceAll(TEMPLATE_OPEN, MASK) : slice.text;
    const outcome = transformText(input, { mode, config, preset, cluster });
    out.push(maskable ? outcome.text.replaceAll(MASK, TEMPLATE_OPEN) : outcome.text);
    // Positions inside kustomize's in-memory output mean nothing to the user; the resource does.
    const name = options.documentName?.(slice.text);
    for (const result of outcome.results) {
      const { file: _file, ...rest } = result;
      const named = name === undefined ? rest : { ...rest, file: { path: name } };
      results.push(maskable ? { ...named, message: named.message.replaceAll(MASK, TEMPLATE_OPEN) } : named);
    }
  }
  if (results.some((r) => r.severity === 'error')) return { text: stream, results };
  return { text: out.join(''), results };
}
