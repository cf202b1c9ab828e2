/**
 * A whole file (or stdin stream) in, the same stream out. Decides what is not ours to touch
 * (Helm templates, kustomizations, non-Kubernetes YAML), skips documents that hold no workload
 * without parsing them, and hands the rest to `transformDocument`.
 */
import { emptyClusterContext, invalidClusterObjects, type ClusterContext } from '../policy/cluster-context.js';
import type { InjectConfig } from '../inject-config.js';
import { isHelmTemplate } from '../policy/helm-template.js';
import type { MeshPreset } from '../mesh/types.js';
import type { Result } from '../results.js';
import { transformDocument, type Mode, type WorkloadReport } from './transform-document.js';
import { unsupportedDirective } from '../yaml/directives.js';
import { detectEol } from '../yaml/edit/text-lines.js';
import { splitDocuments } from '../yaml/split-documents.js';
import { workloadKindNames } from '../kube/workload-kinds.js';

export interface TransformOptions {
  mode: Mode;
  config: InjectConfig;
  preset: MeshPreset | undefined;
  /** What the run knows about the cluster, from every input file (`clusterContextFromText`); default: nothing. */
  cluster?: ClusterContext;
  /** Path used in results; also decides the kustomization check. */
  path?: string;
  /** @deprecated verification is always on (`verify-output.ts`); accepted and ignored. */
  verify?: boolean;
  /**
   * Seal a digest into injection records (`record/digest.ts`) so that later runs recognise an
   * untouched document quickly: for what the CLI writes (files, or stdin to stdout) and
   * pre-commit. Off for output rendered at build time (kustomize, KRM, Argo CD), which other
   * tools re-serialise and nobody re-injects.
   */
  digest?: boolean;
  /** `uninject` only: remove what the mesh injects without trusting undo records (`uninject --ignore-record`). */
  ignoreRecord?: boolean;
  /** Report each injected workload's container resources before and after (`WorkloadReport.resources`), for its cost. */
  resources?: boolean;
}

export interface TransformOutcome {
  text: string;
  changed: boolean;
  results: Result[];
  workloads: WorkloadReport[];
}

const BOM = '\uFEFF';
const KUSTOMIZATION_FILE = /(^|[\\/])(kustomization\.ya?ml|Kustomization)$/;
/** kustomize's own files (not Flux's `kustomize.toolkit.fluxcd.io` Kustomization, a real object). */
const KUSTOMIZE_CONFIG = /^apiVersion:\s*["']?kustomize\.config\.k8s\.io\//m;
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

/** Documents that are not Kubernetes objects to inject, whatever else the stream holds. */
function passthroughReason(text: string): { code: Result['code']; message: string } | undefined {
  if (isHelmTemplate(text)) {
    return { code: 'passthrough-helm-template', message: 'Helm template ({{ ... }}); left unchanged (inject the rendered output instead, e.g. helm template | mesh-inject inject -)' };
  }
  if (KUSTOMIZE_CONFIG.test(text)) {
    return { code: 'passthrough-kustomization', message: 'kustomization; left unchanged (run mesh-inject as a kustomize transformer instead)' };
  }
  return undefined;
}

function info(options: TransformOptions, code: Result['code'], message: string): Result {
  return { severity: 'info', code, message, ...(options.path ? { file: { path: options.path } } : {}) };
}

export function transformText(input: string, options: TransformOptions): TransformOutcome {
  const unchanged = (results: Result[] = []): TransformOutcome => ({ text: input, changed: false, results, workloads: [] });
  const bom = input.startsWith(BOM) ? BOM : '';
  const text = bom ? input.slice(1) : input;
  if (text.trim() === '') return unchanged([info(options, 'passthrough-empty', 'empty file; nothing to do')]);
  if (options.path && KUSTOMIZATION_FILE.test(options.path)) {
    return unchanged([info(options, 'passthrough-kustomization', 'kustomization file; left unchanged (run mesh-inject as a kustomize transformer instead)')]);
  }
  if (!KUBERNETES_OBJECT.test(text)) return unchanged([info(options, 'passthrough-not-kubernetes', 'no Kubernetes objects (no apiVersion); left unchanged')]);

  const slices = splitDocuments(text);
  if (!slices) return unchanged([unsupportedDirective(text, options.path)]);
  const eol = detectEol(text);
  // Edits work on whole lines; an unterminated last line is terminated while editing and the
  // missing final newline is restored afterwards, so inject and uninject both keep it.
  const unterminated = !text.endsWith('\n');
  if (unterminated) slices[slices.length - 1]!.text += eol;
  const pattern = workloadPattern(options.config);
  const cluster = options.cluster ?? emptyClusterContext();
  // ProxyConfig CRs configure Istio's proxies: an invalid one is an error where it is written.
  const checkClusterObjects = options.mode === 'inject' && options.config.mesh === 'istio';
  const results: Result[] = [];
  const workloads: WorkloadReport[] = [];
  const out: string[] = [];
  const passedThrough = new Set<Result['code']>();
  slices.forEach((slice, index) => {
    const skip = passthroughReason(slice.text);
    if (skip && !passedThrough.has(skip.code)) {
      passedThrough.add(skip.code);
      results.push({ ...info(options, skip.code, skip.message), ...(options.path !== undefined ? { file: { path: options.path, index, line: slice.line + 1, column: 1 } } : {}) });
    }
    if (!skip && checkClusterObjects) results.push(...invalidClusterObjects(slice.text, { path: options.path ?? '<stdin>', index, line: slice.line }));
    if (skip || !pattern.test(slice.text)) {
      out.push(slice.text);
      return;
    }
    const outcome = transformDocument(slice.text, {
      mode: options.mode,
      config: options.config,
      cluster,
      preset: options.preset,
      eol,
      ...(options.digest ? { digest: true } : {}),
      ...(options.ignoreRecord ? { ignoreRecord: true } : {}),
      ...(options.resources ? { resources: true } : {}),
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
