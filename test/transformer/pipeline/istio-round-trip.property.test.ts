import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../config/defaults.js';
import { presetFor, transformText, type InjectConfig } from '../../../transformer/index.js';
import { manifestShape, renderManifest } from '../../helpers/manifest-arbitrary.js';

function run(text: string, mode: 'inject' | 'uninject', config: InjectConfig) {
  return transformText(text, { mode, config, preset: presetFor(config), path: 'deploy.yaml', verify: true });
}

/** The Deployment's pod spec (some layouts write other documents around it). */
function podSpec(text: string): Record<string, any> {
  const docs = parseAllDocuments(text.replace(/^\uFEFF/, ''), { version: '1.1' }).map((doc) => doc.toJS() as any);
  return docs.find((doc) => doc?.kind === 'Deployment').spec.template.spec;
}

const configs = fc.record({
  nativeSidecars: fc.constantFrom(true, false, 'auto' as const),
  cni: fc.boolean(),
  hold: fc.boolean(),
  tag: fc.constantFrom('1.31.4', '1.32.0'),
}).map(({ nativeSidecars, cni, hold, tag }) => {
  const config = defaultConfig();
  Object.assign(config.istio, { nativeSidecars, cni, holdApplicationUntilProxyStarts: hold, tag });
  return config;
});

describe('inject/uninject on generated manifests (Istio preset)', () => {
  it('is idempotent, reversible byte for byte, and re-injects cleanly after a config change', () => {
    fc.assert(
      fc.property(manifestShape, configs, configs, (shape, config, next) => {
        const original = renderManifest(shape);
        const injected = run(original, 'inject', config);
        expect(injected.results.filter((r) => r.severity === 'error')).toEqual([]);
        expect(run(injected.text, 'inject', config).text).toBe(injected.text);
        expect(run(injected.text, 'uninject', config).text).toBe(original);
        // Changing the config re-injects from the original: same as injecting the original directly.
        expect(run(injected.text, 'inject', next).text).toBe(run(original, 'inject', next).text);
      }),
      { numRuns: 150 },
    );
  });

  it('keeps the user containers (probes aside, which the sidecar takes over)', () => {
    fc.assert(
      fc.property(manifestShape, configs, (shape, config) => {
        const original = renderManifest(shape);
        const before = podSpec(original);
        const after = podSpec(run(original, 'inject', config).text);
        for (const container of before.containers) {
          const { readinessProbe, livenessProbe, startupProbe, ...rest } = container;
          expect(after.containers.find((c: { name: string }) => c.name === container.name)).toMatchObject(rest);
        }
        const names = [...(after.initContainers ?? []), ...after.containers].map((c: { name: string }) => c.name);
        expect(names).toContain('istio-proxy');
        expect(names).toContain(config.istio.cni ? 'istio-validation' : 'istio-init');
      }),
      { numRuns: 150 },
    );
  });
});
