/**
 * Writes the JSON Schemas generated from config/'s zod schemas to schemas/.
 * Run `npm run schemas` after changing config/schema.ts; test/config/schema.test.ts fails until you do.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  FUNCTION_CONFIG_SCHEMA_FILE,
  RC_SCHEMA_FILE,
  functionConfigJsonSchema,
  rcJsonSchema,
  schemaFileText,
} from '../config/json-schema.js';

const outDir = new URL('../schemas/', import.meta.url);
for (const [file, schema] of [
  [RC_SCHEMA_FILE, rcJsonSchema()],
  [FUNCTION_CONFIG_SCHEMA_FILE, functionConfigJsonSchema()],
] as const) {
  const target = fileURLToPath(new URL(file, outDir));
  writeFileSync(target, schemaFileText(schema));
  console.log(`wrote ${target}`);
}
