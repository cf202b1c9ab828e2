/** Builders shared by the Istio preset's unit tests. */
import type { Container } from 'kubernetes-types/core/v1.js';
import type { InjectConfig } from '../../../../transformer/inject-config.js';
import { buildContext, type RenderContext } from '../../../../transformer/mesh/istio/context.js';
import { istioPreset } from '../../../../transformer/mesh/istio/index.js';
import type { MeshRenderOutput, PodTemplate, WorkloadInfo } from '../../../../transformer/mesh/types.js';
import { defaultTestConfig, type ConfigOverrides } from '../../../helpers/default-config.js';

export const APP: Container = { name: 'app', image: 'example.com/app:1', ports: [{ name: 'http', containerPort: 8080 }] };

export interface PodOptions {
  annotations?: Record<string, string>;
  labels?: Record<string, string>;
  containers?: Container[];
  initContainers?: Container[];
  spec?: Partial<PodTemplate['spec']>;
}

export function podOf(options: PodOptions = {}): PodTemplate {
  const metadata: PodTemplate['metadata'] = { labels: { app: 'web', ...options.labels } };
  if (options.annotations) metadata.annotations = { ...options.annotations };
  const spec: PodTemplate['spec'] = { containers: structuredClone(options.containers ?? [APP]), ...options.spec };
  if (options.initContainers) spec.initContainers = structuredClone(options.initContainers);
  return { metadata, spec };
}

export const DEPLOYMENT: WorkloadInfo = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'shop', labels: {} };

export function configOf(overrides: ConfigOverrides = {}): InjectConfig {
  return defaultTestConfig(overrides);
}

export function render(pod: PodTemplate, overrides: ConfigOverrides = {}, workload: WorkloadInfo = DEPLOYMENT): MeshRenderOutput {
  return istioPreset.render({ pod: structuredClone(pod), workload, config: configOf(overrides), podPath: 'spec.template' });
}

/** Render and insist on a pod. */
export function inject(pod: PodTemplate, overrides: ConfigOverrides = {}, workload: WorkloadInfo = DEPLOYMENT): PodTemplate {
  const out = render(pod, overrides, workload);
  if (!out.pod) throw new Error(`no pod: ${JSON.stringify(out.results)}`);
  return out.pod;
}

export function contextOf(pod: PodTemplate, overrides: ConfigOverrides = {}, workload: WorkloadInfo = DEPLOYMENT): RenderContext {
  return buildContext({ pod, workload, config: configOf(overrides), podPath: 'spec.template' });
}

export function container(pod: PodTemplate, name: string): Container {
  const found = [...(pod.spec.initContainers ?? []), ...pod.spec.containers].find((c) => c.name === name);
  if (!found) throw new Error(`no container ${name}`);
  return found;
}

export function envValue(c: Container, name: string): string | undefined {
  return c.env?.find((e) => e.name === name)?.value;
}

export function names(list: readonly { name: string }[] | undefined): string[] {
  return (list ?? []).map((c) => c.name);
}
