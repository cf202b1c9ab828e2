/**
 * The embedded defaults with the hub/tag Istio's own golden tests use, for tests that need a
 * complete `InjectConfig` without going through config files.
 */
import { defaultConfig } from '../../config/defaults.js';
import type { InjectConfig, IstioConfig } from '../../transformer/inject-config.js';

export interface ConfigOverrides extends Partial<Omit<InjectConfig, 'istio'>> {
  istio?: Partial<IstioConfig>;
}

export function defaultIstioConfig(overrides: Partial<IstioConfig> = {}): IstioConfig {
  return { ...defaultConfig().istio, hub: 'registry.istio.io/testing', tag: 'latest', ...overrides };
}

export function defaultTestConfig(overrides: ConfigOverrides = {}): InjectConfig {
  const { istio, ...rest } = overrides;
  return { ...defaultConfig(), ...rest, istio: defaultIstioConfig(istio) };
}
