/**
 * What one document's run shares between its phases: the context it was called with, the results
 * and workload reports so far, and positions of nodes for those results.
 */
import type { Node } from 'yaml';
import type { ClusterContext } from '../policy/cluster-context.js';
import type { InjectConfig } from '../inject-config.js';
import type { LocatedWorkload } from './locate-workloads.js';
import type { MeshPreset } from '../mesh/types.js';
import type { ResourceRef, Result, ResultCode, Severity } from '../results.js';
import type { WorkloadResources } from '../resource-cost/pod-resources.js';
import { resolvePath, type Location, type PathSegment } from '../yaml/node-path.js';
import type { ParsedDocument } from '../yaml/parse-document.js';

export type Mode = 'inject' | 'uninject';

export interface DocumentContext {
  mode: Mode;
  config: InjectConfig;
  cluster: ClusterContext;
  preset: MeshPreset | undefined;
  eol: string;
  /** Where the document sits, for results: file path, document index, 0-based line of its first line. */
  file?: { path: string; index: number; line: number };
  /** Restrict to objects under these paths (a ResourceList's items); default: the document root. */
  roots?: PathSegment[][];
  /** Seal a digest into the record (`TransformOptions.digest`). */
  digest?: boolean;
  /** `uninject` by the mesh's footprint, not trusting the record (`uninject --ignore-record`). */
  ignoreRecord?: boolean;
  /** Give injected workloads' reports the containers' resources before and after (`TransformOptions.resources`). */
  resources?: boolean;
}

export type WorkloadAction = 'injected' | 'reinjected' | 'unchanged' | 'uninjected' | 'skipped' | 'error';

export interface WorkloadReport {
  resourceRef: ResourceRef;
  action: WorkloadAction;
  code: ResultCode;
  reason: string;
  /** 1-based line of the object in its file. */
  line?: number;
  /** ProxyConfig CRs (`namespace/name`) the proxy's settings came from, lowest precedence first. */
  proxyConfigs?: string[];
  /** Injected workloads, when the run asks (`DocumentContext.resources`): what decides the pods' cost. */
  resources?: WorkloadResources;
}

export interface DocumentOutcome {
  text: string;
  results: Result[];
  workloads: WorkloadReport[];
}

export interface Workload extends LocatedWorkload {
  ref: ResourceRef;
  namespace: string;
  hadRecord: boolean;
  /** The earlier record's digest (records written before digests existed have none). */
  previousDigest: string | undefined;
  failed: boolean;
}

interface Position {
  line: number;
  column: number;
}

export class DocumentRun {
  readonly results: Result[] = [];
  readonly reports: WorkloadReport[] = [];

  constructor(readonly ctx: DocumentContext) {}

  position(parsed: ParsedDocument, offset: number): Position {
    const pos = parsed.lineCounter.linePos(offset);
    return { line: pos.line + (this.ctx.file?.line ?? 0), column: pos.col };
  }

  /** Position of the deepest node on `path` that exists. */
  positionOf(parsed: ParsedDocument, path: readonly PathSegment[]): Position {
    return this.position(parsed, offsetOf(parsed, path));
  }

  add(severity: Severity, code: ResultCode, message: string, extra: { ref?: ResourceRef; field?: string; at?: Position } = {}): void {
    const result: Result = { severity, code, message };
    if (extra.ref) result.resourceRef = extra.ref;
    if (extra.field) result.field = { path: extra.field };
    if (this.ctx.file) {
      result.file = { path: this.ctx.file.path, index: this.ctx.file.index };
      if (extra.at) Object.assign(result.file, extra.at);
    }
    this.results.push(result);
  }

  hasErrors(): boolean {
    return this.results.some((r) => r.severity === 'error');
  }

  /** The input unchanged, with what was found. */
  unchanged(text: string): DocumentOutcome {
    return { text, results: this.results, workloads: this.reports };
  }
}

export function podPathSegments(w: LocatedWorkload): PathSegment[] {
  return [...w.objectPath, ...w.podPath];
}

export function nodeAt(parsed: ParsedDocument, path: readonly PathSegment[]): Location | undefined {
  return resolvePath(parsed.doc.contents as Node, path);
}

/** Offset of the deepest node on `path` that exists, for positioning a result. */
function offsetOf(parsed: ParsedDocument, path: readonly PathSegment[]): number {
  for (let length = path.length; length >= 0; length--) {
    const location = nodeAt(parsed, path.slice(0, length));
    if (!location) continue;
    if (location.kind === 'pair') return location.pair.key.range![0];
    return location.node.range?.[0] ?? 0;
  }
  return 0;
}
