/** Public API of `config/`: find, read and validate `.mesh-injectrc` or a KRM functionConfig. */
export { DEFAULT_CONFIG, defaultConfig } from './defaults.js';
export { validateConfig, type ConfigResult, type ConfigSource } from './validate.js';
export { createConfigResolver, type ConfigResolver, type LoadedConfig, type ResolverOptions } from './load.js';
export { configFromFunctionConfig, MESH_INJECT_API_VERSION, MESH_INJECT_KIND } from './function-config.js';
export { parseConfigYaml, type ParsedYaml } from './parse-yaml.js';
export { rcSchema } from './schema.js';
export { meshInjectSchema } from './meshinject-schema.js';
export { rcJsonSchema, functionConfigJsonSchema } from './json-schema.js';
