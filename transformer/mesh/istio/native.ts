/**
 * Native sidecar decision: is `istio-proxy` injected as an init container with
 * `restartPolicy: Always` (Kubernetes >= 1.33 in `auto` mode, like Istio's node check)?
 *
 * | `sidecar.istio.io/nativeSidecar` | config `nativeSidecars` | result                          |
 * |----------------------------------|-------------------------|---------------------------------|
 * | absent or `""`                   | `true` / `false`        | that value                      |
 * | absent or `""`                   | `auto`                  | `kubernetesVersion` >= 1.33     |
 * | `"false"`                        | any                     | false                           |
 * | any other value                  | any                     | true (the template tests `ne "false"`) |
 *
 * Deliberate difference from Istio: a pod whose only container is a user `istio-proxy` keeps it
 * as a classic container (Istio moves it and leaves `containers: []`, which the API rejects).
 */
import type { InjectConfig } from '../../inject-config.js';
import { ANN } from './names.js';

/** First Kubernetes minor version where Istio's `auto` mode turns native sidecars on. */
const NATIVE_SIDECAR_MIN_MINOR = 33;

export function nativeSidecarsByConfig(config: InjectConfig): boolean {
  const setting = config.istio.nativeSidecars;
  if (setting !== 'auto') return setting;
  return kubernetesMinorAtLeast(config.kubernetesVersion, NATIVE_SIDECAR_MIN_MINOR);
}

export function decideNativeSidecar(annotations: Readonly<Record<string, string>>, config: InjectConfig): boolean {
  const value = annotations[ANN.nativeSidecar];
  if (value === undefined || value === '') return nativeSidecarsByConfig(config);
  return value !== 'false';
}

export function nativeForPod(
  annotations: Readonly<Record<string, string>>,
  config: InjectConfig,
  appContainerCount: number,
): boolean {
  return appContainerCount > 0 && decideNativeSidecar(annotations, config);
}

/** `1.33`, `v1.33.2`: compares `1.<minor>`; any major above 1 counts as newer. */
export function kubernetesMinorAtLeast(version: string, minMinor: number): boolean {
  const m = /^v?(\d+)\.(\d+)/.exec(version.trim());
  if (!m) return false;
  const major = Number(m[1]);
  const minor = Number(m[2]);
  return major > 1 || (major === 1 && minor >= minMinor);
}
