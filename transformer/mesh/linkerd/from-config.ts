/**
 * The Linkerd preset of a config: the control plane's values when the config names them (the
 * `linkerd-config` ConfigMap or a Helm values file), else the built-in chart defaults of
 * `linkerd.version` with the trust anchors. A proxy without trust anchors cannot start, so their
 * absence is an error on every workload that would be injected, naming the keys that fix it.
 */
import type { LinkerdConfig } from '../../inject-config.js';
import type { Result } from '../../results.js';
import type { MeshPreset, MeshRenderOutput } from '../types.js';
import { decideLinkerd } from './decision.js';
import { defaultLinkerdValues, linkerdPreset, readLinkerdValues, LINKERD_FOOTPRINT } from './index.js';

/** `linkerd.io/created-by`, like Linkerd's `linkerd/cli <version>`: no version, so an upgrade of mesh-inject alone changes no manifest. */
const CREATED_BY = 'mesh-inject';

export function linkerdPresetFromConfig(config: LinkerdConfig): MeshPreset {
  const values = valuesOf(config);
  if ('values' in values) return linkerdPreset(values.values, { createdBy: CREATED_BY });
  const failed = (): MeshRenderOutput => ({ pod: null, results: values.results });
  return { mesh: 'linkerd', render: failed, decide: decideLinkerd, checkPod: () => [], containers: LINKERD_FOOTPRINT.containers };
}

function valuesOf(config: LinkerdConfig): { values: ReturnType<typeof defaultLinkerdValues> } | { results: Result[] } {
  const inputs = config.inputs;
  if (inputs?.values) {
    const read = readLinkerdValues(inputs.values.text, inputs.values.path);
    return read.values && !read.results.some((r: Result) => r.severity === 'error') ? { values: read.values } : { results: read.results };
  }
  const pem = inputs?.trustAnchors?.text ?? config.identityTrustAnchorsPEM;
  if (pem === undefined || !pem.includes('-----BEGIN CERTIFICATE-----')) {
    return {
      results: [
        {
          severity: 'error',
          code: 'config-invalid',
          message:
            'mesh: linkerd needs the identity trust anchors (a proxy without them cannot start): set linkerd.identityTrustAnchorsPEM or linkerd.identityTrustAnchorsFile in .mesh-injectrc, or linkerd.values to the linkerd-config ConfigMap',
        },
      ],
    };
  }
  return { values: defaultLinkerdValues({ version: config.version, identityTrustAnchorsPEM: pem }) };
}
