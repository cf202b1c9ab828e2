/**
 * What the template-mode benchmarks run on: the `default` conformance config set's injector
 * config, values and mesh config (read at run time from ../shared/ or $MESH_INJECT_SHARED: see
 * test/helpers/shared-data.ts), and the pod templates of the synthetic repository with the
 * workloads they belong to.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { InjectConfig } from '../transformer/inject-config.js';
import { isObject } from '../transformer/kube/objects.js';
import { ISTIO_CORPUS } from '../test/helpers/shared-data.js';
import type { PodTemplate, WorkloadInfo } from '../transformer/mesh/types.js';
import { defaultConfig } from './library.js';
import { syntheticRepo } from './synthetic-repo.js';

/**
 * The built-in default config with the conformance `default` cluster inputs: template mode.
 * Undefined, after printing the `skipped:` line, when the conformance data is absent.
 */
export function templatedConfig(): InjectConfig | undefined {
  if (!ISTIO_CORPUS.found) {
    console.log(ISTIO_CORPUS.skipLine);
    return undefined;
  }
  const dir = join(ISTIO_CORPUS.dir, 'configs', 'default');
  const read = (name: string) => ({ path: name, text: readFileSync(join(dir, name), 'utf8') });
  const builtin = defaultConfig();
  return { ...builtin, istio: { ...builtin.istio, cluster: { injector: read('config.yaml'), values: read('values.json'), meshConfig: read('mesh.yaml') } } };
}

export interface SyntheticPod {
  pod: PodTemplate;
  workload: WorkloadInfo;
}

/** The pod templates of a synthetic repository of `workloads` workloads. */
export function syntheticPods(workloads: number): SyntheticPod[] {
  const pods: SyntheticPod[] = [];
  for (const text of syntheticRepo(workloads, 0).values()) {
    for (const doc of parseAllDocuments(text, { version: '1.1' })) {
      const obj = doc.toJS() as Record<string, unknown>;
      const meta = obj.metadata as { name: string; namespace: string };
      const template = (obj.spec as { template?: unknown } | undefined)?.template;
      if (!isObject(template)) continue;
      pods.push({ pod: template as unknown as PodTemplate, workload: { apiVersion: String(obj.apiVersion), kind: String(obj.kind), name: meta.name, namespace: meta.namespace, labels: {} } });
    }
  }
  return pods;
}
