/**
 * What mesh-inject's own code makes of a parsed document, to compare the outline with yaml's
 * AST through the code that reads it: undoing the injections from their records (as
 * `verifyOutput` does: splices, results and their positions), the sequence style detected, and
 * for every path into the data, where `nodeAt`/`resolvePath` finds it, what `replacedRange` and
 * `lineRange`-style edits would cover, and where `positionOf` points.
 */
import { emptyClusterContext } from '../../../../transformer/policy/cluster-context.js';
import type { InjectConfig } from '../../../../transformer/inject-config.js';
import { DocumentRun, nodeAt, podPathSegments, type Workload } from '../../../../transformer/pipeline/document-run.js';
import { locateWorkloads } from '../../../../transformer/pipeline/locate-workloads.js';
import { undoInjections } from '../../../../transformer/pipeline/undo-document.js';
import { refOf, workloadNamespace } from '../../../../transformer/pipeline/workload-ref.js';
import { detectIndentSeq } from '../../../../transformer/yaml/edit/detect-style.js';
import type { PathSegment } from '../../../../transformer/yaml/node-path.js';
import type { ParsedDocument } from '../../../../transformer/yaml/parse-document.js';
import type { Splice } from '../../../../transformer/yaml/edit/splices.js';
import { flowIndentUnit, inFlowContext, replacedRange } from '../../../../transformer/yaml/edit/replace-range.js';

function workloadsOf(run: DocumentRun, data: unknown, config: InjectConfig): Workload[] {
  return locateWorkloads(data, [], config.workloads).map((w) => {
    const namespace = workloadNamespace(w.object, config.defaultNamespace);
    return { ...w, ref: refOf(w.object, namespace), namespace, hadRecord: false, previousDigest: undefined, failed: false };
  });
}

/** Every path into `value`, containers first. */
function pathsOf(value: unknown, path: PathSegment[] = []): PathSegment[][] {
  const out: PathSegment[][] = [path];
  if (Array.isArray(value)) value.forEach((item, i) => out.push(...pathsOf(item, [...path, i])));
  else if (value !== null && typeof value === 'object') for (const [key, child] of Object.entries(value)) out.push(...pathsOf(child, [...path, key]));
  return out;
}

/** What the code reading `parsed` (the AST of `text`, whose data is `data`) makes of it. */
export function whatConsumersSee(text: string, parsed: ParsedDocument, data: unknown, config: InjectConfig): { splices: Splice[] } & Record<string, unknown> {
  const run = new DocumentRun({ mode: 'uninject', config, cluster: emptyClusterContext(), preset: undefined, eol: '\n', file: { path: 'x.yaml', index: 0, line: 0 } });
  const workloads = workloadsOf(run, data, config);
  const splices = undoInjections(run, text, parsed, data, workloads);
  const locations = pathsOf(data).map((path) => {
    const location = nodeAt(parsed, path);
    if (!location) return [path, 'missing'];
    const flow = inFlowContext(location);
    return [path, location.kind, flow, location.kind === 'root' ? null : replacedRange(text, location), flowIndentUnit(text, location.node), run.positionOf(parsed, path)];
  });
  return {
    splices,
    results: run.results,
    pods: workloads.map((w) => run.positionOf(parsed, podPathSegments(w))),
    indentSeq: detectIndentSeq(parsed.doc, text),
    locations,
  };
}
