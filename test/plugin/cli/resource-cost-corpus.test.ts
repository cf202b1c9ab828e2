/**
 * The cost report on manifests this project did not write: every workload document of the corpus
 * (test/layouts/corpus.ts), for Istio and Linkerd. `explain --resources` on the manifest, and again
 * on what `inject` wrote, report the same containers and figures (the second reads them back from
 * the injected pod); every injected workload has a cost row with the proxy among its containers,
 * also where the manifest declared a container under the proxy's name that the injection filled in.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';
import { ISTIO_CORPUS } from '../../helpers/shared-data.js';
import { useTempTrees } from '../../helpers/temp-trees.js';
import { loadCorpus, REPO } from '../../layouts/corpus.js';

const tree = useTempTrees();
const MESHES = [
  { mesh: 'istio', rc: 'namespaces: {inject: ["*"]}\n', proxy: 'istio-proxy' },
  { mesh: 'linkerd', rc: 'mesh: linkerd\nlinkerd: {version: edge-26.8.3, identityTrustAnchorsFile: ca.crt}\nnamespaces: {inject: ["*"]}\n', proxy: 'linkerd-proxy' },
];

describe.skipIf(!ISTIO_CORPUS.found)('explain --resources on the workload corpus', () => {
  const corpus = loadCorpus();

  for (const { mesh, rc, proxy } of MESHES) {
    it(`${mesh}: the same figures before and after inject, a row for every injected workload`, async () => {
      const dir = tree({ '.mesh-injectrc.yaml': rc });
      copyFileSync(join(REPO, 'examples/gitops-repo-linkerd/linkerd/ca.crt'), join(dir, 'ca.crt'));
      let rows = 0;
      for (const doc of corpus.documents) {
        const manifest = JSON.stringify(doc.data, null, 2) + '\n';
        const injected = await runCli(['inject', '-'], { cwd: dir, stdin: manifest });
        if (injected.code !== 0) continue;
        const before = await runCli(['explain', '--resources', '--format', 'json', '-'], { cwd: dir, stdin: manifest });
        const after = await runCli(['explain', '--resources', '--format', 'json', '-'], { cwd: dir, stdin: injected.stdout });
        expect([doc.id, before.code, after.code]).toEqual([doc.id, 0, 0]);
        const costOf = (text: string) => JSON.parse(text).resources;
        const first = costOf(before.stdout);
        expect([doc.id, costOf(after.stdout)]).toEqual([doc.id, first]);
        const injectedWorkloads = (JSON.parse(before.stdout).workloads as Array<{ code: string }>).filter((w) => w.code === 'injected').length;
        expect([doc.id, first.workloads.length]).toEqual([doc.id, injectedWorkloads]);
        for (const w of first.workloads) expect([doc.id, w.containers.some((c: { name: string }) => c.name === proxy)]).toEqual([doc.id, true]);
        rows += first.workloads.length;
      }
      console.log(`cost corpus (${mesh}): ${rows} workload rows agree before and after inject`);
      expect(rows).toBeGreaterThan(50);
    }, 120_000);
  }
});
