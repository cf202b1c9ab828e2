import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { transformText } from '../../../transformer/pipeline/transform-text.js';
import type { InjectConfig } from '../../../transformer/inject-config.js';
import { editsFlowCollections, manifestShape, renderManifest } from '../../helpers/manifest-arbitrary.js';
import { sidecarsOnlyConfig } from '../../helpers/configs.js';

function run(text: string, mode: 'inject' | 'uninject', config: InjectConfig) {
  return transformText(text, { mode, config, preset: undefined, path: 'deploy.yaml', verify: true });
}

/** The Deployment's pod template (some layouts write other documents around it). */
function podTemplate(text: string): Record<string, any> {
  const docs = parseAllDocuments(text.replace(/^\uFEFF/, ''), { version: '1.1' }).map((doc) => doc.toJS() as any);
  return docs.find((doc) => doc?.kind === 'Deployment').spec.template;
}

/** Every line of `before` appears in `after`, in order: the edit only added lines. */
function onlyAddsLines(before: string, after: string): boolean {
  const a = after.replaceAll('\r', '').split('\n');
  let at = 0;
  for (const line of before.replaceAll('\r', '').split('\n')) {
    while (at < a.length && a[at] !== line) at++;
    if (at === a.length) return false;
    at++;
  }
  return true;
}

const config = sidecarsOnlyConfig();

describe('inject/uninject on generated manifests (custom sidecars)', () => {
  it('injects without errors, is idempotent, and uninject restores the original bytes', () => {
    fc.assert(
      fc.property(manifestShape, (shape) => {
        const original = renderManifest(shape);
        const injected = run(original, 'inject', config);
        expect(injected.results.filter((r) => r.severity === 'error')).toEqual([]);
        expect(injected.changed).toBe(true);
        const again = run(injected.text, 'inject', config);
        expect(again.text).toBe(injected.text);
        expect(again.changed).toBe(false);
        const restored = run(injected.text, 'uninject', config);
        expect(restored.text).toBe(original);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every user field and only adds lines when no flow collection must change', () => {
    fc.assert(
      fc.property(manifestShape, (shape) => {
        const original = renderManifest(shape);
        const injected = run(original, 'inject', config).text;
        const before = podTemplate(original);
        const after = podTemplate(injected);
        for (const container of before.spec.containers) {
          expect(after.spec.containers).toContainEqual(container);
        }
        for (const [key, value] of Object.entries(before.metadata?.labels ?? {})) expect(after.metadata.labels[key]).toBe(value);
        for (const [key, value] of Object.entries(before.metadata?.annotations ?? {})) expect(after.metadata.annotations[key]).toBe(value);
        expect(after.spec.containers.map((c: { name: string }) => c.name)).toContain('fluent-bit');
        expect(after.spec.initContainers[0]).toMatchObject({ name: 'wait-for-db' });
        expect(after.spec.initContainers.find((c: { name: string }) => c.name === 'vault-agent')).toMatchObject({ restartPolicy: 'Always' });
        if (!editsFlowCollections(shape)) expect(onlyAddsLines(original.replace(/^\uFEFF/, ''), injected.replace(/^\uFEFF/, ''))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
