/**
 * What runs before the proxy: `linkerd-init` (iptables rules, without CNI) or, with the Linkerd
 * CNI plugin, `linkerd-network-validator` (checks the plugin set the rules up).
 */
import type { Container, SecurityContext } from '../../kube/objects.js';
import { INIT_CONTAINER, VALIDATOR_CONTAINER } from './names.js';
import { imageOf, mountOf, pullPolicyOf } from './proxy-container.js';
import { ProxyTemplateError } from './proxy-env.js';
import { resourcesOf } from './resources.js';
import { goNumber, sortedDeep, truthy } from './render-values.js';
import type { LinkerdValues } from './values.js';

export function proxyInitContainer(values: LinkerdValues): Container {
  const init = values.proxyInit;
  const proxy = values.proxy;
  const args: string[] = [];
  const mode = init.iptablesMode || 'legacy';
  if (mode === 'nft') args.push('--firewall-bin-path', 'iptables-nft', '--firewall-save-bin-path', 'iptables-nft-save');
  else if (mode !== 'legacy') throw new ProxyTemplateError(`Unsupported value "${init.iptablesMode}" for proxyInit.iptablesMode\nValid values: ["nft", "legacy"]`);
  if (values.disableIPv6) args.push('--ipv6=false');
  args.push('--incoming-proxy-port', goNumber(proxy.ports.inbound), '--outgoing-proxy-port', goNumber(proxy.ports.outbound), '--proxy-uid', goNumber(proxy.uid));
  if (Math.trunc(proxy.gid) >= 0) args.push('--proxy-gid', goNumber(proxy.gid));
  const ignoreInbound = String(init.ignoreInboundPorts ?? '');
  args.push('--inbound-ports-to-ignore', `${goNumber(proxy.ports.control)},${goNumber(proxy.ports.admin)}${ignoreInbound ? `,${ignoreInbound}` : ''}`);
  if (init.ignoreOutboundPorts) args.push('--outbound-ports-to-ignore', String(init.ignoreOutboundPorts));
  if (truthy(init.closeWaitTimeoutSecs)) {
    if (!init.runAsRoot) throw new ProxyTemplateError('proxyInit.runAsRoot must be set to use proxyInit.closeWaitTimeoutSecs');
    args.push('--timeout-close-wait-secs', goNumber(init.closeWaitTimeoutSecs));
  }
  if (init.logFormat) args.push('--log-format', init.logFormat);
  if (init.logLevel) args.push('--log-level', init.logLevel);
  if (init.skipSubnets) args.push('--subnets-to-ignore', init.skipSubnets);

  const privileged = truthy(init.closeWaitTimeoutSecs) || init.privileged;
  const add = ['NET_ADMIN', 'NET_RAW', ...(init.capabilities?.add ?? [])];
  const drop = init.capabilities?.drop ?? [];
  const securityContext: SecurityContext = {
    allowPrivilegeEscalation: privileged,
    capabilities: { add, ...(drop.length ? { drop: [...drop] } : {}) },
    privileged,
    ...(init.runAsRoot
      ? { runAsGroup: 0, runAsNonRoot: false, runAsUser: 0 }
      : { runAsNonRoot: true, runAsUser: init.runAsUser === 0 ? 65534 : init.runAsUser, runAsGroup: init.runAsGroup === 0 ? 65534 : init.runAsGroup }),
    readOnlyRootFilesystem: true,
    seccompProfile: { type: 'RuntimeDefault' },
  };
  const container: Container = {
    args,
    command: ['/usr/lib/linkerd/linkerd2-proxy-init'],
    image: imageOf(proxy.image, values.linkerdVersion),
    imagePullPolicy: pullPolicyOf(proxy.image, values),
    name: INIT_CONTAINER,
    securityContext,
    terminationMessagePolicy: 'FallbackToLogsOnError',
    volumeMounts: [
      { mountPath: init.xtMountPath.mountPath, name: init.xtMountPath.name },
      ...(init.saMountPath ? [mountOf(init.saMountPath)] : []),
    ],
  };
  const resources = resourcesOf(proxy.resources);
  if (resources) container.resources = resources;
  return sortedDeep(container);
}

export function networkValidatorContainer(values: LinkerdValues): Container {
  const validator = values.networkValidator;
  const container: Container = {
    args: [
      '--log-format', validator.logFormat,
      '--log-level', validator.logLevel,
      '--connect-addr', validator.connectAddr || (values.disableIPv6 ? '1.1.1.1:20001' : '[fd00::1]:20001'),
      '--listen-addr', validator.listenAddr || (values.disableIPv6 ? '0.0.0.0:4140' : '[::]:4140'),
      '--timeout', validator.timeout,
    ],
    command: ['/usr/lib/linkerd/linkerd2-network-validator'],
    image: imageOf(values.proxy.image, values.linkerdVersion),
    imagePullPolicy: pullPolicyOf(values.proxy.image, values),
    name: VALIDATOR_CONTAINER,
  };
  const resources = resourcesOf(values.proxy.resources);
  if (resources) container.resources = resources;
  if (validator.enableSecurityContext !== false) {
    container.securityContext = truthy(validator.securityContext)
      ? (validator.securityContext as SecurityContext)
      : {
          allowPrivilegeEscalation: false,
          capabilities: { drop: ['ALL'] },
          readOnlyRootFilesystem: true,
          runAsGroup: 65534,
          runAsNonRoot: true,
          runAsUser: 65534,
          seccompProfile: { type: 'RuntimeDefault' },
        };
  }
  return sortedDeep(container);
}
