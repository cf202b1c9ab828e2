/**
 * The post-renderer on releases this project did not write: every workload document of the corpus
 * (test/layouts/corpus.ts) rendered as Helm 3 frames a release (`---` and `# Source:` before each
 * document), for Istio and Linkerd. The post-renderer gives what `inject -` gives for the same
 * stream, byte for byte (the record's file digest aside), `# Source:` comments included; where
 * inject refuses, it prints nothing and exits 2, naming the template.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCli } from '../../helpers/run-cli.js';
import { ISTIO_CORPUS } from '../../helpers/shared-data.js';
import { useTempTrees } from '../../helpers/temp-trees.js';
import { loadCorpus, REPO } from '../../layouts/corpus.js';

const tree = useTempTrees();
/** `inject -` also writes the record's document digest (`"d"`), which only a file's next run reads. */
const withoutDigest = (text: string) => text.replace(/\{"v":1,"d":"[0-9a-f]+",/g, '{"v":1,');
const MESHES = [
  { mesh: 'istio', rc: 'namespaces: {inject: ["*"]}\n' },
  { mesh: 'linkerd', rc: 'mesh: linkerd\nlinkerd: {version: edge-26.8.3, identityTrustAnchorsFile: ca.crt}\nnamespaces: {inject: ["*"]}\n' },
];

describe.skipIf(!ISTIO_CORPUS.found)('mesh-inject plugin helm on the workload corpus', () => {
  const corpus = loadCorpus();

  for (const { mesh, rc } of MESHES) {
    it(`${mesh}: gives what inject - gives, # Source: comments kept, or nothing and exit 2`, async () => {
      const dir = tree({ '.mesh-injectrc.yaml': rc });
      copyFileSync(join(REPO, 'examples/gitops-repo-linkerd/linkerd/ca.crt'), join(dir, 'ca.crt'));
      const tally = { same: 0, refused: 0, changed: 0 };
      for (const doc of corpus.documents) {
        const template = `corpus/templates/${doc.id.replace(/[^A-Za-z0-9._-]+/g, '_')}.yaml`;
        const release = `---\n# Source: ${template}\n${stringify(doc.data)}`;
        const helm = await runCli(['plugin', 'helm'], { cwd: dir, stdin: release });
        const inject = await runCli(['inject', '-'], { cwd: dir, stdin: release });
        const row = { id: doc.id };
        if (inject.code !== 0) {
          expect({ ...row, code: helm.code, stdout: helm.stdout }).toEqual({ ...row, code: 2, stdout: '' });
          expect(helm.stderr).toContain(template);
          tally.refused += 1;
          continue;
        }
        expect({ ...row, code: helm.code, stdout: helm.stdout }).toEqual({ ...row, code: 0, stdout: withoutDigest(inject.stdout) });
        expect(helm.stdout.startsWith(`---\n# Source: ${template}\n`)).toBe(true);
        tally.same += 1;
        if (helm.stdout !== release) tally.changed += 1;
      }
      console.log(`helm corpus (${mesh}): ${tally.same} releases as inject - gives them (${tally.changed} injected); ${tally.refused} refused alike`);
      expect(tally.changed).toBeGreaterThan(50);
    }, 120_000);
  }
});
