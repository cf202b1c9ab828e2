/** JSON Schemas (draft 2020-12) generated from the zod schemas; `scripts/write-schemas.ts` writes them to `schemas/`. */
import * as z from 'zod';
import { meshInjectSchema } from './meshinject-schema.js';
import { rcSchema } from './schema.js';

const BASE_URL = 'https://mesh-inject.dev/schemas/';

export const RC_SCHEMA_FILE = 'mesh-injectrc.schema.json';
export const FUNCTION_CONFIG_SCHEMA_FILE = 'meshinject-function-config.schema.json';

export function rcJsonSchema(): Record<string, unknown> {
  return withHeader(rcSchema, RC_SCHEMA_FILE, 'mesh-inject configuration (.mesh-injectrc)');
}

export function functionConfigJsonSchema(): Record<string, unknown> {
  return withHeader(meshInjectSchema, FUNCTION_CONFIG_SCHEMA_FILE, 'mesh-inject KRM functionConfig (MeshInject)');
}

/** `io: 'input'`: keys with defaults are optional, as a user writes them. */
function withHeader(schema: z.ZodType, file: string, title: string): Record<string, unknown> {
  const { $schema, ...body } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' });
  return { $schema, $id: `${BASE_URL}${file}`, title, ...body };
}

/** The text committed in `schemas/`. */
export function schemaFileText(schema: Record<string, unknown>): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
