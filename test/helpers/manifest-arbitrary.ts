/**
 * fast-check generator of Deployment manifests written the many ways people write YAML:
 * 2 or 4 spaces, indented or kubectl-style sequences, comments everywhere, quoting, flow
 * collections, blank lines, CRLF, BOM, no final newline; or, picked per run, the same manifest
 * re-rendered in one of the committed layouts of test/layouts/layouts.ts (kubectl's sorted keys,
 * JSON, flow leaves, comment lines above every key, document markers, several documents...).
 */
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { PARSE_OPTIONS } from '../../transformer/yaml/yaml-options.js';
import { LAYOUTS, layoutNamed } from '../layouts/layouts.js';

export interface ManifestShape {
  indent: 2 | 4;
  seqIndented: boolean;
  crlf: boolean;
  bom: boolean;
  finalNewline: boolean;
  headerComment: boolean;
  templateMetadata: 'none' | 'labels' | 'labels+annotations' | 'flow-annotations' | 'empty-annotations';
  containers: ContainerShape[];
  containersFlow: boolean;
  commentBeforeContainers: boolean;
  trailingComment: boolean;
  initContainer: boolean;
  volumes: boolean;
  blankLines: boolean;
  quoteImage: boolean;
  namespace: string | undefined;
  replicasFirst: boolean;
  /** `handwritten` as the fields above say, or the name of a layout the manifest is re-rendered in. */
  layout: string;
}

export interface ContainerShape {
  name: string;
  ports: number[];
  env: Array<[string, string]>;
  /** `tcp-only` / `grpc`: the handler is the probe's only key, and the probe the container's last. */
  probe: 'none' | 'http' | 'tcp' | 'exec' | 'tcp-only' | 'grpc';
  comment: boolean;
}

const name = fc.constantFrom('web', 'api', 'worker', 'cache', 'sidecar-app');
const envValue = fc.constantFrom('on', 'yes', '0644', 'plain', 'with: colon', '2024-01-02', '1e3', '');

const container: fc.Arbitrary<ContainerShape> = fc.record({
  name,
  ports: fc.uniqueArray(fc.constantFrom(80, 8080, 9090, 3000), { maxLength: 2 }),
  env: fc.uniqueArray(fc.tuple(fc.constantFrom('MODE', 'LEVEL', 'FLAG'), envValue), { maxLength: 2, selector: ([k]) => k }),
  probe: fc.constantFrom('none', 'http', 'tcp', 'exec', 'tcp-only', 'grpc'),
  comment: fc.boolean(),
});

export const manifestShape: fc.Arbitrary<ManifestShape> = fc.record({
  indent: fc.constantFrom(2 as const, 4 as const),
  seqIndented: fc.boolean(),
  crlf: fc.boolean(),
  bom: fc.boolean(),
  finalNewline: fc.boolean(),
  headerComment: fc.boolean(),
  templateMetadata: fc.constantFrom('none', 'labels', 'labels+annotations', 'flow-annotations', 'empty-annotations'),
  containers: fc.uniqueArray(container, { minLength: 1, maxLength: 3, selector: (c) => c.name }),
  containersFlow: fc.boolean(),
  commentBeforeContainers: fc.boolean(),
  trailingComment: fc.boolean(),
  initContainer: fc.boolean(),
  volumes: fc.boolean(),
  blankLines: fc.boolean(),
  quoteImage: fc.boolean(),
  namespace: fc.option(fc.constantFrom('shop', 'payments'), { nil: undefined }),
  replicasFirst: fc.boolean(),
  layout: fc.constantFrom('handwritten', ...LAYOUTS.map((l) => l.name)),
});

function quote(value: string): string {
  return JSON.stringify(value);
}

/** Whether injecting may rewrite lines of this manifest (flow collections), not only add lines. */
export function editsFlowCollections(shape: ManifestShape): boolean {
  // Every layout writes an empty map as `{}`.
  if (shape.layout !== 'handwritten') return layoutNamed(shape.layout).flow || shape.templateMetadata === 'empty-annotations';
  return shape.containersFlow || shape.templateMetadata === 'flow-annotations' || shape.templateMetadata === 'empty-annotations';
}

export function renderManifest(shape: ManifestShape): string {
  const text = renderHandwritten(shape);
  if (shape.layout === 'handwritten') return text;
  const data = parseAllDocuments(text.replace(/^\uFEFF/, ''), PARSE_OPTIONS).map((doc) => doc.toJS() as unknown);
  return (shape.bom ? '\uFEFF' : '') + layoutNamed(shape.layout).render(data);
}

function renderHandwritten(shape: ManifestShape): string {
  const lines: string[] = [];
  const i = (level: number) => ' '.repeat(shape.indent * level);
  /** Column offset of a sequence's dash under its key at `level`. */
  const seq = (level: number) => (shape.seqIndented ? i(level + 1) : i(level));
  const item = (level: number) => seq(level) + ' '.repeat(2);
  if (shape.headerComment) lines.push('# Deployment of the shop front end', '# owner: platform team');
  lines.push('apiVersion: apps/v1', 'kind: Deployment', 'metadata:', `${i(1)}name: shop   # service name`);
  if (shape.namespace) lines.push(`${i(1)}namespace: ${shape.namespace}`);
  lines.push('spec:');
  const replicas = `${i(1)}replicas: 3`;
  if (shape.replicasFirst) lines.push(replicas);
  lines.push(`${i(1)}selector:`, `${i(2)}matchLabels:`, `${i(3)}app: shop`);
  if (!shape.replicasFirst) lines.push(replicas);
  if (shape.blankLines) lines.push('');
  lines.push(`${i(1)}template:`);
  const md = shape.templateMetadata;
  if (md !== 'none') {
    lines.push(`${i(2)}metadata:`, `${i(3)}labels:`, `${i(4)}app: shop`);
    if (md === 'labels+annotations') lines.push(`${i(3)}annotations:`, `${i(4)}team: "checkout"`, `${i(4)}enabled: 'yes'`);
    if (md === 'flow-annotations') lines.push(`${i(3)}annotations: {team: checkout, note: "a, b"}`);
    if (md === 'empty-annotations') lines.push(`${i(3)}annotations: {}`);
  }
  lines.push(`${i(2)}spec:`);
  if (shape.initContainer) {
    lines.push(`${i(3)}initContainers:`, `${seq(3)}- name: migrate`, `${item(3)}image: migrate:1`, `${item(3)}command: ["sh", "-c", "echo ok"]`);
  }
  if (shape.commentBeforeContainers) lines.push(`${i(3)}# the application`);
  if (shape.containersFlow) {
    const flow = shape.containers.map((c) => `{name: ${c.name}, image: "${c.name}:1.0"}`).join(', ');
    lines.push(`${i(3)}containers: [${flow}]`);
  } else {
    lines.push(`${i(3)}containers:`);
    for (const c of shape.containers) {
      const image = shape.quoteImage ? `"registry.example.com/${c.name}:1.0"` : `registry.example.com/${c.name}:1.0`;
      const content = item(3);
      const dash = shape.seqIndented ? content + i(1) : content;
      lines.push(`${seq(3)}- name: ${c.name}${c.comment ? '   # keep me' : ''}`, `${content}image: ${image}`);
      if (c.ports.length) {
        lines.push(`${content}ports:`);
        for (const p of c.ports) lines.push(`${dash}- containerPort: ${p}`);
      }
      if (c.env.length) {
        lines.push(`${content}env:`);
        for (const [k, v] of c.env) lines.push(`${dash}- name: ${k}`, `${dash}  value: ${quote(v)}`);
      }
      const port = c.ports[0] ?? 8080;
      if (c.probe === 'http') lines.push(`${content}readinessProbe:`, `${content}${i(1)}httpGet:`, `${content}${i(2)}path: /ready`, `${content}${i(2)}port: ${port}`);
      if (c.probe === 'tcp') lines.push(`${content}livenessProbe:`, `${content}${i(1)}tcpSocket:`, `${content}${i(2)}port: ${port}`, `${content}${i(1)}periodSeconds: 10`);
      if (c.probe === 'exec') lines.push(`${content}livenessProbe:`, `${content}${i(1)}exec:`, `${content}${i(2)}command: [cat, /tmp/healthy]`);
      if (c.probe === 'tcp-only') lines.push(`${content}livenessProbe:`, `${content}${i(1)}tcpSocket:`, `${content}${i(2)}port: ${port}`);
      if (c.probe === 'grpc') lines.push(`${content}readinessProbe:`, `${content}${i(1)}grpc:`, `${content}${i(2)}port: ${port}`);
    }
  }
  if (shape.volumes) lines.push(`${i(3)}volumes:`, `${seq(3)}- name: data`, `${item(3)}emptyDir: {}`);
  if (shape.trailingComment) lines.push(`${i(3)}# end of pod spec`);
  const eol = shape.crlf ? '\r\n' : '\n';
  return (shape.bom ? '\uFEFF' : '') + lines.join(eol) + (shape.finalNewline ? eol : '');
}
