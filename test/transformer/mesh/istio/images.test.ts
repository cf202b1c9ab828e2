import { describe, expect, it } from 'vitest';
import { proxyImage, proxyInitImage, tagWithType } from '../../../../transformer/mesh/istio/images.js';
import { defaultIstioConfig } from '../../../helpers/default-config.js';
import { container, inject, podOf } from './fixtures.js';

const istio = defaultIstioConfig({ hub: 'docker.io/istio', tag: '1.32.0' });

describe('proxy image URL', () => {
  it.each([
    ['no type keeps the tag', '1.32.0', '', '1.32.0'],
    ['a type is appended', '1.32.0', 'distroless', '1.32.0-distroless'],
    ['a known type suffix is replaced', '1.32.0-distroless', 'debug', '1.32.0-debug'],
    ['default removes a known suffix', '1.32.0-debug', 'default', '1.32.0'],
    ['an unknown suffix is kept', '1.32.0-asm.1', 'distroless', '1.32.0-asm.1-distroless'],
  ])('%s', (_, tag, type, expected) => {
    expect(tagWithType(tag, type)).toBe(expected);
  });

  it('builds <hub>/proxyv2:<tag>', () => {
    expect(proxyImage(istio, {}, {})).toBe('docker.io/istio/proxyv2:1.32.0');
    expect(proxyInitImage(istio, {})).toBe('docker.io/istio/proxyv2:1.32.0');
  });

  it('uses sidecar.istio.io/proxyImage verbatim for proxy and init when it contains "/"', () => {
    const annotations = { 'sidecar.istio.io/proxyImage': 'my.registry/team/proxy:v9' };
    expect(proxyImage(istio, {}, annotations)).toBe('my.registry/team/proxy:v9');
    expect(proxyInitImage(istio, annotations)).toBe('my.registry/team/proxy:v9');
  });

  it('ignores sidecar.istio.io/proxyImage without "/"', () => {
    expect(proxyImage(istio, {}, { 'sidecar.istio.io/proxyImage': 'proxy' })).toBe('docker.io/istio/proxyv2:1.32.0');
  });

  it('takes the ProxyConfig image type for the proxy only', () => {
    const pc = { image: { imageType: 'distroless' } };
    expect(proxyImage(istio, pc, {})).toBe('docker.io/istio/proxyv2:1.32.0-distroless');
    expect(proxyInitImage(istio, {})).toBe('docker.io/istio/proxyv2:1.32.0');
  });

  it('lets sidecar.istio.io/proxyImageType win, even when empty', () => {
    const pc = { image: { imageType: 'distroless' } };
    expect(proxyImage(istio, pc, { 'sidecar.istio.io/proxyImageType': 'debug' })).toBe('docker.io/istio/proxyv2:1.32.0-debug');
    expect(proxyImage(istio, pc, { 'sidecar.istio.io/proxyImageType': '' })).toBe('docker.io/istio/proxyv2:1.32.0');
    expect(proxyInitImage(istio, { 'sidecar.istio.io/proxyImageType': 'debug' })).toBe('docker.io/istio/proxyv2:1.32.0-debug');
  });

  it('reads the image type from proxy.istio.io/config in the rendered pod', () => {
    const pod = inject(podOf({ annotations: { 'proxy.istio.io/config': 'image: {imageType: distroless}' } }));
    expect(container(pod, 'istio-proxy').image).toBe('registry.istio.io/testing/proxyv2:latest-distroless');
    expect(container(pod, 'istio-init').image).toBe('registry.istio.io/testing/proxyv2:latest');
  });

  it('applies imagePullPolicy to both containers', () => {
    const pod = inject(podOf(), { istio: { imagePullPolicy: 'Always' } });
    expect(container(pod, 'istio-proxy').imagePullPolicy).toBe('Always');
    expect(container(pod, 'istio-init').imagePullPolicy).toBe('Always');
  });
});
