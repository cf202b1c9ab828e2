import { describe, expect, it } from 'vitest';
import { applyAnnotationOverrides } from '../../../../transformer/mesh/linkerd/overrides.js';
import { values } from './fixtures.js';

const apply = (annotations: Record<string, string>, named: [string, number][] = []) => {
  const v = values();
  const warnings = applyAnnotationOverrides(v, annotations, { namedPorts: new Map(named) });
  return { v, codes: warnings.map((w) => w.code), fields: warnings.map((w) => w.field?.path) };
};

describe('applyAnnotationOverrides', () => {
  it('takes every config annotation Linkerd reads, converted as Linkerd converts it', () => {
    const { v, codes } = apply({
      'config.linkerd.io/proxy-image': 'my/proxy',
      'config.linkerd.io/image-pull-policy': 'Always',
      'config.linkerd.io/control-port': '4000',
      'config.linkerd.io/inbound-port': '5000',
      'config.linkerd.io/admin-port': '5001',
      'config.linkerd.io/outbound-port': '5002',
      'config.linkerd.io/proxy-uid': '8500',
      'config.linkerd.io/proxy-log-format': 'json',
      'config.linkerd.io/proxy-require-identity-inbound-ports': '8888',
      'config.linkerd.io/proxy-outbound-connect-timeout': '6s',
      'config.linkerd.io/proxy-inbound-connect-timeout': '600ms',
      'config.linkerd.io/proxy-outbound-discovery-cache-unused-timeout': '50000ms',
      'config.linkerd.io/proxy-inbound-discovery-cache-unused-timeout': '1m',
      'config.linkerd.io/proxy-disable-outbound-protocol-detect-timeout': 'true',
      'config.linkerd.io/shutdown-grace-period': '30s',
      'config.linkerd.io/proxy-admin-shutdown': 'enabled',
      'config.linkerd.io/proxy-metrics-hostname-labels': 'true',
      'config.linkerd.io/enable-external-profiles': 'true',
      'config.linkerd.io/default-inbound-policy': 'deny',
      'config.linkerd.io/enable-gateway': 'true',
      'config.linkerd.io/debug-image': 'my/debug',
      'config.linkerd.io/debug-image-version': 'v2',
      'config.linkerd.io/debug-image-pull-policy': 'Never',
      'config.linkerd.io/proxy-cpu-request': '2500m',
    });
    expect(codes).toEqual([]);
    expect(v.proxy.image).toEqual({ name: 'my/proxy', pullPolicy: 'Always', version: '' });
    expect(v.proxy.ports).toEqual({ control: 4000, inbound: 5000, admin: 5001, outbound: 5002 });
    expect(v.proxy.uid).toBe(8500);
    expect(v.proxy.logFormat).toBe('json');
    expect(v.proxy.requireIdentityOnInboundPorts).toBe('8888');
    expect([v.proxy.outboundConnectTimeout, v.proxy.inboundConnectTimeout]).toEqual(['6000ms', '600ms']);
    expect([v.proxy.outboundDiscoveryCacheUnusedTimeout, v.proxy.inboundDiscoveryCacheUnusedTimeout]).toEqual(['50s', '60s']);
    expect(v.proxy.disableOutboundProtocolDetectTimeout).toBe(true);
    expect(v.proxy.shutdownGracePeriod).toBe('30000ms');
    expect(v.proxy.enableShutdownEndpoint).toBe(true);
    expect(v.proxy.metrics.hostnameLabels).toBe(true);
    expect(v.proxy.enableExternalProfiles).toBe(true);
    expect(v.proxy.defaultInboundPolicy).toBe('deny');
    expect(v.proxy.isGateway).toBe(true);
    expect(v.debugContainer.image).toEqual({ name: 'my/debug', pullPolicy: 'Never', version: 'v2' });
    expect(v.proxy.resources.cpu.request).toBe('2500m');
    expect(v.proxy.runtime.workers.minimum).toBe(3);
  });

  it('ignores what Linkerd cannot parse, with one warning naming the annotation', () => {
    const cases: Record<string, string> = {
      'config.linkerd.io/admin-port': 'http',
      'config.linkerd.io/proxy-uid': '1.5',
      'config.linkerd.io/proxy-await': 'yes',
      'config.linkerd.io/proxy-admin-shutdown': 'true',
      'config.linkerd.io/default-inbound-policy': 'open',
      'config.linkerd.io/proxy-outbound-connect-timeout': '10',
      'config.linkerd.io/proxy-memory-limit': 'lots',
      'config.linkerd.io/proxy-enable-native-sidecar': 'maybe',
      'config.alpha.linkerd.io/proxy-wait-before-exit-seconds': '-1',
      'config.linkerd.io/proxy-disable-inbound-protocol-detect-timeout': 'on',
    };
    for (const [name, value] of Object.entries(cases)) {
      const before = values();
      const { v, codes, fields } = apply({ [name]: value });
      expect(codes, name).toEqual(['unknown-annotation-value']);
      expect(fields, name).toEqual([`metadata.annotations.${name}`]);
      expect(v, name).toEqual(before);
    }
  });

  it('opaque ports: ranges re-spelled, named ports resolved, bad items dropped with a warning', () => {
    const { v, codes } = apply({ 'config.linkerd.io/opaque-ports': '3000, 5000-6000,db,7-3,' }, [['db', 5432]]);
    expect(v.proxy.opaquePorts).toBe('3000,5000-6000,5432');
    expect(codes).toEqual(['unknown-annotation-value']);
  });

  it('durations convert as Go does: compound units, milliseconds truncated from float seconds', () => {
    const { v } = apply({ 'config.linkerd.io/proxy-outbound-connect-timeout': '6s5ms', 'config.linkerd.io/proxy-inbound-connect-timeout': '1.0019s', 'config.linkerd.io/proxy-inbound-discovery-cache-unused-timeout': '6s5000ms' });
    expect([v.proxy.outboundConnectTimeout, v.proxy.inboundConnectTimeout, v.proxy.inboundDiscoveryCacheUnusedTimeout]).toEqual(['6005ms', '1001ms', '11s']);
  });

  it('skip ports and subnets are taken verbatim', () => {
    const { v } = apply({ 'config.linkerd.io/skip-inbound-ports': '22,8100-8102', 'config.linkerd.io/skip-outbound-ports': '5432', 'config.linkerd.io/skip-subnets': '10.0.0.0/8' });
    expect([v.proxyInit.ignoreInboundPorts, v.proxyInit.ignoreOutboundPorts, v.proxyInit.skipSubnets]).toEqual(['22,8100-8102', '5432', '10.0.0.0/8']);
  });
});
