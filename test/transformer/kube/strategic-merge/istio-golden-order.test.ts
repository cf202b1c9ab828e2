/**
 * Istio's observed list order, read in place from its injection goldens: merging the volumes the
 * templates injected (named by the golden's `sidecar.istio.io/status`) onto the input pod
 * template, as the webhook does, must give the golden's volume list.
 *
 * The corpus holds 114 of Istio's 136 cases and `statefulset.yaml` is not among them, so this uses
 * the cases whose inputs carry volumes: `proxy-override` (one user volume, `certs`, after nine
 * injected ones, the shape the statefulset golden shows with `data`) and `merge-probers` (a
 * re-injection where eight injected volumes exist already and `istio-ca-crl` is new).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { POD_TEMPLATE_SCHEMA, strategicMerge } from '../../../../transformer/kube/strategic-merge/index.js';
import { ISTIO_CORPUS } from '../../../helpers/shared-data.js';

interface PodTemplate {
  metadata?: { annotations?: Record<string, string> };
  spec: { volumes?: Array<{ name: string }> };
}

function podTemplate(file: string): PodTemplate {
  const docs = parseAllDocuments(readFileSync(join(ISTIO_CORPUS.dir, 'inject', file), 'utf8'), { version: '1.1' });
  const withTemplate = docs.map((doc) => doc.toJS() as { spec?: { template?: PodTemplate } }).find((doc) => doc?.spec?.template);
  if (!withTemplate?.spec?.template) throw new Error(`${file}: no pod template`);
  return withTemplate.spec.template;
}

describe.skipIf(!ISTIO_CORPUS.found)('Istio golden list order', () => {
  for (const name of ['proxy-override', 'merge-probers']) {
    it(`${name}: merging the injected volumes onto the input gives the golden's volumes, in order`, () => {
      const input = podTemplate(`${name}.yaml`);
      const golden = podTemplate(`${name}.yaml.injected`);
      const status = JSON.parse(golden.metadata?.annotations?.['sidecar.istio.io/status'] ?? '{}') as { volumes?: string[] };
      const injectedNames = new Set(status.volumes ?? []);
      const goldenVolumes = golden.spec.volumes ?? [];
      const injected = goldenVolumes.filter((v) => injectedNames.has(v.name));
      expect(injected.length).toBeGreaterThan(0);
      expect(injected.length).toBeLessThanOrEqual(goldenVolumes.length);

      const merged = strategicMerge(input, { spec: { volumes: injected } }, POD_TEMPLATE_SCHEMA);

      expect(merged.spec.volumes?.map((v) => v.name)).toEqual(goldenVolumes.map((v) => v.name));
      expect(merged.spec.volumes).toEqual(goldenVolumes);
    });
  }
});
