/** The `linkerd-proxy` container's environment, in the order Linkerd's proxy template writes it. */
import type { EnvVar } from '../../kube/objects.js';
import { envField, envValue, goNumber, truthy } from './render-values.js';
import { snakeCase } from './snake-case.js';
import type { LinkerdProxyParams, LinkerdValues } from './values.js';
import { PROXY_CONTAINER } from './names.js';

export class ProxyTemplateError extends Error {}

/** The trust domain identities are named in (`identityTrustDomain`, else the cluster domain). */
function trustDomainOf(values: LinkerdValues): string {
  return values.identityTrustDomain || values.clusterDomain;
}

export function proxyEnv(values: LinkerdValues, tracingLabels: Readonly<Record<string, string>>): EnvVar[] {
  const proxy = values.proxy;
  const ns = values.linkerdNamespace;
  const domain = values.clusterDomain;
  const trustDomain = trustDomainOf(values);
  const anyAddr = values.disableIPv6 ? '0.0.0.0' : '[::]';
  const serviceIdentity = (name: string) => `${name}.${ns}.serviceaccount.identity.${ns}.${trustDomain}`;
  const env: EnvVar[] = [
    envField('_pod_name', 'metadata.name'),
    envField('_pod_ns', 'metadata.namespace'),
    envField('_pod_uid', 'metadata.uid'),
    envField('_pod_ip', 'status.podIP'),
    envField('_pod_nodeName', 'spec.nodeName'),
    envValue('_pod_containerName', PROXY_CONTAINER),
    ...coresEnv(values),
  ];
  if (proxy.requireIdentityOnInboundPorts) env.push(envValue('LINKERD2_PROXY_INBOUND_PORTS_REQUIRE_IDENTITY', proxy.requireIdentityOnInboundPorts));
  if (!['insecure', 'off', ''].includes(proxy.logHTTPHeaders)) throw new ProxyTemplateError('logHTTPHeaders must be one of: insecure | off');
  env.push(
    envValue('LINKERD2_PROXY_SHUTDOWN_ENDPOINT_ENABLED', String(proxy.enableShutdownEndpoint)),
    envValue('LINKERD2_PROXY_LOG', proxy.logLevel + (proxy.logHTTPHeaders === 'insecure' ? '' : ',[{headers}]=off,[{request}]=off')),
    envValue('LINKERD2_PROXY_LOG_FORMAT', proxy.logFormat),
    envValue('LINKERD2_PROXY_DESTINATION_SVC_ADDR', proxy.component === 'linkerd-destination' ? 'localhost.:8086' : `linkerd-dst-headless.${ns}.svc.${domain}.:8086`),
    envValue('LINKERD2_PROXY_DESTINATION_PROFILE_NETWORKS', values.clusterNetworks),
    envValue('LINKERD2_PROXY_POLICY_SVC_ADDR', proxy.component === 'linkerd-destination' ? 'localhost.:8090' : `linkerd-policy.${ns}.svc.${domain}.:8090`),
    envValue('LINKERD2_PROXY_POLICY_WORKLOAD', '{"ns":"$(_pod_ns)", "pod":"$(_pod_name)"}\n'),
    envValue('LINKERD2_PROXY_INBOUND_DEFAULT_POLICY', proxy.defaultInboundPolicy),
    envValue('LINKERD2_PROXY_POLICY_CLUSTER_NETWORKS', values.clusterNetworks),
    envValue('LINKERD2_PROXY_CONTROL_STREAM_INITIAL_TIMEOUT', proxy.control?.streams?.initialTimeout ?? ''),
    envValue('LINKERD2_PROXY_CONTROL_STREAM_IDLE_TIMEOUT', proxy.control?.streams?.idleTimeout ?? ''),
    envValue('LINKERD2_PROXY_CONTROL_STREAM_LIFETIME', proxy.control?.streams?.lifetime ?? ''),
  );
  if (proxy.inboundConnectTimeout) env.push(envValue('LINKERD2_PROXY_INBOUND_CONNECT_TIMEOUT', proxy.inboundConnectTimeout));
  if (proxy.outboundConnectTimeout) env.push(envValue('LINKERD2_PROXY_OUTBOUND_CONNECT_TIMEOUT', proxy.outboundConnectTimeout));
  if (proxy.outboundDiscoveryCacheUnusedTimeout) env.push(envValue('LINKERD2_PROXY_OUTBOUND_DISCOVERY_IDLE_TIMEOUT', proxy.outboundDiscoveryCacheUnusedTimeout));
  if (proxy.inboundDiscoveryCacheUnusedTimeout) env.push(envValue('LINKERD2_PROXY_INBOUND_DISCOVERY_IDLE_TIMEOUT', proxy.inboundDiscoveryCacheUnusedTimeout));
  if (proxy.disableOutboundProtocolDetectTimeout) env.push(envValue('LINKERD2_PROXY_OUTBOUND_DETECT_TIMEOUT', '365d'));
  if (proxy.disableInboundProtocolDetectTimeout) env.push(envValue('LINKERD2_PROXY_INBOUND_DETECT_TIMEOUT', '365d'));
  const { admin, control, inbound, outbound } = proxy.ports;
  env.push(
    envValue('LINKERD2_PROXY_CONTROL_LISTEN_ADDR', `${anyAddr}:${goNumber(control)}`),
    envValue('LINKERD2_PROXY_ADMIN_LISTEN_ADDR', `${anyAddr}:${goNumber(admin)}`),
    envValue('LINKERD2_PROXY_OUTBOUND_LISTEN_ADDR', `127.0.0.1:${goNumber(outbound)}`),
    envValue('LINKERD2_PROXY_OUTBOUND_LISTEN_ADDRS', `127.0.0.1:${goNumber(outbound)}${values.disableIPv6 ? '' : `,[::1]:${goNumber(outbound)}`}`),
    envValue('LINKERD2_PROXY_INBOUND_LISTEN_ADDR', `${anyAddr}:${goNumber(inbound)}`),
    envField('LINKERD2_PROXY_INBOUND_IPS', 'status.podIPs'),
    envValue('LINKERD2_PROXY_INBOUND_PORTS', proxy.podInboundPorts ?? ''),
  );
  if (proxy.isGateway) env.push(envValue('LINKERD2_PROXY_INBOUND_GATEWAY_SUFFIXES', `svc.${domain}.`));
  if (proxy.isIngress) env.push(envValue('LINKERD2_PROXY_INGRESS_MODE', 'true'));
  env.push(
    envValue('LINKERD2_PROXY_DESTINATION_PROFILE_SUFFIXES', proxy.enableExternalProfiles ? '.' : `svc.${domain}.`),
    envValue('LINKERD2_PROXY_INBOUND_ACCEPT_KEEPALIVE', '10000ms'),
    envValue('LINKERD2_PROXY_OUTBOUND_CONNECT_KEEPALIVE', '10000ms'),
    envValue('LINKERD2_PROXY_INBOUND_ACCEPT_USER_TIMEOUT', '30s'),
    envValue('LINKERD2_PROXY_OUTBOUND_CONNECT_USER_TIMEOUT', '30s'),
    envValue('LINKERD2_PROXY_OUTBOUND_METRICS_HOSTNAME_LABELS', String(proxy.metrics?.hostnameLabels ?? false)),
  );
  if (proxy.tracing?.enabled) env.push(...tracingEnv(values, tracingLabels));
  env.push(...paramsEnv('inbound', proxy.inbound), ...paramsEnv('outbound', proxy.outbound));
  if (proxy.opaquePorts) env.push(envValue('LINKERD2_PROXY_INBOUND_PORTS_DISABLE_PROTOCOL_DETECTION', proxy.opaquePorts));
  env.push(
    envValue('LINKERD2_PROXY_DESTINATION_CONTEXT', '{"ns":"$(_pod_ns)", "nodeName":"$(_pod_nodeName)", "pod":"$(_pod_name)"}\n'),
    envField('_pod_sa', 'spec.serviceAccountName'),
    envValue('_l5d_ns', ns),
    envValue('_l5d_trustdomain', trustDomain),
    envValue('LINKERD2_PROXY_IDENTITY_DIR', '/var/run/linkerd/identity/end-entity'),
    trustAnchorsEnv(values),
    envValue('LINKERD2_PROXY_IDENTITY_TOKEN_FILE', values.identity.serviceAccountTokenProjection ? '/var/run/secrets/tokens/linkerd-identity-token' : '/var/run/secrets/kubernetes.io/serviceaccount/token'),
    envValue('LINKERD2_PROXY_IDENTITY_SVC_ADDR', proxy.component === 'linkerd-identity' ? 'localhost.:8080' : `linkerd-identity-headless.${ns}.svc.${domain}.:8080`),
    envValue('LINKERD2_PROXY_IDENTITY_LOCAL_NAME', `$(_pod_sa).$(_pod_ns).serviceaccount.identity.${ns}.${trustDomain}`),
    envValue('LINKERD2_PROXY_IDENTITY_SVC_NAME', serviceIdentity('linkerd-identity')),
    envValue('LINKERD2_PROXY_DESTINATION_SVC_NAME', serviceIdentity('linkerd-destination')),
    envValue('LINKERD2_PROXY_POLICY_SVC_NAME', serviceIdentity('linkerd-destination')),
  );
  if (proxy.accessLog) env.push(envValue('LINKERD2_PROXY_ACCESS_LOG', proxy.accessLog));
  if (proxy.shutdownGracePeriod) env.push(envValue('LINKERD2_PROXY_SHUTDOWN_GRACE_PERIOD', proxy.shutdownGracePeriod));
  env.push(...(proxy.additionalEnv ?? []), ...(proxy.experimentalEnv ?? []));
  return env;
}

/** Worker threads: the deprecated fixed `proxy.cores`, else `runtime.workers` (min defaults to 1). */
function coresEnv(values: LinkerdValues): EnvVar[] {
  const proxy = values.proxy;
  if (truthy(proxy.cores)) {
    const cores = goNumber(proxy.cores!);
    return [envValue('LINKERD2_PROXY_CORES', cores), envValue('LINKERD2_PROXY_CORES_MIN', cores)];
  }
  const workers = proxy.runtime?.workers;
  // Go drops the zero fields of workers; with none left the template has no workers at all.
  if (!workers || (!truthy(workers.minimum) && !truthy(workers.maximum) && !truthy(workers.maximumCPURatio))) return [];
  const minimum = goNumber(truthy(workers.minimum) ? workers.minimum! : 1);
  const env = [envValue('LINKERD2_PROXY_CORES', minimum), envValue('LINKERD2_PROXY_CORES_MIN', minimum)];
  if (truthy(workers.maximum)) env.push(envValue('LINKERD2_PROXY_CORES_MAX', goNumber(workers.maximum!)));
  if (truthy(workers.maximumCPURatio)) env.push(envValue('LINKERD2_PROXY_CORES_MAX_RATIO', goNumber(workers.maximumCPURatio!)));
  return env;
}

function trustAnchorsEnv(values: LinkerdValues): EnvVar {
  if (values.proxy.loadTrustBundleFromConfigMap) {
    return { name: 'LINKERD2_PROXY_IDENTITY_TRUST_ANCHORS', valueFrom: { configMapKeyRef: { name: 'linkerd-identity-trust-roots', key: 'ca-bundle.crt' } } };
  }
  const pem = values.identityTrustAnchorsPEM.trim();
  if (pem === '') throw new ProxyTemplateError('Please provide the identity trust anchors');
  return envValue('LINKERD2_PROXY_IDENTITY_TRUST_ANCHORS', `${pem}\n`);
}

function tracingEnv(values: LinkerdValues, labels: Readonly<Record<string, string>>): EnvVar[] {
  const tracing = values.proxy.tracing;
  const collector = tracing.collector;
  if (!collector?.endpoint) throw new ProxyTemplateError('proxy.tracing.collector.endpoint must be set if proxy tracing is enabled');
  if (!collector.meshIdentity?.serviceAccountName) throw new ProxyTemplateError('proxy.tracing.collector.meshIdentity.serviceAccountName must be set if proxy tracing is enabled');
  if (!collector.meshIdentity.namespace) throw new ProxyTemplateError('proxy.tracing.collector.meshIdentity.namespace must be set if proxy tracing is enabled');
  const ns = values.linkerdNamespace;
  const extra = Object.keys(labels).sort().map((key) => `${key}=${labels[key]}`).join('\n');
  return [
    envValue('LINKERD2_PROXY_TRACE_ATTRIBUTES_PATH', '/var/run/linkerd/podinfo/labels'),
    envValue('LINKERD2_PROXY_TRACE_ANNOTATIONS_PATH', '/var/run/linkerd/podinfo/annotations'),
    envValue('LINKERD2_PROXY_TRACE_PROTOCOL', tracing.protocol || 'opentelemetry'),
    envValue('LINKERD2_PROXY_TRACE_SERVICE_NAME', tracing.traceServiceName),
    envValue('LINKERD2_PROXY_TRACE_COLLECTOR_SVC_ADDR', collector.endpoint),
    envValue('LINKERD2_PROXY_TRACE_COLLECTOR_SVC_NAME', `${collector.meshIdentity.serviceAccountName}.${collector.meshIdentity.namespace}.serviceaccount.identity.${ns}.${trustDomainOf(values)}`),
    envValue('LINKERD2_PROXY_TRACE_EXTRA_ATTRIBUTES', extra === '' ? '' : `${extra}\n`),
  ];
}

/** `LINKERD2_PROXY_<DIRECTION>_<SCOPE>_<PROTO>_<PARAM>`, keys in sorted order at each level. */
function paramsEnv(direction: string, params: LinkerdProxyParams | undefined): EnvVar[] {
  const env: EnvVar[] = [];
  const upper = (key: string) => snakeCase(key).toUpperCase();
  for (const scope of Object.keys(params ?? {}).sort()) {
    const protos = params![scope] ?? {};
    for (const proto of Object.keys(protos).sort()) {
      const entries = protos[proto] ?? {};
      for (const param of Object.keys(entries).sort()) {
        env.push(envValue(`LINKERD2_PROXY_${upper(direction)}_${upper(scope)}_${upper(proto)}_${upper(param)}`, printed(entries[param])));
      }
    }
  }
  return env;
}

/** A value as `quote` prints it. */
function printed(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return goNumber(value);
  return String(value);
}
