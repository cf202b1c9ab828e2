/**
 * `TransformOptions.resources`: injected workloads' reports carry the container resources of the
 * pristine and the injected pod, on the full path and on the recognised-unchanged one alike.
 */
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../config/defaults.js';
import { presetFor, transformText, type InjectConfig } from '../../../transformer/index.js';
import { DEPLOYMENT } from '../../helpers/fixtures.js';

function inject(text: string, resources: boolean, config: InjectConfig = defaultConfig()) {
  return transformText(text, { mode: 'inject', config, preset: presetFor(config), path: 'deploy.yaml', digest: true, ...(resources ? { resources: true } : {}) });
}

describe('workload resources in reports', () => {
  it('are absent unless asked for', () => {
    expect(inject(DEPLOYMENT, false).workloads[0]!.resources).toBeUndefined();
  });

  it('hold the pristine and injected containers and the scale, when injected', () => {
    const report = inject(DEPLOYMENT.replace('spec:\n  selector', 'spec:\n  replicas: 4\n  selector'), true).workloads[0]!;
    expect(report.action).toBe('injected');
    expect(report.resources!.pristine).toEqual({ initContainers: [], containers: [{ name: 'web' }] });
    const injected = report.resources!.injected;
    expect([...injected.initContainers, ...injected.containers].map((c) => c.name)).toEqual(expect.arrayContaining(['web', 'istio-proxy']));
    expect(report.resources!.scale).toEqual({ kind: 'Deployment', replicas: 4 });
  });

  it('are the same when an untouched injected document is recognised as unchanged', () => {
    const first = inject(DEPLOYMENT, true);
    const again = inject(first.text, true);
    expect(again.workloads[0]!.action).toBe('unchanged');
    expect(again.workloads[0]!.resources).toEqual(first.workloads[0]!.resources);
    // The full path (an edit elsewhere in the file defeats the digest) gives them as well.
    const edited = inject(first.text.replace('# web front end', '# web front end, edited'), true);
    expect(edited.workloads[0]!.resources).toEqual(first.workloads[0]!.resources);
  });
});
