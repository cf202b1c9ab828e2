import { describe, expect, it } from 'vitest';
import { linkerdPreset, LINKERD_FOOTPRINT } from '../../../../transformer/mesh/linkerd/index.js';
import { MESH_FOOTPRINTS } from '../../../../transformer/mesh/footprints.js';
import { defaultTestConfig } from '../../../helpers/default-config.js';
import { injected, pod, values } from './fixtures.js';

const workload = { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', namespace: 'data', labels: {} };

describe('linkerdPreset', () => {
  it('renders the pod injectLinkerdPod renders, results under the pod path', () => {
    const preset = linkerdPreset(values(), { createdBy: 'mesh-inject test' });
    const out = preset.render({ pod: pod({ 'config.linkerd.io/admin-port': 'x' }), workload, config: defaultTestConfig(), podPath: 'spec.template' });
    expect(out.pod!.metadata.labels!['linkerd.io/proxy-statefulset']).toBe('db');
    expect(out.results.map((r) => r.field?.path)).toEqual(['spec.template.metadata.annotations.config.linkerd.io/admin-port']);
  });

  it('checkPod flags a Linkerd sidecar already in the pod', () => {
    const preset = linkerdPreset(values(), { createdBy: 'x' });
    expect(preset.checkPod(pod() as never)).toEqual([]);
    expect(preset.checkPod(injected(pod()) as never).map((p) => p.code)).toEqual(['container-name-reserved', 'container-name-reserved']);
  });

  it('the footprint covers every name an injection writes, and is listed with the other meshes', () => {
    expect(MESH_FOOTPRINTS).toContain(LINKERD_FOOTPRINT);
    const everything = injected(pod({ 'config.linkerd.io/enable-debug-sidecar': 'true' }), values((v) => (v.proxy.tracing = { ...v.proxy.tracing, enabled: true, collector: { endpoint: 'c:1', meshIdentity: { serviceAccountName: 's', namespace: 'n' } } })));
    const spec = everything.spec;
    for (const c of [...spec.containers, ...spec.initContainers!]) if (c.name !== 'web') expect(LINKERD_FOOTPRINT.containers).toContain(c.name);
    for (const v of spec.volumes!) expect(LINKERD_FOOTPRINT.volumes).toContain(v.name);
    for (const l of Object.keys(everything.metadata.labels!)) if (l !== 'app') expect(LINKERD_FOOTPRINT.labels).toContain(l);
    for (const a of Object.keys(everything.metadata.annotations!)) expect(LINKERD_FOOTPRINT.annotations).toContain(a);
    const fromNamespace = injected(pod(), values(), { origin: 'webhook', namespaceAnnotations: { 'config.linkerd.io/proxy-log-level': 'debug', 'linkerd.io/inject': 'enabled' } });
    for (const a of Object.keys(fromNamespace.metadata.annotations!)) expect(LINKERD_FOOTPRINT.annotations).toContain(a);
  });
});
