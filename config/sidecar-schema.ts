/**
 * `sidecars:` (custom containers injected next to, or instead of, the mesh proxy) and
 * `workloads:` (extra kinds that carry a pod template). Containers and volumes are
 * Kubernetes objects: only the fields mesh-inject relies on are checked, the rest pass through.
 */
import * as z from 'zod';
import { expects } from './expects.js';
import { dnsLabel, globList, nonEmptyString, stringMap } from './value-schemas.js';

const container = expects(
  'a Kubernetes container with at least name and image',
  z.looseObject({
    name: dnsLabel('fluent-bit').describe('Container name; unique in the pod.'),
    image: nonEmptyString('fluent/fluent-bit:3.2').describe('Container image.'),
  }),
).describe('A Kubernetes container (core/v1 Container); fields other than name and image are passed through.');

const volume = expects(
  'a Kubernetes volume with at least a name',
  z.looseObject({ name: dnsLabel('varlog').describe('Volume name; unique in the pod.') }),
).describe('A Kubernetes volume (core/v1 Volume); fields other than name are passed through.');

const selector = z
  .strictObject({
    matchLabels: stringMap('app: web').optional().describe('Inject only into pods whose template has all these labels.'),
    kinds: expects('a list of kinds such as [Deployment, StatefulSet]', z.array(z.string().min(1)))
      .optional()
      .describe('Inject only into these workload kinds.'),
    namespaces: globList('team-*').optional().describe('Inject only into namespaces matching one of these globs.'),
  })
  .prefault({})
  .describe('Which workloads get this sidecar; all conditions must hold. Empty selects every injected workload.');

export const sidecarSchema = z
  .strictObject({
    name: dnsLabel('log-shipper').describe('Name of this sidecar entry, used in results and the undo record.'),
    selector,
    containers: z.array(container).default(() => []).describe('Containers to add to the pod.'),
    initContainers: z.array(container).default(() => []).describe('Init containers to add to the pod.'),
    volumes: z.array(volume).default(() => []).describe('Volumes to add to the pod.'),
    annotations: stringMap('prometheus.io/scrape: "true"').default(() => ({})).describe('Annotations to add to the pod template.'),
    labels: stringMap('logging: enabled').default(() => ({})).describe('Labels to add to the pod template.'),
    native: expects('true or false', z.boolean())
      .default(false)
      .describe('Inject containers as native sidecars (init containers with restartPolicy: Always; Kubernetes 1.29+).'),
    retired: expects('true or false', z.boolean())
      .default(false)
      .describe('Inject nothing, but let `inject` remove what an earlier injection of this sidecar added; keep the entry until every manifest has been re-injected, then delete it.'),
  })
  .describe('A custom sidecar.');

export const workloadSchema = z
  .strictObject({
    apiVersion: expects(
      'group/version such as argoproj.io/v1alpha1, or group/* for any version',
      z.string().regex(/^(v\d+((alpha|beta)\d+)?|[a-z0-9]([-a-z0-9.]*[a-z0-9])?\/(v\d+((alpha|beta)\d+)?|\*))$/),
    ).describe('apiVersion of the kind, or group/* for any version of the group.'),
    kind: expects('a Kubernetes kind such as Rollout', z.string().regex(/^[A-Z][A-Za-z0-9]*$/)).describe('Kind of the object.'),
    podTemplate: expects(
      'a dotted path such as spec.template, or "" when the object is itself a pod',
      z.string().regex(/^$|^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/),
    )
      .default('spec.template')
      .describe('Dotted path from the object root to its pod template.'),
  })
  .describe('A custom resource kind that carries a pod template.');
