/**
 * Reads Istio's injection conformance corpus in place (`../shared/conformance/istio/`, or
 * `$MESH_INJECT_SHARED/conformance/istio/`: test/helpers/shared-data.ts) and turns a
 * case into what the built-in preset takes: pod templates with their workload, and an
 * `InjectConfig` when the case's Helm values are expressible with our knobs.
 */
import { readFileSync } from 'node:fs';
import { parse, parseAllDocuments } from 'yaml';
import type { IstioConfig, ResourceRequirements, WorkloadKind } from '../../transformer/inject-config.js';
import { isObject } from '../../transformer/kube/objects.js';
import type { PodTemplate, WorkloadInfo } from '../../transformer/mesh/types.js';
import { findWorkload, LIST_KINDS } from '../../transformer/kube/workload-kinds.js';
import { ISTIO_CORPUS } from '../helpers/shared-data.js';

/** Read only by tests that skip when `ISTIO_CORPUS.found` is false. */
export const CORPUS_DIR = ISTIO_CORPUS.dir;

export interface IstioCase {
  suite: string;
  name: string;
  input: string;
  golden?: string;
  config: string;
  nativeSidecars: boolean;
  revision: string;
  setFlags?: string[];
  iopFile?: string;
  meshOverlay?: unknown;
  env?: Record<string, string>;
  expectedError?: string;
  expectedWarning?: string;
}

export function loadCases(): IstioCase[] {
  const doc = JSON.parse(readFileSync(`${CORPUS_DIR}cases.json`, 'utf8')) as { cases: IstioCase[] };
  return doc.cases;
}

export function readCorpusFile(relative: string): string {
  return readFileSync(`${CORPUS_DIR}${relative}`, 'utf8');
}

export interface WorkloadPod {
  workload: WorkloadInfo;
  /** Dotted path of the pod template in its object (`''` for a Pod). */
  podPath: string;
  pod: PodTemplate;
}

/** Every workload's pod template in a YAML stream, `kind: List` items included, in document order. */
export function workloadPods(text: string, extraKinds: readonly WorkloadKind[] = [], defaultNamespace = 'default'): WorkloadPod[] {
  const out: WorkloadPod[] = [];
  const visit = (obj: unknown): void => {
    if (!isObject(obj)) return;
    if (typeof obj.kind === 'string' && LIST_KINDS.has(obj.kind) && Array.isArray(obj.items)) {
      obj.items.forEach(visit);
      return;
    }
    const match = findWorkload(obj.apiVersion, obj.kind, extraKinds);
    if (!match) return;
    const meta = isObject(obj.metadata) ? obj.metadata : {};
    const template = match.podPath.reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), obj);
    if (!isObject(template)) return;
    out.push({
      workload: {
        apiVersion: obj.apiVersion as string,
        kind: obj.kind as string,
        name: typeof meta.name === 'string' ? meta.name : '',
        namespace: typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : defaultNamespace,
        labels: isObject(meta.labels) ? (meta.labels as Record<string, string>) : {},
      },
      podPath: match.podPath.join('.'),
      pod: { metadata: (template.metadata ?? {}) as PodTemplate['metadata'], spec: template.spec as PodTemplate['spec'] },
    });
  };
  for (const doc of parseAllDocuments(text, { version: '1.1' })) {
    if (doc.errors.length > 0) throw new Error(`YAML error: ${doc.errors[0]!.message}`);
    visit(doc.toJS());
  }
  return out;
}

type Values = Record<string, unknown>;

function readValues(configSet: string): Values {
  return JSON.parse(readCorpusFile(`${configSet}/values.json`)) as Values;
}

/** Paths (`a.b.c`) where two JSON values differ, down to the first non-object level. */
function differingPaths(a: unknown, b: unknown, prefix = ''): string[] {
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) => differingPaths(a[k], b[k], prefix === '' ? k : `${prefix}.${k}`));
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [prefix];
}

function valueAt(values: Values, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), values);
}

/** Helm values that map one-to-one onto an `IstioConfig` knob. */
const VALUE_KNOBS: ReadonlyArray<[string, (v: unknown) => Partial<IstioConfig>]> = [
  ['global.hub', (v) => ({ hub: v as string })],
  ['global.tag', (v) => ({ tag: v as string })],
  ['global.imagePullPolicy', (v) => ({ imagePullPolicy: v as IstioConfig['imagePullPolicy'] })],
  ['global.imagePullSecrets', (v) => ({ imagePullSecrets: v as string[] })],
  ['global.proxy.holdApplicationUntilProxyStarts', (v) => ({ holdApplicationUntilProxyStarts: v as boolean })],
  ['global.proxy.resources', (v) => ({ proxyResources: v as ResourceRequirements })],
  ['pilot.cni.enabled', (v) => ({ cni: v as boolean })],
  ['global.network', (v) => ({ network: v as string })],
  ['global.multiCluster.clusterName', (v) => ({ clusterName: v as string })],
  ['global.meshID', (v) => ({ meshId: v as string })],
  ['global.istioNamespace', (v) => ({ istioNamespace: v as string })],
  ['global.proxy.clusterDomain', (v) => ({ clusterDomain: v as string })],
  ['global.proxy.logLevel', (v) => ({ logLevel: v as string })],
  ['global.proxy.componentLogLevel', (v) => ({ componentLogLevel: v as string })],
  ['global.logging.level', (v) => ({ agentLogLevel: v as string })],
  ['sidecarInjectorWebhook.rewriteAppHTTPProbe', (v) => ({ rewriteAppHTTPProbe: v as boolean })],
];

export type ConfigMapping = { ok: true; istio: Partial<IstioConfig> } | { ok: false; reason: string };

/**
 * Our knobs for a config set: each value differing from `configs/default` must be a knob, or a
 * value the `sidecar` template provably never reads (its name is absent from the template text).
 */
export function knobsForConfigSet(configSet: string): ConfigMapping {
  const defaults = readValues('configs/default');
  const values = readValues(configSet);
  const sidecarTemplate = sidecarTemplateText(configSet);
  const istio: Partial<IstioConfig> = {};
  const unmapped: string[] = [];
  for (const path of differingPaths(defaults, values)) {
    const knob = VALUE_KNOBS.find(([prefix]) => path === prefix || path.startsWith(`${prefix}.`));
    if (knob) Object.assign(istio, knob[1](valueAt(values, knob[0])));
    else if (path.startsWith('global.') && !sidecarTemplate.includes(path.split('.').pop()!)) continue;
    else unmapped.push(path);
  }
  if (readCorpusFile(`${configSet}/mesh.yaml`) !== readCorpusFile('configs/default/mesh.yaml')) unmapped.push('mesh.yaml');
  return unmapped.length > 0 ? { ok: false, reason: `no knob for ${unmapped.join(', ')}` } : { ok: true, istio };
}

/** The `sidecar` template text of a config set (read for facts only, never executed). */
export function sidecarTemplateText(configSet: string): string {
  const config = parse(readCorpusFile(`${configSet}/config.yaml`)) as { templates?: Record<string, string> };
  const text = config.templates?.sidecar;
  if (typeof text !== 'string') throw new Error(`no sidecar template in ${configSet}`);
  return text;
}
