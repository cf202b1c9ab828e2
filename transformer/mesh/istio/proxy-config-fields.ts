/**
 * The fields of Istio's `ProxyConfig` message (istio/api `mesh/v1alpha1/proxy.proto`) in
 * declaration order, which is the order legacy jsonpb writes them in `PROXY_CONFIG`.
 * `kind` drives parsing, "is it set" (proto3 presence) and output.
 */

export type FieldKind =
  | 'string'
  | 'int'
  | 'bool'
  | 'duration'
  | 'enum'
  | 'message'
  | 'int-wrapper'
  | 'bool-wrapper'
  | 'string-map'
  | 'string-list';

export interface ProxyConfigField {
  name: string;
  kind: FieldKind;
  /** Enum value names by number, for `enum` fields. */
  enumValues?: readonly string[];
}

export const INTERCEPTION_MODES = ['REDIRECT', 'TPROXY', 'NONE'] as const;
const AUTH_POLICIES = ['NONE', 'MUTUAL_TLS'] as const;
const TRACING_SERVICE_NAMES = ['APP_LABEL_AND_NAMESPACE', 'CANONICAL_NAME_ONLY', 'CANONICAL_NAME_AND_NAMESPACE'] as const;

export const PROXY_CONFIG_FIELDS: readonly ProxyConfigField[] = [
  { name: 'configPath', kind: 'string' },
  { name: 'binaryPath', kind: 'string' },
  { name: 'serviceCluster', kind: 'string' },
  { name: 'tracingServiceName', kind: 'enum', enumValues: TRACING_SERVICE_NAMES },
  { name: 'drainDuration', kind: 'duration' },
  { name: 'discoveryAddress', kind: 'string' },
  { name: 'discoveryRefreshDelay', kind: 'duration' },
  { name: 'zipkinAddress', kind: 'string' },
  { name: 'statsdUdpAddress', kind: 'string' },
  { name: 'envoyMetricsServiceAddress', kind: 'string' },
  { name: 'proxyAdminPort', kind: 'int' },
  { name: 'availabilityZone', kind: 'string' },
  { name: 'controlPlaneAuthPolicy', kind: 'enum', enumValues: AUTH_POLICIES },
  { name: 'customConfigFile', kind: 'string' },
  { name: 'statNameLength', kind: 'int' },
  { name: 'concurrency', kind: 'int-wrapper' },
  { name: 'proxyBootstrapTemplatePath', kind: 'string' },
  { name: 'interceptionMode', kind: 'enum', enumValues: INTERCEPTION_MODES },
  { name: 'tracing', kind: 'message' },
  { name: 'sds', kind: 'message' },
  { name: 'envoyAccessLogService', kind: 'message' },
  { name: 'envoyMetricsService', kind: 'message' },
  { name: 'proxyMetadata', kind: 'string-map' },
  { name: 'runtimeValues', kind: 'string-map' },
  { name: 'statusPort', kind: 'int' },
  { name: 'extraStatTags', kind: 'string-list' },
  { name: 'gatewayTopology', kind: 'message' },
  { name: 'terminationDrainDuration', kind: 'duration' },
  { name: 'meshId', kind: 'string' },
  { name: 'readinessProbe', kind: 'message' },
  { name: 'proxyStatsMatcher', kind: 'message' },
  { name: 'holdApplicationUntilProxyStarts', kind: 'bool-wrapper' },
  { name: 'caCertificatesPem', kind: 'string-list' },
  { name: 'image', kind: 'message' },
  { name: 'privateKeyProvider', kind: 'message' },
  { name: 'proxyHeaders', kind: 'message' },
  { name: 'fileFlushInterval', kind: 'duration' },
  { name: 'fileFlushMinSizeKb', kind: 'int' },
  { name: 'statsCompression', kind: 'bool-wrapper' },
  { name: 'connectionSettings', kind: 'message' },
];

const BY_NAME = new Map(PROXY_CONFIG_FIELDS.map((f) => [f.name, f]));

/** jsonpb accepts both the JSON name and the proto name (`drain_duration`). */
export function lookupField(key: string): ProxyConfigField | undefined {
  return BY_NAME.get(key) ?? BY_NAME.get(key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()));
}
