/**
 * The layouts people commit Kubernetes manifests in, as renderers from plain data (what a YAML
 * parser returns) to file text: hand-written block YAML, what `kubectl get -o yaml|json` prints,
 * JSON, flow leaves, comments everywhere, CRLF, document markers, no final newline, several
 * documents per file. Every layout must read back to the same data (layouts.test.ts).
 */
import { Document, isMap, isScalar, isSeq, type Node } from 'yaml';
import { RENDER_SCHEMA } from '../../transformer/yaml/yaml-options.js';

export interface Layout {
  name: string;
  /** The file's text for these documents. */
  render(docs: readonly unknown[]): string;
  /** The documents that text holds (the multi-document layout adds some). */
  documents(docs: readonly unknown[]): unknown[];
  /** Writes maps in flow style (`{a: b}`), so injecting rewrites lines rather than only adding them. */
  flow: boolean;
}

interface YamlStyle {
  indent: 2 | 4;
  /** `key:\n  - a` (true) or kubectl's `key:\n- a` (false). */
  indentSeq: boolean;
  /** Keys in byte order, as Go's encoders write maps. */
  sortKeys: boolean;
  /** Long scalars folded at 80 columns as go-yaml does (0: never folded). */
  lineWidth: number;
  flowLeaves: boolean;
  comments: boolean;
}

const BLOCK_2: YamlStyle = { indent: 2, indentSeq: true, sortKeys: false, lineWidth: 0, flowLeaves: false, comments: false };
const KUBECTL: YamlStyle = { ...BLOCK_2, indentSeq: false, sortKeys: true, lineWidth: 80 };

/** Small collections of scalars become `{a: b}` / `[a, b]`, and maps of such maps too (`resources`). */
const FLOW_MAX_ENTRIES = 4;
const FLOW_MAX_CHARS = 72;

function isSmallLeaf(node: unknown, depth: number): boolean {
  if (isScalar(node)) return !(typeof node.value === 'string' && node.value.includes('\n'));
  if (depth === 0 || !(isMap(node) || isSeq(node))) return false;
  const items = isMap(node) ? node.items.map((pair) => pair.value) : node.items;
  if (items.length === 0 || items.length > FLOW_MAX_ENTRIES) return false;
  if (isSeq(node) && !items.every((item) => isScalar(item))) return false;
  return items.every((item) => isSmallLeaf(item, depth - 1));
}

function flowLeaves(node: unknown): void {
  if (isMap(node) || isSeq(node)) {
    const children = isMap(node) ? node.items.map((pair) => pair.value) : node.items;
    for (const child of children) {
      if ((isMap(child) || isSeq(child)) && isSmallLeaf(child, 2) && JSON.stringify(child.toJSON()).length <= FLOW_MAX_CHARS) child.flow = true;
      else flowLeaves(child);
    }
  }
}

/**
 * A comment line above every key and every sequence item, `# note` after every scalar value; none
 * inside flow collections. The first key of a sequence item shares the `- ` line, so its comment
 * is the item's.
 */
function addComments(node: unknown, inSequence = false): void {
  if (isMap(node) && !node.flow) {
    node.items.forEach((pair, i) => {
      if (isScalar(pair.key) && !(i === 0 && inSequence)) pair.key.commentBefore = ` ${String(pair.key.value)}`;
      if (isScalar(pair.value)) pair.value.comment = ' note';
      else addComments(pair.value);
    });
  } else if (isSeq(node) && !node.flow) {
    node.items.forEach((item, i) => {
      (item as Node).commentBefore = ` item ${i}`;
      if (isScalar(item)) item.comment = ' note';
      else addComments(item, true);
    });
  }
}

function yamlBody(data: unknown, style: YamlStyle): string {
  const doc = new Document(data, { ...RENDER_SCHEMA, sortMapEntries: style.sortKeys });
  if (style.flowLeaves) flowLeaves(doc.contents);
  if (style.comments) {
    addComments(doc.contents);
    doc.commentBefore = ' managed by the platform team';
    doc.comment = ' end of manifest';
  }
  return doc.toString({ indent: style.indent, indentSeq: style.indentSeq, lineWidth: style.lineWidth, minContentWidth: 0, flowCollectionPadding: false });
}

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortedKeys((value as Record<string, unknown>)[k])]));
}

function jsonBody(data: unknown, indent: 2 | 4, sortKeys: boolean): string {
  return `${JSON.stringify(sortKeys ? sortedKeys(data) : data, null, indent)}\n`;
}

/** `JSON.stringify(doc, null, 2)`, or with `kubectl get -o json`'s sorted keys and 4 spaces. */
function jsonLayout(name: string, indent: 2 | 4, sortKeys: boolean, finish: (text: string) => string = (t) => t): Layout {
  return { name, render: (docs) => finish(stream(docs.map((d) => jsonBody(d, indent, sortKeys)))), documents: (docs) => [...docs], flow: true };
}

/** Documents separated by `---` lines, as `kubectl get -o yaml` of several objects or kustomize build print. */
function stream(bodies: string[]): string {
  return bodies.join('---\n');
}

const crlf = (text: string) => text.replaceAll('\n', '\r\n');
const withoutFinalNewline = (text: string) => text.replace(/\r?\n$/, '');
const withMarkers = (bodies: string[]) => bodies.map((body) => `---\n${body}...\n`).join('');

function yamlLayout(name: string, style: YamlStyle, finish: (text: string) => string = (t) => t): Layout {
  return { name, render: (docs) => finish(stream(docs.map((d) => yamlBody(d, style)))), documents: (docs) => [...docs], flow: style.flowLeaves };
}

/** Another object written before the documents in the multi-document layout. */
export const COMPANION_SERVICE = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'companion', labels: { app: 'companion' } },
  spec: { selector: { app: 'companion' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
};

/** A leading `---`, a Service, then the documents twice (the second copy's offsets move with the first's edits). */
const multiDocument: Layout = {
  name: 'multi-document',
  documents: (docs) => [COMPANION_SERVICE, ...docs, ...docs],
  flow: false,
  render(docs) {
    return `---\n# several objects in one file\n${multiDocument.documents(docs).map((d) => yamlBody(d, BLOCK_2)).join('---\n')}`;
  },
};

export const LAYOUTS: readonly Layout[] = [
  yamlLayout('block-2', BLOCK_2),
  yamlLayout('kubectl', KUBECTL),
  yamlLayout('block-4', { ...BLOCK_2, indent: 4 }),
  jsonLayout('json-2', 2, false),
  jsonLayout('kubectl-json', 4, true),
  yamlLayout('flow-leaves', { ...BLOCK_2, flowLeaves: true }),
  yamlLayout('comments', { ...BLOCK_2, comments: true }),
  yamlLayout('kubectl-comments', { ...KUBECTL, comments: true }),
  yamlLayout('crlf', BLOCK_2, crlf),
  yamlLayout('kubectl-crlf', KUBECTL, crlf),
  { name: 'markers', render: (docs) => withMarkers(docs.map((d) => yamlBody(d, BLOCK_2))), documents: (docs) => [...docs], flow: false },
  yamlLayout('no-final-newline', BLOCK_2, withoutFinalNewline),
  jsonLayout('json-no-final-newline', 2, false, withoutFinalNewline),
  multiDocument,
  {
    name: 'kitchen-sink',
    render: (docs) => withoutFinalNewline(crlf(withMarkers(docs.map((d) => yamlBody(d, { ...KUBECTL, indent: 4, flowLeaves: true, comments: true }))))),
    documents: (docs) => [...docs],
    flow: true,
  },
];

export function layoutNamed(name: string): Layout {
  const layout = LAYOUTS.find((l) => l.name === name);
  if (!layout) throw new Error(`no layout ${name}`);
  return layout;
}
