/** The mesh preset a config asks for: the cluster's own templates when it gives them, else the built-in Istio preset. */
import type { InjectConfig } from '../inject-config.js';
import { istioPreset } from './istio/index.js';
import { templatePreset } from './istio-templates/preset.js';
import type { MeshPreset } from './types.js';

export function presetFor(config: InjectConfig): MeshPreset | undefined {
  if (config.mesh !== 'istio') return undefined;
  return config.istio.cluster ? templatePreset(config.istio.cluster) : istioPreset;
}
