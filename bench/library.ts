/**
 * The compiled library `npm run build` writes to dist/: what users run, and what the benchmarks
 * time. Not the TypeScript sources through tsx: its on-the-fly transform makes every call across
 * modules dearer (the fast YAML reader alone ran ~50% slower that way), which would weigh on the
 * code split into most modules, not on what users get.
 */
import { existsSync } from 'node:fs';

type Transformer = typeof import('../transformer/index.js');
type Verify = typeof import('../transformer/pipeline/verify-output.js');
type Pipeline = typeof import('../transformer/pipeline/transform-document.js');
type Defaults = typeof import('../config/defaults.js');
type GoTemplate = typeof import('../transformer/gotemplate/index.js');
type Outline = typeof import('../transformer/yaml/outline/outline.js');
type ParseDocument = typeof import('../transformer/yaml/parse-document.js');
type TemplateMode = typeof import('../transformer/mesh/istio-templates/index.js');

const dist = new URL('../dist/', import.meta.url);
if (!existsSync(new URL('transformer/index.js', dist))) throw new Error('bench: dist/ is missing; run `npm run build` first (`npm run bench` does)');

const load = async <T>(path: string): Promise<T> => (await import(new URL(path, dist).href)) as T;

export const { defaultConfig } = await load<Defaults>('config/defaults.js');
export const { emptyClusterContext, presetFor, transformText } = await load<Transformer>('transformer/index.js');
export const { Template } = await load<GoTemplate>('transformer/gotemplate/index.js');
export const { readOutline } = await load<Outline>('transformer/yaml/outline/outline.js');
export const { verifyOutput } = await load<Verify>('transformer/pipeline/verify-output.js');
export const { locate } = await load<Pipeline>('transformer/pipeline/transform-document.js');
export const { parseManifest, toPlainData } = await load<ParseDocument>('transformer/yaml/parse-document.js');
/** The engine's template class as a type (the value above is the compiled one). */
export type Template = InstanceType<typeof Template>;
export const { parseClusterInputs } = await load<TemplateMode>('transformer/mesh/istio-templates/index.js');
