/** The `istio:` section of the rc file: the knobs of Istio's injection template (`values.global.*` and mesh config). */
import * as z from 'zod';
import { DEFAULT_CONFIG } from './defaults.js';
import { expects } from './expects.js';
import { dnsLabel, dnsSubdomain, nonEmptyString, quantity } from './value-schemas.js';

const D = DEFAULT_CONFIG.istio;
const LOG_LEVELS = ['trace', 'debug', 'info', 'warning', 'warn', 'error', 'critical', 'off'] as const;

const resourceList = expects(
  'a mapping of resource names to quantities such as {cpu: 100m, memory: 128Mi}, or null to drop them all',
  z.record(z.string(), quantity).nullable(),
);

const proxyResources = z
  .strictObject({
    requests: resourceList.optional().describe('Requests of istio-proxy and istio-init/istio-validation.'),
    limits: resourceList.optional().describe('Limits of istio-proxy and istio-init/istio-validation.'),
  })
  .optional()
  .meta({
    description:
      'global.proxy.resources. Merged over the default key by key, like Helm values: set a resource (or requests/limits) to null to drop it.',
    default: structuredClone(D.proxyResources),
  });

const relativeFile = (what: string) =>
  expects('a file path relative to this config file, such as istio/injector.yaml', z.string().min(1))
    .optional()
    .describe(`${what} Relative to the config file; when set, templates from the cluster replace the built-in preset. No default.`);

const bool = (value: boolean) => expects('true or false', z.boolean()).default(value);

export const istioSchema = z
  .strictObject({
    hub: nonEmptyString('docker.io/istio').default(D.hub).describe('Registry of the proxy images (global.hub).'),
    tag: nonEmptyString('"1.32.0"').default(D.tag).describe('Tag of the proxy images (global.tag); quote it so YAML keeps it a string.'),
    revision: expects('"" (the default revision) or a DNS label such as canary', z.union([z.literal(''), dnsLabel('canary')]))
      .default(D.revision)
      .describe('Control-plane revision (istio.io/rev); "" is the default revision.'),
    nativeSidecars: expects('true, false or "auto"', z.union([z.boolean(), z.literal('auto')]))
      .default(D.nativeSidecars)
      .describe(
        'Inject istio-proxy as a native sidecar (an init container with restartPolicy: Always). ' +
          '"auto" decides from kubernetesVersion (1.33 or later).',
      ),
    cni: bool(D.cni).describe('Istio CNI is installed: inject istio-validation instead of the privileged istio-init.'),
    holdApplicationUntilProxyStarts: bool(D.holdApplicationUntilProxyStarts).describe(
      'Start application containers only once the proxy is ready.',
    ),
    istioNamespace: dnsLabel('istio-system').default(D.istioNamespace).describe('Namespace of istiod (global.istioNamespace).'),
    clusterDomain: dnsSubdomain('cluster.local').default(D.clusterDomain).describe('DNS domain of the cluster (global.proxy.clusterDomain).'),
    trustDomain: nonEmptyString('cluster.local').default(D.trustDomain).describe('Mesh trust domain (meshConfig.trustDomain).'),
    meshId: expects('a string', z.string()).default(D.meshId).describe('Mesh ID (global.meshID); "" means the trust domain.'),
    clusterName: expects('a string', z.string())
      .default(D.clusterName)
      .describe('Cluster name (global.multiCluster.clusterName, ISTIO_META_CLUSTER_ID); "" means Kubernetes, as in Istio\'s default install.'),
    network: expects('a string', z.string()).default(D.network).describe('Network name (global.network); "" for a single network.'),
    imagePullPolicy: expects('"", Always, IfNotPresent or Never', z.enum(['', 'Always', 'IfNotPresent', 'Never']))
      .default(D.imagePullPolicy)
      .describe('Pull policy of the proxy images (global.imagePullPolicy); "" leaves it to Kubernetes.'),
    imagePullSecrets: expects('a list of Secret names such as [registry-cred]', z.array(dnsSubdomain('registry-cred')))
      .default(() => [...D.imagePullSecrets])
      .describe('Secrets added to imagePullSecrets of injected pods (global.imagePullSecrets).'),
    proxyResources,
    logLevel: expects('trace, debug, info, warning, warn, error, critical or off', z.enum(LOG_LEVELS))
      .default(D.logLevel as (typeof LOG_LEVELS)[number])
      .describe('Envoy log level (global.proxy.logLevel).'),
    componentLogLevel: nonEmptyString('misc:error')
      .default(D.componentLogLevel)
      .describe('Envoy per-component log levels, "component:level,..." (global.proxy.componentLogLevel).'),
    agentLogLevel: nonEmptyString('default:info')
      .default(D.agentLogLevel)
      .describe('pilot-agent and istio-iptables log levels, "scope:level,..." (global.logging.level).'),
    rewriteAppHTTPProbe: bool(D.rewriteAppHTTPProbe).describe(
      'Rewrite HTTP/TCP/gRPC probes to go through the agent (sidecarInjectorWebhook.rewriteAppHTTPProbe).',
    ),
    enablePrometheusMerge: bool(D.enablePrometheusMerge).describe(
      'Merge application and proxy metrics on the agent port (meshConfig.enablePrometheusMerge).',
    ),
    injector: relativeFile("The cluster's istio-sidecar-injector ConfigMap (or its data.config) as YAML."),
    meshConfig: relativeFile("The cluster's mesh config (the istio ConfigMap or its data.mesh) as YAML."),
    values: relativeFile("The injector's values (the istio-sidecar-injector ConfigMap's data.values) as JSON or YAML."),
  })
  .prefault({})
  .describe('Settings of the Istio preset (used when mesh is istio).');
