/**
 * Template mode: inject with the cluster's own `istio-sidecar-injector` templates and values and
 * its `istio` mesh config, running Istio's Go templates (`../../gotemplate/`) and its injection
 * pipeline (`render.ts`) instead of the built-in preset's TypeScript rendering.
 */
export { renderWithTemplates } from './render.js';
export { injectorPolicy, parseClusterInputs, type InputsOutcome, type ParsedInputs } from './inputs.js';
export type { TemplateModeCacheOptions } from './template-mode-cache.js';
export { templatePreset } from './preset.js';
export { sidecarTemplateData } from './template-data.js';
export { applyMeshConfig } from './mesh-config.js';
export { defaultMeshConfig } from './mesh-defaults.js';
export type { ClusterInputs, SourceText, TemplateKnobs, TemplateRenderer, TemplateRenderInput, TemplateRenderOutput } from './types.js';
