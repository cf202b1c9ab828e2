/**
 * The cluster inputs and knobs of one of Istio's conformance cases, as the harness contract in
 * ../shared/conformance/istio/README.md states them: the config set's injector config and values
 * (read in place), the mesh config = `mesh-defaults.yaml` <- the set's `mesh.yaml` <- the case's
 * `meshOverlay`, and the runtime knobs (`revision`, `nativeSidecars`, `env`).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { isObject } from '../../../transformer/kube/objects.js';
import type { ClusterInputs } from '../../../transformer/mesh/istio-templates/types.js';
import { CORPUS_DIR, loadCases, readCorpusFile, type IstioCase } from '../../conformance/istio-corpus.js';

/** cases.json fields beyond the ones istio-corpus.ts declares. */
export interface ConformanceCase extends IstioCase {
  runKubeInject: boolean;
  runWebhook: boolean;
  /** The Namespace object the webhook sees (OpenShift SCC annotations). */
  namespaceObject?: { metadata: { name: string; annotations?: Record<string, string> } };
}

export function conformanceCases(): ConformanceCase[] {
  return loadCases() as ConformanceCase[];
}

type Mesh = Record<string, unknown>;

/**
 * `mesh.ApplyMeshConfig` as the header of mesh-defaults.yaml states it: top-level fields replace,
 * `defaultConfig` and `defaultProviders` merge field by field (maps key by key, lists append),
 * `extensionProviders` merge by name, `trustDomainAliases` are unioned and sorted. Written here
 * from the data's own rules, not taken from the renderer, so the harness does not check the
 * implementation against itself.
 */
export function applyMesh(base: Mesh, overlay: unknown): Mesh {
  if (!isObject(overlay)) return base;
  const out: Mesh = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    if (key === 'defaultConfig' || key === 'defaultProviders') out[key] = protoMerge(base[key], value);
    else if (key === 'extensionProviders' && Array.isArray(value)) {
      const providers = Array.isArray(base[key]) ? [...(base[key] as Mesh[])] : [];
      for (const provider of value as Mesh[]) {
        const at = providers.findIndex((p) => p.name === provider.name);
        if (at >= 0) providers[at] = provider;
        else providers.push(provider);
      }
      out[key] = providers;
    } else if (key === 'trustDomainAliases' && Array.isArray(value)) {
      out[key] = [...new Set([...((base[key] as string[] | undefined) ?? []), ...(value as string[])])].sort();
    } else out[key] = value;
  }
  return out;
}

function protoMerge(base: unknown, overlay: unknown): unknown {
  if (isObject(base) && isObject(overlay)) {
    const out: Mesh = { ...base };
    for (const [k, v] of Object.entries(overlay)) out[k] = protoMerge(base[k], v);
    return out;
  }
  if (Array.isArray(base) && Array.isArray(overlay)) return [...base, ...overlay];
  return overlay;
}

export function caseMesh(c: IstioCase): Mesh {
  const defaults = parse(readCorpusFile('mesh-defaults.yaml')) as Mesh;
  const set = parse(readCorpusFile(`${c.config}/mesh.yaml`)) as Mesh;
  return applyMesh(applyMesh(defaults, set), c.meshOverlay);
}

export interface CaseFiles {
  injector: string;
  values: string;
  mesh: string;
}

/** Injector and values stay in ../shared; the merged mesh config is written into `dir`. */
export function caseFiles(c: IstioCase, dir: string): CaseFiles {
  const mesh = join(dir, `${c.name.replace(/[^\w.-]+/g, '_')}.mesh.yaml`);
  writeFileSync(mesh, stringify(caseMesh(c)));
  return { injector: join(CORPUS_DIR, c.config, 'config.yaml'), values: join(CORPUS_DIR, c.config, 'values.json'), mesh };
}

/** The case's cluster inputs as texts (what `istio.cluster` carries in a config). */
export function caseInputs(c: IstioCase): ClusterInputs {
  const file = (name: string) => ({ path: join(CORPUS_DIR, c.config, name), text: readCorpusFile(`${c.config}/${name}`) });
  return { injector: file('config.yaml'), values: file('values.json'), meshConfig: { path: 'mesh.yaml', text: stringify(caseMesh(c)) } };
}

/** `mesh-inject kube-inject` arguments for a case. */
export function kubeInjectArgs(c: IstioCase, files: CaseFiles): string[] {
  const args = ['kube-inject', '-f', join(CORPUS_DIR, c.input), '--injectConfigFile', files.injector, '--valuesFile', files.values, '--meshConfigFile', files.mesh];
  if (c.revision !== '') args.push('--revision', c.revision);
  args.push('--native-sidecars', String(c.nativeSidecars));
  for (const [key, value] of Object.entries(c.env ?? {})) args.push('--env', `${key}=${value}`);
  return args;
}
