/**
 * The Go shapes of the Kubernetes types Istio's templates read (`SidecarTemplateData.ObjectMeta`,
 * `.Spec`): JSON key, Go type and `omitempty` (`?`), in Go declaration order (k8s.io/api v0.36).
 * The Go field name is derived from the JSON key (`goFieldName`). Types not listed here are read
 * generically: their present fields only, Go names derived the same way. (Types that share a
 * shape share an entry: `KeyProjection` is `ConfigMapProjection` and `SecretProjection`.)
 *
 * Type grammar: `string`, `bool`, `int` (any Go integer), `*T` pointer, `[]T` slice, `{}string`
 * (`map[string]string`), `{}any` (any other map), `any` (anything, read generically), `ns.Type` a
 * struct listed here.
 */

export const K8S_STRUCTS: Readonly<Record<string, string>> = {
  'v1.Pod': 'kind:string? apiVersion:string? metadata:v1.ObjectMeta? spec:v1.PodSpec? status:any?',
  'v1.TypeMeta': 'kind:string? apiVersion:string?',
  'v1.ObjectMeta':
    'name:string? generateName:string? namespace:string? selfLink:string? uid:string? resourceVersion:string? generation:int? ' +
    'creationTimestamp:*any? deletionTimestamp:*any? deletionGracePeriodSeconds:*int? labels:{}string? annotations:{}string? ' +
    'ownerReferences:[]v1.OwnerReference? finalizers:[]string? managedFields:[]any?',
  'v1.OwnerReference': 'apiVersion:string kind:string name:string uid:string controller:*bool? blockOwnerDeletion:*bool?',
  'v1.PodSpec':
    'volumes:[]v1.Volume? initContainers:[]v1.Container? containers:[]v1.Container ephemeralContainers:[]any? restartPolicy:string? ' +
    'terminationGracePeriodSeconds:*int? activeDeadlineSeconds:*int? dnsPolicy:string? nodeSelector:{}string? serviceAccountName:string? ' +
    'serviceAccount:string? automountServiceAccountToken:*bool? nodeName:string? hostNetwork:bool? hostPID:bool? hostIPC:bool? ' +
    'shareProcessNamespace:*bool? securityContext:*v1.PodSecurityContext? imagePullSecrets:[]v1.LocalObjectReference? hostname:string? ' +
    'subdomain:string? affinity:*any? schedulerName:string? tolerations:[]v1.Toleration? hostAliases:[]v1.HostAlias? priorityClassName:string? ' +
    'priority:*int? dnsConfig:*v1.PodDNSConfig? readinessGates:[]any? runtimeClassName:*string? enableServiceLinks:*bool? ' +
    'preemptionPolicy:*string? overhead:{}any? topologySpreadConstraints:[]any? setHostnameAsFQDN:*bool? os:*any? hostUsers:*bool? ' +
    'schedulingGates:[]any? resourceClaims:[]any? resources:*v1.ResourceRequirements? hostnameOverride:*string?',
  'v1.Container':
    'name:string image:string? command:[]string? args:[]string? workingDir:string? ports:[]v1.ContainerPort? envFrom:[]v1.EnvFromSource? ' +
    'env:[]v1.EnvVar? resources:v1.ResourceRequirements? resizePolicy:[]any? restartPolicy:*string? restartPolicyRules:[]any? ' +
    'volumeMounts:[]v1.VolumeMount? volumeDevices:[]any? livenessProbe:*v1.Probe? readinessProbe:*v1.Probe? startupProbe:*v1.Probe? ' +
    'lifecycle:*v1.Lifecycle? terminationMessagePath:string? terminationMessagePolicy:string? imagePullPolicy:string? ' +
    'securityContext:*v1.SecurityContext? stdin:bool? stdinOnce:bool? tty:bool?',
  'v1.ContainerPort': 'name:string? hostPort:int? containerPort:int protocol:string? hostIP:string?',
  'v1.EnvVar': 'name:string value:string? valueFrom:*v1.EnvVarSource?',
  'v1.EnvVarSource':
    'fieldRef:*v1.ObjectFieldSelector? resourceFieldRef:*v1.ResourceFieldSelector? configMapKeyRef:*v1.ConfigMapKeySelector? ' +
    'secretKeyRef:*v1.SecretKeySelector? fileKeyRef:*any?',
  'v1.ObjectFieldSelector': 'apiVersion:string? fieldPath:string',
  'v1.ResourceFieldSelector': 'containerName:string? resource:string divisor:any?',
  'v1.ConfigMapKeySelector': 'name:string? key:string optional:*bool?',
  'v1.SecretKeySelector': 'name:string? key:string optional:*bool?',
  'v1.EnvFromSource': 'prefix:string? configMapRef:*v1.LocalObjectReferenceOptional? secretRef:*v1.LocalObjectReferenceOptional?',
  'v1.LocalObjectReferenceOptional': 'name:string? optional:*bool?',
  'v1.VolumeMount': 'name:string readOnly:bool? recursiveReadOnly:*string? mountPath:string subPath:string? mountPropagation:*string? subPathExpr:string?',
  'v1.ResourceRequirements': 'limits:{}any? requests:{}any? claims:[]any?',
  'v1.LocalObjectReference': 'name:string?',
  'v1.Probe':
    'exec:*v1.ExecAction? httpGet:*v1.HTTPGetAction? tcpSocket:*v1.TCPSocketAction? grpc:*v1.GRPCAction? initialDelaySeconds:int? ' +
    'timeoutSeconds:int? periodSeconds:int? successThreshold:int? failureThreshold:int? terminationGracePeriodSeconds:*int?',
  'v1.ExecAction': 'command:[]string?',
  'v1.HTTPGetAction': 'path:string? port:any host:string? scheme:string? httpHeaders:[]v1.HTTPHeader?',
  'v1.HTTPHeader': 'name:string value:string',
  'v1.TCPSocketAction': 'port:any host:string?',
  'v1.GRPCAction': 'port:int service:*string',
  'v1.Lifecycle': 'postStart:*v1.LifecycleHandler? preStop:*v1.LifecycleHandler? stopSignal:*string?',
  'v1.LifecycleHandler': 'exec:*v1.ExecAction? httpGet:*v1.HTTPGetAction? tcpSocket:*v1.TCPSocketAction? sleep:*any?',
  'v1.SecurityContext':
    'capabilities:*v1.Capabilities? privileged:*bool? seLinuxOptions:*any? windowsOptions:*any? runAsUser:*int? runAsGroup:*int? ' +
    'runAsNonRoot:*bool? readOnlyRootFilesystem:*bool? allowPrivilegeEscalation:*bool? procMount:*string? seccompProfile:*v1.SeccompProfile? ' +
    'appArmorProfile:*v1.SeccompProfile?',
  'v1.Capabilities': 'add:[]string? drop:[]string?',
  'v1.SeccompProfile': 'type:string localhostProfile:*string?',
  'v1.PodSecurityContext':
    'seLinuxOptions:*any? windowsOptions:*any? runAsUser:*int? runAsGroup:*int? runAsNonRoot:*bool? supplementalGroups:[]int? ' +
    'supplementalGroupsPolicy:*string? fsGroup:*int? sysctls:[]v1.Sysctl? fsGroupChangePolicy:*string? seccompProfile:*v1.SeccompProfile? ' +
    'appArmorProfile:*v1.SeccompProfile? seLinuxChangePolicy:*string?',
  'v1.Sysctl': 'name:string value:string',
  'v1.Toleration': 'key:string? operator:string? value:string? effect:string? tolerationSeconds:*int?',
  'v1.HostAlias': 'ip:string hostnames:[]string?',
  'v1.PodDNSConfig': 'nameservers:[]string? searches:[]string? options:[]any?',
  'v1.Volume':
    'name:string hostPath:*v1.HostPathVolumeSource? emptyDir:*v1.EmptyDirVolumeSource? gcePersistentDisk:*any? awsElasticBlockStore:*any? ' +
    'gitRepo:*any? secret:*v1.SecretVolumeSource? nfs:*any? iscsi:*any? glusterfs:*any? persistentVolumeClaim:*v1.PersistentVolumeClaimVolumeSource? ' +
    'rbd:*any? flexVolume:*any? cinder:*any? cephfs:*any? flocker:*any? downwardAPI:*v1.DownwardAPIVolumeSource? fc:*any? azureFile:*any? ' +
    'configMap:*v1.ConfigMapVolumeSource? vsphereVolume:*any? quobyte:*any? azureDisk:*any? photonPersistentDisk:*any? ' +
    'projected:*v1.ProjectedVolumeSource? portworxVolume:*any? scaleIO:*any? storageos:*any? csi:*v1.CSIVolumeSource? ephemeral:*any? image:*any?',
  'v1.HostPathVolumeSource': 'path:string type:*string?',
  'v1.EmptyDirVolumeSource': 'medium:string? sizeLimit:*any?',
  'v1.SecretVolumeSource': 'secretName:string? items:[]v1.KeyToPath? defaultMode:*int? optional:*bool?',
  'v1.ConfigMapVolumeSource': 'name:string? items:[]v1.KeyToPath? defaultMode:*int? optional:*bool?',
  'v1.KeyToPath': 'key:string path:string mode:*int?',
  'v1.PersistentVolumeClaimVolumeSource': 'claimName:string readOnly:bool?',
  'v1.DownwardAPIVolumeSource': 'items:[]v1.DownwardAPIVolumeFile? defaultMode:*int?',
  'v1.DownwardAPIVolumeFile': 'path:string fieldRef:*v1.ObjectFieldSelector? resourceFieldRef:*v1.ResourceFieldSelector? mode:*int?',
  'v1.ProjectedVolumeSource': 'sources:[]v1.VolumeProjection defaultMode:*int?',
  'v1.VolumeProjection':
    'secret:*v1.KeyProjection? downwardAPI:*v1.DownwardAPIProjection? configMap:*v1.KeyProjection? ' +
    'serviceAccountToken:*v1.ServiceAccountTokenProjection? clusterTrustBundle:*v1.ClusterTrustBundleProjection? podCertificate:*any?',
  'v1.KeyProjection': 'name:string? items:[]v1.KeyToPath? optional:*bool?',
  'v1.DownwardAPIProjection': 'items:[]v1.DownwardAPIVolumeFile?',
  'v1.ServiceAccountTokenProjection': 'audience:string? expirationSeconds:*int? path:string',
  'v1.ClusterTrustBundleProjection': 'name:*string? signerName:*string? labelSelector:*any? optional:*bool? path:string',
  'v1.CSIVolumeSource': 'driver:string readOnly:*bool? fsType:*string? volumeAttributes:{}string? nodePublishSecretRef:*v1.LocalObjectReference?',
};

/** JSON keys whose Go field name is not just the key with its first letter upper-cased. */
const GO_NAME_EXCEPTIONS: Readonly<Record<string, string>> = {
  apiVersion: 'APIVersion',
  apiGroup: 'APIGroup',
  uid: 'UID',
  hostIP: 'HostIP',
  hostIPs: 'HostIPs',
  podIP: 'PodIP',
  podIPs: 'PodIPs',
  ip: 'IP',
  dnsPolicy: 'DNSPolicy',
  dnsConfig: 'DNSConfig',
  hostPID: 'HostPID',
  hostIPC: 'HostIPC',
  os: 'OS',
  setHostnameAsFQDN: 'SetHostnameAsFQDN',
  serviceAccount: 'DeprecatedServiceAccount',
  tty: 'TTY',
  fsGroup: 'FSGroup',
  fsGroupChangePolicy: 'FSGroupChangePolicy',
  seLinuxOptions: 'SELinuxOptions',
  seLinuxChangePolicy: 'SELinuxChangePolicy',
  httpGet: 'HTTPGet',
  httpHeaders: 'HTTPHeaders',
  tcpSocket: 'TCPSocket',
  grpc: 'GRPC',
  gcePersistentDisk: 'GCEPersistentDisk',
  awsElasticBlockStore: 'AWSElasticBlockStore',
  nfs: 'NFS',
  iscsi: 'ISCSI',
  rbd: 'RBD',
  fc: 'FC',
  csi: 'CSI',
  cephfs: 'CephFS',
  scaleIO: 'ScaleIO',
  storageos: 'StorageOS',
  targetWWNs: 'TargetWWNs',
  wwids: 'WWIDs',
};

/** The Go field name for a Kubernetes JSON key (`serviceAccountName` -> `ServiceAccountName`, `hostIP` -> `HostIP`). */
export function goFieldName(jsonKey: string): string {
  return GO_NAME_EXCEPTIONS[jsonKey] ?? jsonKey.charAt(0).toUpperCase() + jsonKey.slice(1);
}

export type FieldType =
  | { kind: 'string' | 'bool' | 'int' | 'any' | 'stringMap' | 'anyMap' }
  | { kind: 'ptr' | 'slice'; elem: FieldType }
  | { kind: 'struct'; name: string };

export interface StructField {
  json: string;
  go: string;
  type: FieldType;
  omitempty: boolean;
}

export function parseFieldType(text: string): FieldType {
  if (text.startsWith('*')) return { kind: 'ptr', elem: parseFieldType(text.slice(1)) };
  if (text.startsWith('[]')) return { kind: 'slice', elem: parseFieldType(text.slice(2)) };
  if (text === '{}string') return { kind: 'stringMap' };
  if (text.startsWith('{}')) return { kind: 'anyMap' };
  if (text === 'string' || text === 'bool' || text === 'int' || text === 'any') return { kind: text };
  if (!(text in K8S_STRUCTS)) throw new Error(`k8s-go-types: unknown type ${text}`);
  return { kind: 'struct', name: text };
}

const PARSED = new Map<string, StructField[]>();

/** The fields of a listed struct type, in Go order. */
export function structFieldsOf(typeName: string): StructField[] | undefined {
  const cached = PARSED.get(typeName);
  if (cached) return cached;
  const spec = K8S_STRUCTS[typeName];
  if (spec === undefined) return undefined;
  const fields = spec.split(' ').map((entry): StructField => {
    const colon = entry.indexOf(':');
    const json = entry.slice(0, colon);
    const omitempty = entry.endsWith('?');
    return { json, go: goFieldName(json), type: parseFieldType(entry.slice(colon + 1, omitempty ? -1 : undefined)), omitempty };
  });
  PARSED.set(typeName, fields);
  return fields;
}
