/**
 * The mesh preset a config asks for: Istio's built-in preset, or the cluster's own Istio templates
 * when the config gives them; Linkerd from the control plane's values (or the built-in defaults
 * of a named version and the trust anchors). A third mesh adds its branch here, its preset object
 * (render, decide, checkPod, containers) and its footprint in `footprints.ts`.
 */
import type { InjectConfig } from '../inject-config.js';
import { istioPreset } from './istio/index.js';
import { templatePreset } from './istio-templates/preset.js';
import { linkerdPresetFromConfig } from './linkerd/from-config.js';
import type { MeshPreset } from './types.js';

export function presetFor(config: InjectConfig): MeshPreset | undefined {
  switch (config.mesh) {
    case 'istio':
      return config.istio.cluster ? templatePreset(config.istio.cluster) : istioPreset;
    case 'linkerd':
      return linkerdPresetFromConfig(config.linkerd);
    case 'none':
      return undefined;
  }
}
