import { describe, expect, it } from 'vitest';
import { proxyConfigJson } from '../../../../transformer/mesh/istio/proxy-config-json.js';
import { durationNanos, formatDuration } from '../../../../transformer/mesh/istio/durations.js';
import {
  meshProxyConfig,
  mergeProxyConfig,
  parseProxyConfigAnnotation,
  type ProxyConfig,
} from '../../../../transformer/mesh/istio/proxy-config.js';
import { defaultIstioConfig } from '../../../helpers/default-config.js';

function effective(annotation: string, mesh: ProxyConfig = meshProxyConfig(defaultIstioConfig())): ProxyConfig {
  const parsed = parseProxyConfigAnnotation(annotation);
  if (!parsed.ok) throw new Error(parsed.error);
  return mergeProxyConfig(mesh, parsed.overlay);
}

describe('PROXY_CONFIG', () => {
  it('is {} for the mesh defaults', () => {
    expect(proxyConfigJson(meshProxyConfig(defaultIstioConfig()))).toBe('{}');
  });

  it('carries a non-default discovery address for a revision or another istio namespace', () => {
    expect(proxyConfigJson(meshProxyConfig(defaultIstioConfig({ revision: 'canary' })))).toBe('{"discoveryAddress":"istiod-canary.istio-system.svc:15012"}');
    expect(proxyConfigJson(meshProxyConfig(defaultIstioConfig({ istioNamespace: 'mesh' })))).toBe('{"discoveryAddress":"istiod.mesh.svc:15012"}');
  });

  it('carries meshId when configured', () => {
    expect(proxyConfigJson(meshProxyConfig(defaultIstioConfig({ meshId: 'm1' })))).toBe('{"meshId":"m1"}');
  });

  it('writes fields in proto declaration order with sorted proxyMetadata', () => {
    const pc = effective('proxyMetadata: {Z: "1", A: "2"}\nconcurrency: 0\ndiscoveryAddress: foo:123');
    expect(proxyConfigJson(pc)).toBe('{"discoveryAddress":"foo:123","concurrency":0,"proxyMetadata":{"A":"2","Z":"1"}}');
  });

  it('keeps wrappers holding zero values and empty messages', () => {
    expect(proxyConfigJson(effective('{ "holdApplicationUntilProxyStarts": false }'))).toBe('{"holdApplicationUntilProxyStarts":false}');
    expect(proxyConfigJson(effective('tracing: {}'))).toBe('{"tracing":{}}');
  });

  it('strips values equal to Istio defaults and enum zero values', () => {
    expect(proxyConfigJson(effective('drainDuration: 45s\nstatusPort: 15020\ninterceptionMode: REDIRECT'))).toBe('{}');
    expect(proxyConfigJson(effective('interceptionMode: TPROXY'))).toBe('{"interceptionMode":"TPROXY"}');
  });

  it('normalizes durations like protobuf JSON', () => {
    expect(proxyConfigJson(effective('drainDuration: 23.000s'))).toBe('{"drainDuration":"23s"}');
    expect(formatDuration(durationNanos('1.5s')!)).toBe('1.500s');
  });

  it('accepts proto field names and ignores unknown fields', () => {
    expect(proxyConfigJson(effective('drain_duration: 10s\nnotAField: 1'))).toBe('{"drainDuration":"10s"}');
  });

  it('merges proxyMetadata key by key over the mesh default', () => {
    const mesh = { ...meshProxyConfig(defaultIstioConfig()), proxyMetadata: { A: 'mesh', B: 'mesh' } };
    expect(effective('proxyMetadata: {B: pod}', mesh).proxyMetadata).toEqual({ A: 'mesh', B: 'pod' });
  });

  it('leaves a field alone when the annotation sets its zero value', () => {
    const mesh = { ...meshProxyConfig(defaultIstioConfig()), interceptionMode: 'TPROXY' };
    expect(effective('interceptionMode: REDIRECT', mesh).interceptionMode).toBe('TPROXY');
  });

  it.each([
    ['not YAML', '{ holdApplicationUntilProxyStarts: '],
    ['a list', '- a'],
    ['a wrong type', 'holdApplicationUntilProxyStarts: "yes please"'],
    ['a non-string metadata value', 'proxyMetadata: {A: 1}'],
    ['a bad duration', 'drainDuration: 1m'],
    ['an unknown enum value', 'interceptionMode: MAGIC'],
  ])('rejects %s', (_, text) => {
    expect(parseProxyConfigAnnotation(text).ok).toBe(false);
  });
});
