/**
 * Cluster inputs for template mode from Istio's conformance corpus, read in place
 * (`../shared/conformance/istio/configs/<set>/`): the injector config, its values, and the mesh
 * config with a case's `meshOverlay` applied (mesh.yaml <- overlay, by ApplyMeshConfig's rules).
 */
import { parse, stringify } from 'yaml';
import { isObject } from '../../../../transformer/kube/objects.js';
import type { ClusterInputs } from '../../../../transformer/mesh/istio-templates/index.js';
import type { TemplateKnobs } from '../../../../transformer/mesh/istio-templates/types.js';
import { readCorpusFile, type IstioCase } from '../../../conformance/istio-corpus.js';

const cache = new Map<string, ClusterInputs>();

/** The texts of a config set, with an optional mesh overlay (one object per distinct input, so parses are cached). */
export function clusterInputsFor(configSet: string, meshOverlay?: unknown): ClusterInputs {
  const key = `${configSet}\n${JSON.stringify(meshOverlay ?? null)}`;
  let inputs = cache.get(key);
  if (!inputs) {
    const mesh = readCorpusFile(`${configSet}/mesh.yaml`);
    inputs = {
      injector: { path: `${configSet}/config.yaml`, text: readCorpusFile(`${configSet}/config.yaml`) },
      values: { path: `${configSet}/values.json`, text: readCorpusFile(`${configSet}/values.json`) },
      meshConfig: { path: `${configSet}/mesh.yaml`, text: meshOverlay === undefined ? mesh : stringify(overlayMesh(parse(mesh), meshOverlay)) },
    };
    cache.set(key, inputs);
  }
  return inputs;
}

/** `mesh.yaml` <- overlay: top-level fields replace, `defaultConfig` merges (proxyMetadata by key), providers by name. */
function overlayMesh(mesh: unknown, overlay: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(isObject(mesh) ? mesh : {}) };
  for (const [key, value] of Object.entries(isObject(overlay) ? overlay : {})) {
    const current = out[key];
    if (key === 'defaultConfig' && isObject(current) && isObject(value)) {
      const metadata = isObject(current.proxyMetadata) && isObject(value.proxyMetadata) ? { ...current.proxyMetadata, ...value.proxyMetadata } : undefined;
      out[key] = { ...current, ...value, ...(metadata ? { proxyMetadata: metadata } : {}) };
    } else if (key === 'extensionProviders' && Array.isArray(current) && Array.isArray(value)) {
      const names = new Set(value.map((p) => (isObject(p) ? p.name : undefined)));
      out[key] = [...current.filter((p) => !isObject(p) || !names.has(p.name)), ...value];
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** What a case sets in istiod's environment and cluster, as template knobs for a workload in `namespace`. */
export function knobsFor(c: IstioCase & { namespaceObject?: unknown }, namespace: string): TemplateKnobs {
  const env = c.env ?? {};
  const ns = isObject(c.namespaceObject) && isObject(c.namespaceObject.metadata) ? c.namespaceObject.metadata : undefined;
  const nsAnnotations = ns && ns.name === namespace && isObject(ns.annotations) ? (ns.annotations as Record<string, string>) : {};
  return {
    revision: c.revision,
    nativeSidecars: c.nativeSidecars,
    compliancePolicy: env.COMPLIANCE_POLICY ?? '',
    openshift: env.PLATFORM === 'openshift',
    namespaceAnnotations: nsAnnotations,
    env,
  };
}
