/**
 * The parts of Istio's protobuf messages (istio/api `mesh/v1alpha1/config.proto`, `proxy.proto`,
 * networking `ClientTLSSettings`) that template mode models: JSON field names and their kinds, so
 * `go-proto.ts` can give every field its Go name and zero value. Fields not listed are read
 * generically; message types named `generic` have no table.
 */
import { PROXY_CONFIG_FIELDS, type FieldKind } from '../istio/proxy-config-fields.js';

export type ProtoKind =
  | 'string'
  | 'int'
  | 'float'
  | 'bool'
  | 'duration'
  | 'bool-wrapper'
  | 'int-wrapper'
  | 'string-map'
  | 'string-list'
  | { enum: string; values: readonly string[] }
  | { message: string }
  | { messages: string };

interface MessageSchema {
  /** The Go type as `%T` prints it. */
  goType: string;
  fields: Readonly<Record<string, ProtoKind>>;
}

/** ProxyConfig fields whose message type is known here (the others are read generically). */
const PROXY_CONFIG_MESSAGES: Readonly<Record<string, string>> = { tracing: 'Tracing', image: 'ProxyImage' };

function proxyConfigKind(name: string, kind: FieldKind, enumValues: readonly string[] | undefined): ProtoKind {
  switch (kind) {
    case 'enum':
      return { enum: ENUM_TYPES[name] ?? 'int32', values: enumValues ?? [] };
    case 'message':
      return { message: PROXY_CONFIG_MESSAGES[name] ?? 'generic' };
    default:
      return kind;
  }
}

const ENUM_TYPES: Readonly<Record<string, string>> = {
  interceptionMode: 'v1alpha1.ProxyConfig_InboundInterceptionMode',
  controlPlaneAuthPolicy: 'v1alpha1.AuthenticationPolicy',
  tracingServiceName: 'v1alpha1.ProxyConfig_TracingServiceName',
};

export const SCHEMAS: Readonly<Record<string, MessageSchema>> = {
  ProxyConfig: {
    goType: '*v1alpha1.ProxyConfig',
    fields: Object.fromEntries(PROXY_CONFIG_FIELDS.map((f) => [f.name, proxyConfigKind(f.name, f.kind, f.enumValues)])),
  },
  Tracing: {
    goType: '*v1alpha1.Tracing',
    fields: {
      zipkin: { message: 'generic' },
      lightstep: { message: 'generic' },
      datadog: { message: 'generic' },
      stackdriver: { message: 'generic' },
      openCensusAgent: { message: 'generic' },
      customTags: { message: 'generic' },
      maxPathTagLength: 'int',
      sampling: 'float',
      tlsSettings: { message: 'ClientTLSSettings' },
      enableIstioTags: 'bool-wrapper',
    },
  },
  ClientTLSSettings: {
    goType: '*v1alpha3.ClientTLSSettings',
    fields: {
      mode: { enum: 'v1alpha3.ClientTLSSettings_TLSmode', values: ['DISABLE', 'SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL'] },
      clientCertificate: 'string',
      privateKey: 'string',
      caCertificates: 'string',
      credentialName: 'string',
      subjectAltNames: 'string-list',
      sni: 'string',
      insecureSkipVerify: 'bool-wrapper',
      caCrl: 'string',
    },
  },
  ProxyImage: { goType: '*v1beta1.ProxyImage', fields: { imageType: 'string' } },
  MeshConfig: {
    goType: '*v1alpha1.MeshConfig',
    fields: {
      proxyListenPort: 'int',
      proxyInboundListenPort: 'int',
      proxyHttpPort: 'int',
      connectTimeout: 'duration',
      hboneIdleTimeout: 'duration',
      protocolDetectionTimeout: 'duration',
      tcpKeepalive: { message: 'generic' },
      ingressClass: 'string',
      ingressService: 'string',
      ingressControllerMode: { enum: 'v1alpha1.MeshConfig_IngressControllerMode', values: ['UNSPECIFIED', 'OFF', 'DEFAULT', 'STRICT'] },
      ingressSelector: 'string',
      enableTracing: 'bool',
      accessLogFile: 'string',
      accessLogFormat: 'string',
      accessLogEncoding: { enum: 'v1alpha1.MeshConfig_AccessLogEncoding', values: ['TEXT', 'JSON'] },
      enableEnvoyAccessLogService: 'bool',
      disableEnvoyListenerLog: 'bool',
      defaultConfig: { message: 'ProxyConfig' },
      outboundTrafficPolicy: { message: 'OutboundTrafficPolicy' },
      inboundTrafficPolicy: { message: 'InboundTrafficPolicy' },
      configSources: { messages: 'generic' },
      enableAutoMtls: 'bool-wrapper',
      trustDomain: 'string',
      trustDomainAliases: 'string-list',
      caCertificates: { messages: 'generic' },
      defaultServiceExportTo: 'string-list',
      defaultVirtualServiceExportTo: 'string-list',
      defaultDestinationRuleExportTo: 'string-list',
      rootNamespace: 'string',
      localityLbSetting: { message: 'generic' },
      zoneAwareLbSetting: { message: 'generic' },
      dnsRefreshRate: 'duration',
      h2UpgradePolicy: { enum: 'v1alpha1.MeshConfig_H2UpgradePolicy', values: ['DO_NOT_UPGRADE', 'UPGRADE'] },
      inboundClusterStatName: 'string',
      outboundClusterStatName: 'string',
      certificates: { messages: 'generic' },
      serviceSettings: { messages: 'generic' },
      serviceScopeConfigs: { messages: 'generic' },
      enablePrometheusMerge: 'bool-wrapper',
      verifyCertificateAtClient: 'bool-wrapper',
      ca: { message: 'generic' },
      extensionProviders: { messages: 'ExtensionProvider' },
      defaultProviders: { message: 'generic' },
      discoverySelectors: { messages: 'generic' },
      pathNormalization: { message: 'generic' },
      defaultHttpRetryPolicy: { message: 'generic' },
      tlsDefaults: { message: 'generic' },
      defaultTrafficPolicy: { message: 'generic' },
      serviceEntryVisibility: { message: 'generic' },
    },
  },
  InboundTrafficPolicy: {
    goType: '*v1alpha1.MeshConfig_InboundTrafficPolicy',
    fields: { mode: { enum: 'v1alpha1.MeshConfig_InboundTrafficPolicy_Mode', values: ['PASSTHROUGH', 'LOCALHOST'] } },
  },
  OutboundTrafficPolicy: {
    goType: '*v1alpha1.MeshConfig_OutboundTrafficPolicy',
    fields: {
      mode: { enum: 'v1alpha1.MeshConfig_OutboundTrafficPolicy_Mode', values: ['REGISTRY_ONLY', 'ALLOW_ANY', '', 'ALLOW_ANY_DYNAMIC_DNS'] },
      tls: { message: 'ClientTLSSettings' },
    },
  },
  ExtensionProvider: { goType: '*v1alpha1.MeshConfig_ExtensionProvider', fields: { name: 'string' } },
};
