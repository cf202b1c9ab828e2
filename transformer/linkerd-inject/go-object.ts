/**
 * What `linkerd inject` writes for an object it changed: the object is decoded into its Go struct
 * (unknown fields dropped, quantities re-spelled), marshalled by the `clarketm/json` drop-in Linkerd
 * uses (`omitempty` also leaves out structs that hold their zero value: no `creationTimestamp: null`,
 * `resources: {}` or `status: {}`), and written by `sigs.k8s.io/yaml` (keys sorted).
 *
 * The Go table has no Namespace or Service structs: for those only `metadata` is decoded as Go's
 * ObjectMeta; the other fields keep their data (the struct round trip would only drop unknown keys).
 */
import { marshalYAML } from '../gotemplate/yaml-marshal.js';
import { isObject } from '../kube/objects.js';
import { decodeAndMarshal } from '../go/go-decode.js';
import { isZeroValue } from '../go/go-omit.js';
import { goStruct, parseGoType, type GoType } from '../go/go-schema.js';
import { GO_ROOTS } from '../go/go-types.generated.js';

type Obj = Record<string, unknown>;

/** Go struct roots by the lower-cased kind Linkerd matches (`pkg/k8s` kind names). */
const TYPED_ROOTS: Readonly<Record<string, string>> = {
  deployment: GO_ROOTS.Deployment!,
  replicationcontroller: GO_ROOTS.ReplicationController!,
  replicaset: GO_ROOTS.ReplicaSet!,
  job: GO_ROOTS.Job!,
  daemonset: GO_ROOTS.DaemonSet!,
  statefulset: GO_ROOTS.StatefulSet!,
  cronjob: GO_ROOTS.CronJob!,
  pod: GO_ROOTS.Pod!,
};

/** `yaml.Unmarshal(bytes, &typed)` then the filtered marshal: the Go form of an object, as JSON data. Throws GoDecodeError. */
export function goObject(value: unknown, kind: string): Obj {
  const root = TYPED_ROOTS[kind];
  if (root) return dropEmptyStructs(decodeAndMarshal(value, root, { fromYaml: true }), parseGoType(root)) as Obj;
  const source = isObject(value) ? value : {};
  const out: Obj = { ...source };
  if ('apiVersion' in out) out.apiVersion = decodeAndMarshal(out.apiVersion, 'string', { fromYaml: true });
  if ('kind' in out) out.kind = decodeAndMarshal(out.kind, 'string', { fromYaml: true });
  const metadata = dropEmptyStructs(decodeAndMarshal(source.metadata, 'meta.ObjectMeta', { fromYaml: true }), parseGoType('meta.ObjectMeta')) as Obj;
  if (Object.keys(metadata).length > 0) out.metadata = metadata;
  else delete out.metadata;
  return out;
}

/** The YAML text Linkerd writes for a Go-form object. */
export function goYaml(value: unknown): string {
  return marshalYAML(value);
}

export function hasTypedRoot(kind: string): boolean {
  return Object.hasOwn(TYPED_ROOTS, kind);
}

function dropEmptyStructs(value: unknown, type: GoType): unknown {
  switch (type.kind) {
    case 'ptr':
      return value === null || value === undefined ? value : dropEmptyStructs(value, type.elem);
    case 'slice':
      return Array.isArray(value) ? value.map((item) => dropEmptyStructs(item, type.elem)) : value;
    case 'map':
      return isObject(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, dropEmptyStructs(v, type.elem)])) : value;
    case 'struct': {
      if (!isObject(value)) return value;
      const out: Obj = {};
      for (const field of goStruct(type.name).fields) {
        if (!Object.hasOwn(value, field.json)) continue;
        const v = value[field.json];
        const structLike = field.type.kind === 'struct' || field.type.kind === 'Time';
        if (field.omitempty && structLike && isZeroValue(field.type, v)) continue;
        out[field.json] = dropEmptyStructs(v, field.type);
      }
      return out;
    }
    default:
      return value;
  }
}
