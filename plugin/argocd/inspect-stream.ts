/**
 * A YAML stream read the way Argo CD reads generate's output (gitops-engine `kube.SplitYAML`, then
 * the repo server's List handling): documents that are empty or `null` hold nothing, every other
 * document must be a Kubernetes object, and an object with an `items` list is a List whose items
 * are the objects (`items: null`, and a `kind: List` without items, hold none). Parsed with the
 * project's YAML reader (Kubernetes' scalar rules, unique keys), document by document.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type YAMLMap } from 'yaml';
import type { ResultCode } from '../../transformer/index.js';
import { parseManifest } from '../../transformer/yaml/parse-document.js';
import { splitDocuments } from '../../transformer/yaml/split-documents.js';

interface StreamProblem {
  code: ResultCode;
  message: string;
  /** 1-based, in the stream. */
  line: number;
  column: number;
}

interface StreamDocument {
  text: string;
  /** 1-based line of the document's first line in the stream. */
  line: number;
  problems: StreamProblem[];
  /** The document is a Kubernetes object (a List included, even an empty one). */
  isObject: boolean;
  /** The objects Argo CD takes from it: a List's items, else 1 for an object. */
  objects: number;
  /** Why a document that is not empty cannot be applied (not an object, or a List item that is not one). */
  notApplicable?: string;
}

type DocumentShape = Pick<StreamDocument, 'isObject' | 'objects' | 'notApplicable'>;

/**
 * Documents already parsed in this run without a problem, by their exact text: a document is
 * parsed on its own (directives, the one thing a stream shares, are refused), so the same text
 * reads the same again and need not be parsed twice.
 */
export type ParsedDocuments = Map<string, DocumentShape>;

/**
 * The stream's documents; undefined when it has YAML directives (`%YAML`, `%TAG`). Documents that
 * parse cleanly are added to `parsed`, and those found there are not parsed again.
 */
export function inspectStream(text: string, parsed: ParsedDocuments = new Map()): StreamDocument[] | undefined {
  const slices = splitDocuments(text.replace(/^\uFEFF/, ''));
  if (!slices) return undefined;
  return slices.map((slice): StreamDocument => {
    const known = parsed.get(slice.text);
    if (known) return { text: slice.text, line: slice.line + 1, problems: [], ...known };
    const document = parseSlice(slice.text, slice.line);
    const { isObject, objects, notApplicable } = document;
    if (!document.problems.length) parsed.set(slice.text, { isObject, objects, ...(notApplicable ? { notApplicable } : {}) });
    return document;
  });
}

function parseSlice(text: string, firstLine: number): StreamDocument {
  const { parsed, problems } = parseManifest(text);
  const at = (offset: number) => {
    const pos = parsed.lineCounter.linePos(offset);
    return { line: firstLine + pos.line, column: pos.col };
  };
  return {
    text,
    line: firstLine + 1,
    problems: problems.map((p) => ({ code: p.code, message: p.message, ...at(p.offset) })),
    ...classify(parsed.doc),
  };
}

/** The 1-based line of the first directive, for the error that refuses it. */
export function directiveLine(text: string): number {
  return text.split('\n').findIndex((line) => line.startsWith('%')) + 1;
}

export function totalObjects(documents: readonly StreamDocument[]): number {
  return documents.reduce((sum, d) => sum + d.objects, 0);
}

function classify(doc: Document.Parsed): DocumentShape {
  const root = resolve(doc, doc.contents);
  if (isNull(root)) return { isObject: false, objects: 0 };
  if (!isObject(root)) return { isObject: false, objects: 0, notApplicable: 'it is not a Kubernetes object (no apiVersion and kind)' };
  if (!root.has('items')) return { isObject: true, objects: root.get('kind') === 'List' ? 0 : 1 };
  const items = resolve(doc, root.get('items', true) as Node | undefined);
  if (isSeq(items)) {
    const bad = items.items.findIndex((item) => !isObject(resolve(doc, item as Node)));
    if (bad !== -1) return { isObject: true, objects: 0, notApplicable: `items[${bad}] of the List is not a Kubernetes object (no apiVersion and kind)` };
    return { isObject: true, objects: items.items.length };
  }
  // Argo CD's isNullList: `items: null` without spec or status is an empty List, not an object.
  if (isNull(items) && !root.has('spec') && !root.has('status')) return { isObject: true, objects: 0 };
  return { isObject: true, objects: 1 };
}

function resolve(doc: Document.Parsed, node: Node | null | undefined): Node | null | undefined {
  return isAlias(node) ? (node.resolve(doc) as Node | undefined) : node;
}

function isNull(node: Node | null | undefined): boolean {
  return node === null || node === undefined || (isScalar(node) && node.value === null);
}

function isObject(node: Node | null | undefined): node is YAMLMap {
  if (!isMap(node)) return false;
  const text = (key: string) => {
    const value = node.get(key);
    return typeof value === 'string' && value !== '';
  };
  return text('apiVersion') && text('kind');
}

/** `Kind/name` and kustomize's origin annotation, read from the text, so also for a document that does not parse. */
export function describeDocument(text: string): string | undefined {
  const kind = /^kind:[ \t]*["']?([^\s"'#]+)/m.exec(text)?.[1];
  // Blank lines, or lines indented past metadata's keys, up to `  name:` (kustomize indents by two).
  const name = /^metadata:[ \t]*\r?\n(?:[ \t]*\r?\n| {2,}\S[^\n]*\n)*? {2}name:[ \t]*["']?([^\s"'#]+)/m.exec(text)?.[1];
  const origin = /config\.kubernetes\.io\/origin:[ \t]*\|[-+]?[ \t]*\r?\n[ \t]+path:[ \t]*["']?([^\s"'#]+)/.exec(text)?.[1];
  const object = kind ? `${kind}/${name ?? '?'}` : undefined;
  if (object && origin) return `${object}, from ${origin}`;
  return object ?? (origin ? `from ${origin}` : undefined);
}
