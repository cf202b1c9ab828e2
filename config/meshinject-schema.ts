/** The KRM functionConfig object `mesh-inject.dev/v1alpha1` `MeshInject`, for its JSON Schema. */
import * as z from 'zod';
import { MESH_INJECT_API_VERSION, MESH_INJECT_KIND } from './function-config.js';
import { rcSchema } from './schema.js';

export const meshInjectSchema = z
  .strictObject({
    apiVersion: z.literal(MESH_INJECT_API_VERSION).describe('Always mesh-inject.dev/v1alpha1.'),
    kind: z.literal(MESH_INJECT_KIND).describe('Always MeshInject.'),
    metadata: z
      .looseObject({
        name: z.string().optional().describe('Object name; kustomize requires one for transformers.'),
        annotations: z
          .record(z.string(), z.string())
          .optional()
          .describe('Annotations, e.g. config.kubernetes.io/function naming the container image or exec path; ignored by mesh-inject.'),
      })
      .optional()
      .describe('Kubernetes object metadata; ignored by mesh-inject.'),
    spec: rcSchema.optional().describe('The same settings as a .mesh-injectrc file.'),
  })
  .describe('mesh-inject KRM function configuration (kustomize transformers:, kpt --fn-config or Kptfile configPath).');
