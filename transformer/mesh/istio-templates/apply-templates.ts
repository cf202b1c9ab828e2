/**
 * The selected templates, in order, merged onto the pod (Istio's `RunTemplate` loop): each output
 * is strategic-merged onto the accumulated template pod (what the status annotation lists) and onto
 * the pod itself. When the templates put `istio-proxy` in `initContainers` (native sidecar) and the
 * user's pod has its own `istio-proxy` under `containers`, that one moves first, so the two meet.
 *
 * The merged pod then gets what Istio's Go round trip does to template output (`go-roundtrip.ts`),
 * and source-less injected volumes become `emptyDir: {}`, as the API server stores them.
 */
import type { Result } from '../../results.js';
import { POD_SCHEMA, tryStrategicMerge } from '../../kube/strategic-merge/index.js';
import { ANN } from '../istio/names.js';
import { moveUserProxyToInit } from '../istio/overrides.js';
import type { PodTemplate } from '../types.js';
import { goRoundTrip } from '../../go/go-roundtrip.js';
import type { ParsedInputs } from './inputs.js';
import { runTemplate, templateFailure } from './run-template.js';
import type { TemplateContext } from './types.js';

/**
 * Nothing here or after modifies a pod or a template's output in place (the output is
 * `DeepReadonly`, shared with other pods through `TemplateModeCache`), so merge results may share
 * what a template left alone with the user's pod (`goRoundTrip` then skips those parts by
 * identity), and hold the output's parts without copies.
 */
const SHARE = { shareOriginal: true, ownPatch: true } as const;

type TemplatesOutcome = { ok: true; merged: PodTemplate; templatePod: PodTemplate } | { ok: false; result: Result };

export function applyTemplates(cluster: ParsedInputs, names: readonly string[], data: object, pod: PodTemplate, nativeSidecars: boolean, context: TemplateContext): TemplatesOutcome {
  let merged: PodTemplate = pod;
  let templatePod: PodTemplate = { metadata: {}, spec: {} as PodTemplate['spec'] };
  for (const name of names) {
    const ran = runTemplate(cluster, name, data, context);
    if (!ran.ok) return ran;
    const accumulated = tryStrategicMerge(templatePod, ran.overlay, POD_SCHEMA, SHARE);
    if (!accumulated.ok) return { ok: false, result: templateFailure(cluster, `templates.${name}: failed applying injection overlay: strategic merge: ${accumulated.error.message}`) };
    templatePod = accumulated.value;
    if (nativeFor(merged, nativeSidecars)) merged = moveUserProxyToInit(merged, templatePod);
    const next = tryStrategicMerge(merged, ran.overlay, POD_SCHEMA, SHARE);
    if (!next.ok) {
      const message = `templates.${name}: failed parsing generated injected YAML (check Istio sidecar injector configuration): strategic merge: ${next.error.message}`;
      return { ok: false, result: templateFailure(cluster, message) };
    }
    merged = next.value;
  }
  merged = goRoundTrip(merged, 'core.Pod', pod) as PodTemplate;
  return { ok: true, merged, templatePod };
}

/** The pod's `sidecar.istio.io/nativeSidecar` ("true"/"false" exactly) over the global decision. */
function nativeFor(pod: PodTemplate, global: boolean): boolean {
  const value = pod.metadata.annotations?.[ANN.nativeSidecar];
  return value === 'true' ? true : value === 'false' ? false : global;
}

