import { describe, expect, it } from 'vitest';
import { prometheusMerge } from '../../../../transformer/mesh/istio/prometheus-merge.js';
import { parseScrapeTargets } from '../../../../transformer/mesh/istio/scrape-config.js';
import { container, envValue, inject, podOf, render } from './fixtures.js';

const MERGED = { 'prometheus.io/port': '15020', 'prometheus.io/path': '/stats/prometheus', 'prometheus.io/scrape': 'true' };

describe('Prometheus metrics merge', () => {
  it('points scraping at the agent even without user annotations', () => {
    const pod = inject(podOf());
    expect(pod.metadata.annotations).toMatchObject(MERGED);
    expect(envValue(container(pod, 'istio-proxy'), 'ISTIO_PROMETHEUS_ANNOTATIONS')).toBeUndefined();
  });

  it('saves the app annotations in ISTIO_PROMETHEUS_ANNOTATIONS', () => {
    const pod = inject(podOf({ annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9100', 'prometheus.io/path': '/m' } }));
    expect(pod.metadata.annotations).toMatchObject(MERGED);
    expect(envValue(container(pod, 'istio-proxy'), 'ISTIO_PROMETHEUS_ANNOTATIONS')).toBe('{"scrape":"true","path":"/m","port":"9100"}');
  });

  it('clears other spellings of the same annotations', () => {
    const pod = inject(podOf({ annotations: { 'prometheus.io.port': '9100', 'prometheus-io/path': '/x' } }));
    expect(pod.metadata.annotations).not.toHaveProperty('prometheus.io.port');
    expect(pod.metadata.annotations).not.toHaveProperty('prometheus-io/path');
    expect(envValue(container(pod, 'istio-proxy'), 'ISTIO_PROMETHEUS_ANNOTATIONS')).toBe('{"scrape":"","path":"/x","port":"9100"}');
  });

  it('uses the first scrape target as legacy port/path and keeps all targets', () => {
    const pod = inject(podOf({ annotations: { 'prometheus.istio.io/scrape-targets': '8080:/metrics, 9100' } }));
    expect(envValue(container(pod, 'istio-proxy'), 'ISTIO_PROMETHEUS_ANNOTATIONS')).toBe(
      '{"scrape":"","path":"/metrics","port":"8080","targets":[{"port":"8080","path":"/metrics"},{"port":"9100","path":"/metrics"}]}',
    );
    expect(pod.metadata.annotations).not.toHaveProperty('prometheus.istio.io/scrape-targets');
  });

  it.each([
    ['prometheus.io/scrape: false', { 'prometheus.io/scrape': 'false' }, true],
    ['the prometheus.io.scrape spelling', { 'prometheus.io.scrape': 'false' }, true],
    ['merge-metrics false', { 'prometheus.istio.io/merge-metrics': 'false' }, true],
    ['the config turned off', {}, false],
    ['a port already at the agent', { 'prometheus.io/port': '15020' }, true],
  ])('is skipped for %s', (_, annotations, configSetting) => {
    expect(prometheusMerge(annotations, configSetting, 15020)).toEqual({ kind: 'unchanged' });
  });

  it('can be turned on per pod when the config is off', () => {
    expect(prometheusMerge({ 'prometheus.istio.io/merge-metrics': 'true' }, false, 15020).kind).toBe('merged');
  });

  it.each([
    ['a non-numeric port', { 'prometheus.io/port': 'http' }],
    ['a port out of range', { 'prometheus.io/port': '70000' }],
    ['an Istio-reserved port', { 'prometheus.io/port': '15090' }],
    ['a reserved scrape target', { 'prometheus.istio.io/scrape-targets': '8080,15000' }],
  ])('refuses %s with invalid-annotation', (_, annotations) => {
    const out = render(podOf({ annotations }));
    expect(out.pod).toBeNull();
    expect(out.results).toMatchObject([{ severity: 'error', code: 'invalid-annotation' }]);
  });

  it('parses scrape targets, defaulting the path', () => {
    expect(parseScrapeTargets(' 8080:/a ,, 9100 ')).toEqual([{ port: '8080', path: '/a' }, { port: '9100', path: '/metrics' }]);
    expect(typeof parseScrapeTargets(':/x')).toBe('string');
  });
});

describe('secure merged metrics port', () => {
  it('announces ENVOY_SECURE_MERGED_METRICS_PORT from proxyMetadata', () => {
    const pod = inject(podOf({ annotations: { 'proxy.istio.io/config': 'proxyMetadata: {ENVOY_SECURE_MERGED_METRICS_PORT: "15091"}' } }));
    expect(pod.metadata.annotations!['prometheus.istio.io/secure-port']).toBe('15091');
  });

  it('keeps a port the user set', () => {
    const pod = inject(podOf({
      annotations: {
        'prometheus.istio.io/secure-port': '9999',
        'proxy.istio.io/config': 'proxyMetadata: {ENVOY_SECURE_MERGED_METRICS_PORT: "15091"}',
      },
    }));
    expect(pod.metadata.annotations!['prometheus.istio.io/secure-port']).toBe('9999');
  });
});
