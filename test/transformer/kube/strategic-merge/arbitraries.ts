/**
 * Generators of pod-shaped documents and patches: few distinct names so that patches hit the
 * original's items often, nested keyed lists (env, volumeMounts), replaced lists (args,
 * tolerations), sets (finalizers) and plain maps (labels, nodeSelector).
 */
import fc from 'fast-check';

type Obj = Record<string, any>;

const word = fc.constantFrom('x', 'y', 'z', '1', '');
const name = fc.constantFrom('a', 'b', 'c', 'd', 'e');
const finalizer = fc.constantFrom('f1', 'f2', 'f3', 'f4');
const labelKey = fc.constantFrom('app', 'tier', 'version', 'istio.io/rev');

/** `nulls`: fields may be `null` (a deletion in a patch). `unique`: keyed lists and sets hold each key once. */
interface Shape {
  nulls: boolean;
  unique: boolean;
  finalizers: boolean;
}

function maybeNull<T>(arb: fc.Arbitrary<T>, shape: Shape): fc.Arbitrary<T | null> {
  return shape.nulls ? fc.option(arb, { nil: null, freq: 5 }) : arb;
}

function keyed<T extends Obj>(item: fc.Arbitrary<T>, key: string, shape: Shape, maxLength: number): fc.Arbitrary<T[]> {
  return shape.unique ? fc.uniqueArray(item, { selector: (i) => i[key], maxLength }) : fc.array(item, { maxLength });
}

function container(shape: Shape): fc.Arbitrary<Obj> {
  const env = fc.record({ name: fc.constantFrom('A', 'B', 'C', 'D'), value: maybeNull(word, shape) }, { requiredKeys: ['name'] });
  const mount = fc.record({ mountPath: fc.constantFrom('/a', '/b', '/c'), name, readOnly: maybeNull(fc.boolean(), shape) }, { requiredKeys: ['mountPath'] });
  const securityContext = fc.record(
    { runAsUser: maybeNull(fc.integer({ min: 0, max: 3 }), shape), privileged: maybeNull(fc.boolean(), shape) },
    { requiredKeys: [] },
  );
  return fc.record(
    {
      name,
      image: maybeNull(word, shape),
      args: maybeNull(fc.array(word, { maxLength: 3 }), shape),
      env: maybeNull(keyed(env, 'name', shape, 3), shape),
      volumeMounts: maybeNull(keyed(mount, 'mountPath', shape, 3), shape),
      securityContext: maybeNull(securityContext, shape),
    },
    { requiredKeys: ['name'] },
  );
}

function volume(shape: Shape): fc.Arbitrary<Obj> {
  return fc.record(
    {
      name,
      emptyDir: maybeNull(fc.record({ medium: fc.constantFrom('Memory', '') }, { requiredKeys: [] }), shape),
      configMap: maybeNull(fc.record({ name: word }), shape),
    },
    { requiredKeys: ['name'] },
  );
}

function doc(shape: Shape): fc.Arbitrary<Obj> {
  const toleration = fc.record({ key: word, operator: fc.constantFrom('Exists', 'Equal') });
  const spec = fc.record(
    {
      containers: maybeNull(keyed(container(shape), 'name', shape, 4), shape),
      initContainers: maybeNull(keyed(container(shape), 'name', shape, 2), shape),
      volumes: maybeNull(keyed(volume(shape), 'name', shape, 3), shape),
      tolerations: maybeNull(fc.array(toleration, { maxLength: 2 }), shape),
      hostname: maybeNull(word, shape),
      nodeSelector: maybeNull(fc.dictionary(fc.constantFrom('k1', 'k2', 'k3'), maybeNull(word, shape)), shape),
    },
    { requiredKeys: [] },
  );
  const metadataFields: Record<string, fc.Arbitrary<unknown>> = {
    labels: maybeNull(fc.dictionary(labelKey, maybeNull(word, shape)), shape),
    annotations: maybeNull(fc.dictionary(labelKey, maybeNull(word, shape)), shape),
  };
  if (shape.finalizers) {
    const list = shape.unique ? fc.uniqueArray(finalizer, { maxLength: 3 }) : fc.array(finalizer, { maxLength: 3 });
    metadataFields.finalizers = maybeNull(list, shape);
  }
  const metadata = fc.record(metadataFields, { requiredKeys: [] });
  return fc.record({ metadata, spec }, { requiredKeys: [] });
}

/** A valid pod: unique keys, no nulls. */
export const originalPod = doc({ nulls: false, unique: true, finalizers: true });
/** A patch without directives: nulls delete, keys may repeat within a list. */
export const plainPatch = doc({ nulls: true, unique: false, finalizers: true });
/**
 * A patch whose keyed lists and sets name each key once. A key repeated within one patch list is not
 * idempotent in apimachinery either: the repeats are kept verbatim when the list is new and merged
 * into one item when it exists.
 */
export const uniquePatch = doc({ nulls: true, unique: true, finalizers: true });
/** For comparing with the narrower merge of the Istio preset, which knows no sets and no nulls in new values. */
export const originalPodWithoutSets = doc({ nulls: false, unique: true, finalizers: false });
export const uniquePatchWithoutNulls = doc({ nulls: false, unique: true, finalizers: false });
export const containerItem = container({ nulls: false, unique: true, finalizers: false });
export const labels = fc.dictionary(labelKey, word);
export const finalizers = fc.array(finalizer, { maxLength: 4 });

/**
 * A patch with directives used as kubectl and Istio templates use them: `$retainKeys` naming
 * every field the patch sets, `$setElementOrder` consistent with the patch list, `$patch: replace`
 * on maps and lists, and (unless `destructive` is false) `$patch: delete` items and
 * `$deleteFromPrimitiveList`.
 */
export function directivePatch(destructive: boolean, base: fc.Arbitrary<Obj> = plainPatch): fc.Arbitrary<Obj> {
  return fc
    .record({
      base,
      retainSpec: fc.boolean(),
      extraRetained: fc.subarray(['containers', 'volumes', 'hostname', 'tolerations', 'nodeSelector', 'initContainers']),
      orderExtra: fc.uniqueArray(name, { maxLength: 3 }),
      orderContainers: fc.boolean(),
      replaceLabels: fc.boolean(),
      replaceVolumes: fc.boolean(),
      deleteContainers: destructive ? fc.uniqueArray(name as fc.Arbitrary<string>, { maxLength: 2 }) : fc.constant<string[]>([]),
      deleteFinalizers: destructive ? fc.array(finalizer as fc.Arbitrary<string>, { maxLength: 2 }) : fc.constant<string[]>([]),
      deleteSecurityContext: destructive ? fc.boolean() : fc.constant(false),
    })
    .map((d) => {
      const patch = structuredClone(d.base) as { metadata?: Obj; spec?: Obj };
      const spec: Obj = patch.spec ?? {};
      const metadata: Obj = patch.metadata ?? {};
      if (d.replaceLabels) metadata.labels = { $patch: 'replace', ...(isRecord(metadata.labels) ? metadata.labels : {}) };
      if (d.replaceVolumes) spec.volumes = [...(Array.isArray(spec.volumes) ? spec.volumes : []), { $patch: 'replace' }];
      if (d.deleteFinalizers.length > 0) metadata['$deleteFromPrimitiveList/finalizers'] = d.deleteFinalizers;
      let containers = Array.isArray(spec.containers) ? (spec.containers as Obj[]) : [];
      // with $setElementOrder each patch item appears once, in the directive's order
      if (d.orderContainers && Array.isArray(spec.containers)) {
        spec.containers = containers = containers.filter((c, i) => containers.findIndex((o) => o.name === c.name) === i);
      }
      if (d.deleteSecurityContext && containers[0]) containers[0].securityContext = { $patch: 'delete' };
      if (d.deleteContainers.length > 0) spec.containers = [...containers, ...d.deleteContainers.map((n) => ({ name: n, $patch: 'delete' }))];
      // apimachinery rejects $setElementOrder next to a null list
      if (d.orderContainers && spec.containers !== null) {
        const named = [...new Set(containers.map((c) => c.name as string))];
        const order = [...named, ...d.orderExtra.filter((n) => !named.includes(n))];
        spec['$setElementOrder/containers'] = order.map((n) => ({ name: n }));
      }
      if (d.retainSpec) {
        const set = Object.entries(spec).filter(([k, v]) => v !== null && !k.startsWith('$')).map(([k]) => k);
        spec.$retainKeys = [...new Set([...set, ...d.extraRetained])];
      }
      return { metadata, spec };
    });
}

function isRecord(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
