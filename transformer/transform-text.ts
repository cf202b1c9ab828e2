/**
 * A whole file (or stdin stream) in, the same stream out. Decides what is not ours to touch
 * (Helm templates, kustomizations, non-Kubernetes YAML), skips documents that hold no workload
 * without parsing them, and hands the rest to `transformDocument`.
 */
import type { InjectConfig } from './config.js';
import type { MeshPreset } from './mesh/types.js';
import type { NamespaceLabels } from './namespaces.js';
import type { Result } from './results.js';
import { transformDocument, type Mode, type WorkloadReport } from './transform-document.js';
import { detectEol } from './yaml/text-lines.js';
import { splitDocuments } from './yaml/split-documents.js';
import { workloadKindNames } from './workloads.js';

export interface TransformOptions {
  mode: Mode;
  config: InjectConfig;
  preset: MeshPreset | undefined;
  /** Labels of Namespace objects known to the run (from every input file). */
  namespaces: NamespaceLabels;
  /** Path used in results; also decides the kustomization check. */
  path?: string;
  /** Re-parse every edited document and check it reads back as intended (slower). */
  verify?: boolean;
}

export interface TransformOutcome {
  text: string;
  changed: boolean;
  results: Result[];
  workloads: WorkloadReport[];
}

const BOM = '\uFEFF';
const KUSTOMIZATION_FILE = /(^|[\\/])(kustomization\.ya?ml|Kustomization)$/;
const KUSTOMIZE_KINDS = /^kind:\s*["']?(Kustomization|Component)["']?\s*$/m;
const HELM_ACTION = /^(?!\s*#).*\{\{/m;
const KUBERNETES_OBJECT = /(^|[{,\s])["']?apiVersion["']?\s*:/m;

function kindPattern(kinds: Set<string>): RegExp {
  const names = [...kinds, 'List'].map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  return new RegExp(`["']?kind["']?\\s*:\\s*["']?(?:${names})\\b`);
}

const patternCache = new WeakMap<InjectConfig, RegExp>();

function workloadPattern(config: InjectConfig): RegExp {
  let pattern = patternCache.get(config);
  if (!pattern) {
    pattern = kindPattern(workloadKindNames(config.workloads));
    patternCache.set(config, pattern);
  }
  return pattern;
}

function info(options: TransformOptions, code: Result['code'], message: string): Result {
  return { severity: 'info', code, message, ...(options.path ? { file: { path: options.path } } : {}) };
}

export function transformText(input: string, options: TransformOptions): TransformOutcome {
  const unchanged = (results: Result[] = []): TransformOutcome => ({ text: input, changed: false, results, workloads: [] });
  const bom = input.startsWith(BOM) ? BOM : '';
  const text = bom ? input.slice(1) : input;
  if (text.trim() === '') return unchanged([info(options, 'passthrough-empty', 'empty file; nothing to do')]);
  if ((options.path && KUSTOMIZATION_FILE.test(options.path)) || KUSTOMIZE_KINDS.test(text)) {
    return unchanged([info(options, 'passthrough-kustomization', 'kustomization file; left unchanged (run mesh-inject as a kustomize transformer instead)')]);
  }
  if (HELM_ACTION.test(text)) {
    return unchanged([info(options, 'passthrough-helm-template', 'Helm template ({{ ... }}); left unchanged (inject the rendered output instead, e.g. helm template | mesh-inject inject -)')]);
  }
  if (!KUBERNETES_OBJECT.test(text)) return unchanged([info(options, 'passthrough-not-kubernetes', 'no Kubernetes objects (no apiVersion); left unchanged')]);

  const slices = splitDocuments(text);
  if (!slices) return unchanged([{ severity: 'warning', code: 'yaml-unsupported', message: 'YAML directives (%YAML/%TAG) are not supported; left unchanged', ...(options.path ? { file: { path: options.path } } : {}) }]);
  const eol = detectEol(text);
  // Edits work on whole lines; an unterminated last line is terminated while editing and the
  // missing final newline is restored afterwards, so inject and uninject both keep it.
  const unterminated = !text.endsWith('\n');
  if (unterminated) slices[slices.length - 1]!.text += eol;
  const pattern = workloadPattern(options.config);
  const results: Result[] = [];
  const workloads: WorkloadReport[] = [];
  const out: string[] = [];
  slices.forEach((slice, index) => {
    if (!pattern.test(slice.text)) {
      out.push(slice.text);
      return;
    }
    const outcome = transformDocument(slice.text, {
      mode: options.mode,
      config: options.config,
      namespaces: options.namespaces,
      preset: options.preset,
      eol,
      ...(options.verify ? { verify: true } : {}),
      ...(options.path !== undefined ? { file: { path: options.path, index, line: slice.line } } : { file: { path: '<stdin>', index, line: slice.line } }),
    });
    out.push(outcome.text);
    results.push(...outcome.results);
    workloads.push(...outcome.workloads);
  });
  if (results.some((r) => r.severity === 'error')) return { text: input, changed: false, results, workloads };
  let body = out.join('');
  if (unterminated && body.endsWith(eol)) body = body.slice(0, -eol.length);
  const output = bom + body;
  return { text: output, changed: output !== input, results, workloads };
}
