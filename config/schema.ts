/**
 * The zod schema of the *written* `.mesh-injectrc` (what a user may type). Objects are strict,
 * so typos and foreign keys such as cosmiconfig's `$import` are errors. Defaults come from
 * `defaults.ts`; `normalize.ts` turns the parsed value into the core's `InjectConfig`.
 * Every key has a description: it feeds the JSON Schema (editor hover help) and the docs.
 */
import * as z from 'zod';
import { DEFAULT_CONFIG } from './defaults.js';
import { expects } from './expects.js';
import { istioSchema } from './istio-schema.js';
import { linkerdSchema } from './linkerd-schema.js';
import { sidecarSchema, workloadSchema } from './sidecar-schema.js';
import { dnsLabel, globList, kubernetesVersion } from './value-schemas.js';

const D = DEFAULT_CONFIG;

export const rcSchema = z
  .strictObject({
    $schema: expects('a string', z.string()).optional().describe('URL or path of this JSON Schema, for editors; ignored by mesh-inject.'),
    mesh: expects('istio, linkerd or none', z.enum(['istio', 'linkerd', 'none']))
      .default(D.mesh)
      .describe('Mesh preset to inject; none injects only the custom sidecars.'),
    kubernetesVersion: kubernetesVersion
      .default(D.kubernetesVersion)
      .describe('Oldest kubelet version of the target clusters, "MAJOR.MINOR" (quoted); decides native sidecars under "auto".'),
    defaultNamespace: dnsLabel('default')
      .default(D.defaultNamespace)
      .describe('Namespace assumed for objects without metadata.namespace.'),
    istio: istioSchema,
    linkerd: linkerdSchema,
    namespaces: z
      .strictObject({
        inject: globList('"*"')
          .default(() => [...D.namespaces.inject])
          .describe('Globs of namespaces whose workloads are injected.'),
        skip: globList('kube-*')
          .default(() => [...D.namespaces.skip])
          .describe('Globs of namespaces never injected; wins over inject.'),
      })
      .prefault({})
      .describe('Which namespaces are injected.'),
    sidecars: z.array(sidecarSchema).default(() => []).describe('Custom sidecars, injected with or without a mesh.'),
    workloads: z
      .array(workloadSchema)
      .default(() => [])
      .describe('Extra kinds with a pod template (e.g. Argo Rollouts); checked before the built-in kinds.'),
    files: z
      .strictObject({
        include: globList('"**/*.yaml"')
          .default(() => [...D.files.include])
          .describe('Globs of files to process, relative to the directory mesh-inject runs on.'),
        exclude: globList('"charts/**"')
          .default(() => [...D.files.exclude])
          .describe('Globs of files to leave alone; wins over include.'),
      })
      .prefault({})
      .describe('Which files the CLI and hooks read.'),
  })
  .describe('mesh-inject configuration (.mesh-injectrc).');

/** The rc file after zod filled the defaults, before normalization. */
export type RcParsed = z.output<typeof rcSchema>;
