/**
 * Results are shaped like KRM function `results` (kustomize kyaml `fn/framework/result.go`)
 * so the KRM wrapper can emit them unchanged and the CLI can print them the same way.
 */

export type Severity = 'error' | 'warning' | 'info';

export interface ResourceRef {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

export interface FileRef {
  path: string;
  /** Index of the document in its file (KRM `file.index`). */
  index?: number;
  /** 1-based position of the problem, when known. Not part of the KRM wire format. */
  line?: number;
  column?: number;
}

export interface Result {
  severity: Severity;
  message: string;
  code: ResultCode;
  resourceRef?: ResourceRef;
  field?: { path: string };
  file?: FileRef;
}

/**
 * Stable result codes. Tests assert codes, never wording.
 * Decision codes (`injected`, `skipped-*`) explain why a workload was or was not injected.
 */
export type ResultCode =
  // decisions
  | 'injected'
  | 'uninjected'
  | 'not-injected'
  | 'skipped-host-network'
  | 'skipped-system-namespace'
  | 'skipped-namespace-not-selected'
  | 'skipped-namespace-skipped'
  | 'skipped-namespace-label-disabled'
  | 'skipped-namespace-other-revision'
  | 'skipped-pod-opt-out'
  | 'skipped-mesh-none'
  | 'skipped-selector-never'
  | 'skipped-policy-disabled'
  | 'skipped-foreign-injection'
  | 'invalid-inject-value'
  // pass-through
  | 'passthrough-helm-template'
  | 'passthrough-not-kubernetes'
  | 'passthrough-kustomization'
  | 'passthrough-empty'
  // input errors
  | 'yaml-syntax'
  | 'yaml-duplicate-key'
  | 'yaml-tab-indent'
  | 'yaml-alias-limit'
  | 'yaml-unsupported'
  | 'invalid-pod-spec'
  | 'container-name-reserved'
  | 'not-injectable'
  | 'reserved-port'
  | 'invalid-annotation'
  | 'invalid-proxyconfig'
  | 'invalid-record'
  | 'record-untrusted'
  | 'injected-content-edited'
  | 'invalid-encoding'
  | 'invalid-parameters'
  | 'config-invalid'
  | 'template-error'
  | 'internal-error'
  | 'verify-failed'
  // the machine
  | 'io-error'
  | 'not-regular-file'
  | 'file-changed-during-run'
  | 'concurrent-run'
  | 'skipped-symlink'
  | 'symlink-outside-root'
  // warnings
  | 'dns-policy-not-cluster-first'
  | 'unknown-annotation-value';

export function hasErrors(results: readonly Result[]): boolean {
  return results.some((r) => r.severity === 'error');
}

/** `[severity] apiVersion/Kind/[ns/]name field: message` (kyaml `Result.String()`), prefixed by `file:line:col`. */
export function formatResult(result: Result): string {
  const parts: string[] = [];
  if (result.file) {
    let where = result.file.path;
    if (result.file.line !== undefined) where += `:${result.file.line}`;
    if (result.file.line !== undefined && result.file.column !== undefined) where += `:${result.file.column}`;
    parts.push(`${where}:`);
  }
  parts.push(`[${result.severity}]`);
  if (result.resourceRef) {
    const r = result.resourceRef;
    const ns = r.namespace ? `${r.namespace}/` : '';
    parts.push(`${r.apiVersion}/${r.kind}/${ns}${r.name}`);
  }
  if (result.field) parts.push(`${result.field.path}:`);
  parts.push(`${result.message} (${result.code})`);
  return parts.join(' ');
}
