/** The mesh preset a config asks for. */
import type { InjectConfig } from './config.js';
import { istioPreset } from './mesh/istio/index.js';
import type { MeshPreset } from './mesh/types.js';

export function presetFor(config: InjectConfig): MeshPreset | undefined {
  return config.mesh === 'istio' ? istioPreset : undefined;
}
